package io.a3c.env;

/**
 * An environment whose step can be split in two: the action goes out, and the result is collected
 * later. An environment in another process plays its step between the two calls, so a caller can
 * start the steps of several environments (they then play at the same time, one per core) and do
 * other work, acting for other environments, say, before it collects them.
 *
 * <p>{@link #step(int)} is {@link #sendStep(int)} followed by {@link #receiveStep()}.
 */
public interface PipelinedEnvironment extends Environment {

  /**
   * Starts playing {@code action}; {@link #receiveStep()} must come next.
   *
   * @throws IllegalArgumentException if the action is outside the action space
   * @throws EnvironmentInterruptedException as for {@link #step(int)}
   */
  void sendStep(int action);

  /**
   * The outcome of the action sent by {@link #sendStep(int)}, waiting for it if needed.
   *
   * @throws EnvironmentInterruptedException as for {@link #step(int)}
   */
  Step receiveStep();

  @Override
  default Step step(int action) {
    sendStep(action);
    return receiveStep();
  }
}
