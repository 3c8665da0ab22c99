package io.a3c.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.a3c.config.HyperParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The defaults learn volley, a small game with Pong's difficulties: a dim ball of a few pixels
 * next to bright static walls and score, and a reward 19 steps after the ball reaches the paddle.
 *
 * <p>This guards issue 10's defect: with {@code --preprocessing reference --network reference}
 * (whole frame in [0, 1], VALID/ReLU, Glorot heads) the same budget left the 100-game mean at
 * random play's -0.5 in two runs, while the defaults reached +0.36 to +0.76 in four
 * (docs/experiments.md, runs V2-V7). About 100 s on two idle cores, 184 s beside a Pong run.
 */
class VolleyLearningIT {

  @Test
  @Timeout(330)
  void twoWorkersLearnVolleyWithTheDefaults() {
    // The defaults (cropped-normalized, elu-same) with catch's test learning rate.
    HyperParameters hp = HyperParameters.defaults("volley", 2, 2024).withLimits(100_000, 4.5)
        .withLearningRate(1e-3);
    LearningRun run = LearningRun.train(hp);
    assertTrue(run.first() < -0.2, "a random policy loses about 3 points in 4: " + run.first());
    assertTrue(run.last() >= 0.0,
        "mean of the last 100 games " + run.last() + " < 0 after " + run.steps() + " steps");
  }
}
