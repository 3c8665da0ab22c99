package io.a3c.summary;

import io.a3c.config.HyperParameters;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Map;

/** The hyper-parameters as a Markdown table, for TensorBoard's Text tab. */
public final class HyperParameterTable {
  private HyperParameterTable() {}

  /**
   * One row per hyper-parameter (in declaration order, named like the command-line option), then
   * one row per entry of {@code extra} (versions, the environment's spec).
   */
  public static String markdown(HyperParameters hp, Map<String, ?> extra) {
    StringBuilder out = new StringBuilder("| parameter | value |\n|---|---|\n");
    for (RecordComponent c : HyperParameters.class.getRecordComponents()) {
      Object value;
      try {
        value = c.getAccessor().invoke(hp);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException(e);
      }
      row(out, "--" + kebab(c.getName()), value == null ? "default" : value);
    }
    extra.forEach((k, v) -> row(out, k, v));
    return out.toString();
  }

  private static void row(StringBuilder out, String name, Object value) {
    out.append("| ").append(escape(name)).append(" | ").append(escape(String.valueOf(value)))
        .append(" |\n");
  }

  private static String escape(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }

  static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }
}
