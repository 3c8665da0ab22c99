package io.a3c.eval;

import java.util.Random;

/**
 * Random starts for evaluation: each game begins with 0 to {@code maxSteps} uniformly random
 * actions (as Atari evaluations begin with random no-ops) while the wrapped policy watches, so
 * its recurrent state follows the game; then the policy plays. A greedy policy in a
 * deterministic emulator (PongDeterministic-v4) would otherwise play the same game every time,
 * and a mean over several games would be one game counted several times.
 */
public final class RandomStartPolicy implements Policy {
  /** The usual limit of Atari evaluations' random no-op starts. */
  public static final int DEFAULT_MAX_STEPS = 30;

  private final Policy inner;
  private final int actions;
  private final int maxSteps;
  private final Random random;
  private int randomLeft;
  private int randomSteps;

  /**
   * @param actions size of the action space
   * @param maxSteps most random actions at the start of a game
   */
  public RandomStartPolicy(Policy inner, int actions, int maxSteps, long seed) {
    if (actions < 1 || maxSteps < 0) {
      throw new IllegalArgumentException("need actions >= 1 and maxSteps >= 0");
    }
    this.inner = inner;
    this.actions = actions;
    this.maxSteps = maxSteps;
    this.random = new Random(seed);
    this.randomLeft = random.nextInt(maxSteps + 1);
    this.randomSteps = randomLeft;
  }

  /** How many random actions the current (or just finished) game started with. */
  public int randomSteps() {
    return randomSteps;
  }

  @Override
  public void reset() {
    inner.reset();
    randomLeft = random.nextInt(maxSteps + 1);
    randomSteps = randomLeft;
  }

  @Override
  public int act(float[] observation) {
    int chosen = inner.act(observation);
    if (randomLeft > 0) {
      randomLeft--;
      return random.nextInt(actions);
    }
    return chosen;
  }

  @Override
  public void close() {
    inner.close();
  }
}
