package io.a3c.env;

import java.util.Arrays;
import java.util.List;

/**
 * What the network needs to know about an environment.
 *
 * @param id the environment id as the user named it
 * @param observationShape {@code [height, width, channels]} for images, {@code [size]} for vectors
 * @param actions human-readable meaning of each action index (for example NOOP, RIGHT, LEFT)
 */
public record EnvSpec(String id, int[] observationShape, List<String> actions) {

  public EnvSpec {
    if (observationShape.length != 1 && observationShape.length != 3) {
      throw new IllegalArgumentException(
          "observation shape must be [size] or [height, width, channels]: "
              + Arrays.toString(observationShape));
    }
    if (actions.isEmpty()) {
      throw new IllegalArgumentException("an environment needs at least one action");
    }
    observationShape = observationShape.clone();
    actions = List.copyOf(actions);
  }

  /** Image observations go through the convolutional torso, vectors through a dense one. */
  public boolean isImage() {
    return observationShape.length == 3;
  }

  public int numActions() {
    return actions.size();
  }

  /** Number of floats in one observation. */
  public int observationSize() {
    int n = 1;
    for (int d : observationShape) {
      n *= d;
    }
    return n;
  }

  @Override
  public int[] observationShape() {
    return observationShape.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EnvSpec s
        && id.equals(s.id)
        && Arrays.equals(observationShape, s.observationShape)
        && actions.equals(s.actions);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * id.hashCode() + Arrays.hashCode(observationShape)) + actions.hashCode();
  }

  @Override
  public String toString() {
    return id + " " + Arrays.toString(observationShape) + " " + actions;
  }
}
