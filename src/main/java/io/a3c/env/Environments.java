package io.a3c.env;

import io.a3c.config.InvalidInputException;
import io.a3c.env.builtin.BuiltinEnvironments;
import java.util.List;

/** Where environment ids are turned into factories: built-in games first, then Gymnasium. */
public final class Environments {
  private Environments() {}

  /**
   * Opens the factory for {@code id}.
   *
   * @throws InvalidInputException for an unknown id (the message names close matches)
   */
  public static EnvironmentFactory open(String id, EnvOptions options) {
    if (BuiltinEnvironments.ids().contains(id)) {
      return BuiltinEnvironments.factory(id, options);
    }
    // Gymnasium ids are dispatched here once the Python bridge exists (io.a3c.env.gym).
    throw new InvalidInputException(
        "unknown environment '" + id + "'" + closeMatchesHint(id, BuiltinEnvironments.ids()));
  }

  /** A " (did you mean: a, b?)" suffix naming up to three ids close to {@code id}, or "". */
  public static String closeMatchesHint(String id, List<String> known) {
    List<String> close = Names.closest(id, known, 3);
    return close.isEmpty() ? "" : " (did you mean: " + String.join(", ", close) + "?)";
  }
}
