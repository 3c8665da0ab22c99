package io.a3c.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.a3c.config.HyperParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A3C learns: two workers on catch go from a random policy (about -0.6) to catching the ball. */
class CatchLearningIT {

  @Test
  @Timeout(180)
  void twoWorkersLearnCatch() {
    // The defaults except a larger learning rate, so it fits in a test's budget.
    HyperParameters hp = HyperParameters.defaults("catch", 2, 2024).withLimits(80_000, 2.5)
        .withLearningRate(1e-3);
    // Stops once the sampled mean reaches 0.9; the greedy games then judge the policy.
    LearningRun run = LearningRun.train(hp, 200, 0.9);
    assertTrue(run.first() < 0, "a random policy misses most balls: " + run.first());
    // Sampled play keeps some exploration: one CI run plateaued at 0.6-0.78 where others reached
    // 0.92-1.00, so the sampled bar is lower and the learned policy is judged greedy.
    assertTrue(run.last() >= 0.5, "mean of the last 100 games " + run.last() + " < 0.5");
    assertTrue(run.greedy() >= 0.8, "greedy mean of 200 games " + run.greedy() + " < 0.8");
  }
}
