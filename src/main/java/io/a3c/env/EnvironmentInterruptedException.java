package io.a3c.env;

/**
 * The environment failed mid-episode and was (or will be) restarted. The episode was interrupted,
 * not terminated: learners must not treat the last state as terminal.
 */
public class EnvironmentInterruptedException extends RuntimeException {
  public EnvironmentInterruptedException(String message, Throwable cause) {
    super(message, cause);
  }
}
