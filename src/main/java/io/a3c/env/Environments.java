package io.a3c.env;

import io.a3c.config.InvalidInputException;
import io.a3c.env.builtin.BuiltinEnvironments;
import io.a3c.env.gym.GymEnvironmentFactory;
import java.util.List;

/** Where environment ids are turned into factories: built-in games first, then Gymnasium. */
public final class Environments {
  private Environments() {}

  /**
   * Opens the factory for {@code id}.
   *
   * @throws InvalidInputException for an unknown id (the message names close matches), or a
   *     missing Python/Gymnasium for a Gymnasium id (the message names the setup step)
   */
  public static EnvironmentFactory open(String id, EnvOptions options) {
    if (BuiltinEnvironments.ids().contains(id)) {
      return BuiltinEnvironments.factory(id, options);
    }
    // Everything else is a Gymnasium id; the bridge validates it (close matches for unknown ids).
    return GymEnvironmentFactory.open(id, options);
  }

  /** A " (did you mean: a, b?)" suffix naming up to three ids close to {@code id}, or "". */
  public static String closeMatchesHint(String id, List<String> known) {
    List<String> close = Names.closest(id, known, 3);
    return close.isEmpty() ? "" : " (did you mean: " + String.join(", ", close) + "?)";
  }
}
