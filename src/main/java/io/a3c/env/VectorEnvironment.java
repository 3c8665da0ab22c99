package io.a3c.env;

import java.util.List;

/**
 * A worker's K environments, stepped with an asynchronous step: {@link #send} starts an
 * environment's step and {@link #receive} collects it. Environments in child processes
 * ({@link PipelinedEnvironment}) play between the two calls, side by side with each other and
 * with whatever the caller does meanwhile (acting for its other environments); the others play
 * inside {@link #receive}. One environment's failure is its own: the others keep their games.
 */
public final class VectorEnvironment implements AutoCloseable {
  private final List<Environment> envs;
  /** The action sent to an environment that steps inside receive(), or -1. */
  private final int[] deferred;
  /** A failure of send(), reported by the matching receive(). */
  private final EnvironmentInterruptedException[] sendFailures;
  private final boolean[] inFlight;

  public VectorEnvironment(List<Environment> envs) {
    if (envs.isEmpty()) {
      throw new IllegalArgumentException("a vector environment needs at least one environment");
    }
    this.envs = List.copyOf(envs);
    deferred = new int[envs.size()];
    sendFailures = new EnvironmentInterruptedException[envs.size()];
    inFlight = new boolean[envs.size()];
  }

  public int size() {
    return envs.size();
  }

  public EnvSpec spec() {
    return envs.get(0).spec();
  }

  /** Starts a new game in environment {@code i} and returns its first observation. */
  public float[] reset(int i) {
    if (inFlight[i]) {
      throw new IllegalStateException("environment " + i + " has a step in flight: receive it "
          + "before reset");
    }
    return envs.get(i).reset();
  }

  /**
   * Starts environment {@code i}'s step with {@code action}. A failure to send is not thrown here
   * but by the matching {@link #receive}, so that the caller handles every failure in one place.
   */
  public void send(int i, int action) {
    if (inFlight[i]) {
      throw new IllegalStateException("environment " + i + " already has a step in flight");
    }
    inFlight[i] = true;
    deferred[i] = -1;
    sendFailures[i] = null;
    if (envs.get(i) instanceof PipelinedEnvironment p) {
      try {
        p.sendStep(action);
      } catch (EnvironmentInterruptedException e) {
        sendFailures[i] = e;
      }
    } else {
      deferred[i] = action;
    }
  }

  /**
   * The outcome of environment {@code i}'s step.
   *
   * @throws EnvironmentInterruptedException if the environment failed during the step and was
   *     restarted: {@link #reset} it before the next {@link #send}
   */
  public Step receive(int i) {
    if (!inFlight[i]) {
      throw new IllegalStateException("environment " + i + " has no step in flight");
    }
    inFlight[i] = false;
    if (sendFailures[i] != null) {
      EnvironmentInterruptedException e = sendFailures[i];
      sendFailures[i] = null;
      throw e;
    }
    Environment env = envs.get(i);
    return deferred[i] >= 0 ? env.step(deferred[i]) : ((PipelinedEnvironment) env).receiveStep();
  }

  /** Closes every environment. */
  @Override
  public void close() {
    envs.forEach(Environment::close);
  }
}
