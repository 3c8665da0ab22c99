package io.a3c.env;

/**
 * One environment instance, stepped by one thread at a time.
 *
 * <p>Observations are flat float arrays in row-major order of {@link EnvSpec#observationShape()}
 * (height, width, channels for images). Actions are indices into {@link EnvSpec#actions()}, the
 * possibly restricted action space, not raw game actions.
 */
public interface Environment extends AutoCloseable {

  EnvSpec spec();

  /** Starts a new game and returns its first observation. */
  float[] reset();

  /**
   * Plays one action.
   *
   * @throws IllegalArgumentException if the action is outside the action space
   * @throws EnvironmentInterruptedException if the environment failed (a crashed or hung child
   *     process, say) and was restarted: the episode was interrupted, not terminated, and the
   *     caller must {@link #reset()} before stepping again
   */
  Step step(int action);

  /**
   * The current full-colour frame, when the environment was made with
   * {@link EnvOptions#recordFrames()}; empty otherwise.
   */
  default java.util.Optional<RgbFrame> frame() {
    return java.util.Optional.empty();
  }

  @Override
  void close();
}
