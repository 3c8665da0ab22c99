package io.a3c.run;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.TensorFlow;

/** Versions recorded in every run's config and printed by {@code --version}. */
public final class Versions {
  public static final String TENSORFLOW_JAVA = "1.0.0";

  private Versions() {}

  public static String project() {
    String v = Versions.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  public static Map<String, String> java() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("a3c", project());
    out.put("tensorflow_java", TENSORFLOW_JAVA);
    out.put("tensorflow_native", TensorFlow.version());
    out.put("java", System.getProperty("java.version"));
    return out;
  }
}
