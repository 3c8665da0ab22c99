package io.a3c.train;

import io.a3c.env.EnvSpec;
import io.a3c.env.Environment;
import io.a3c.env.EnvironmentInterruptedException;
import io.a3c.env.Step;
import java.util.List;

/**
 * A scripted environment: each game lasts {@code gameLength} steps with reward 1 per step; it can
 * be told to fail (as a crashed child process would) at a given step.
 */
final class FakeEnvironment implements Environment {
  static final EnvSpec SPEC = new EnvSpec("fake", new int[] {2}, List.of("A", "B"));

  private final int gameLength;
  private int failAtStep;
  private int step;
  int resets;
  int steps;
  int failures;

  FakeEnvironment(int gameLength, int failAtStep) {
    this.gameLength = gameLength;
    this.failAtStep = failAtStep;
  }

  @Override
  public EnvSpec spec() {
    return SPEC;
  }

  @Override
  public float[] reset() {
    resets++;
    step = 0;
    return new float[] {0, 1};
  }

  @Override
  public Step step(int action) {
    if (steps == failAtStep) {
      failAtStep = -1;
      failures++;
      throw new EnvironmentInterruptedException("simulated crash",
          new java.io.IOException("child exited"));
    }
    steps++;
    step++;
    boolean over = step == gameLength;
    return new Step(new float[] {step / (float) gameLength, 1}, 1.0, over, over, false);
  }

  @Override
  public void close() {}
}
