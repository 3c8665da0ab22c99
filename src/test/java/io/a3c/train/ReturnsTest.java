package io.a3c.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReturnsTest {

  @Test
  void discountedReturnsMatchTheReferenceDocstring() {
    // agent.py: rewards [10, 20, 30, 40], discount 0.99 -> [98.01496, 88.904, 69.6, 40].
    float[] r = Returns.discounted(new float[] {10, 20, 30, 40}, 4, 0.99, 0);
    assertArrayEquals(new float[] {98.01496f, 88.904f, 69.6f, 40f}, r, 1e-4f);
  }

  @Test
  void returnsBootstrapFromTheValueAfterTheRollout() {
    // R_2 = 1 + 0.9 * 10 = 10; R_1 = 0 + 0.9 * 10 = 9; R_0 = 2 + 0.9 * 9 = 10.1
    float[] r = Returns.discounted(new float[] {2, 0, 1}, 3, 0.9, 10);
    assertArrayEquals(new float[] {10.1f, 9f, 10f}, r, 1e-5f);
  }

  @Test
  void onlyTheFirstNRewardsCount() {
    float[] r = Returns.discounted(new float[] {1, 1, 99, 99}, 2, 0.5, 0);
    assertArrayEquals(new float[] {1.5f, 1f}, r, 1e-6f);
  }

  @Test
  void gaeWithLambdaOneIsReturnMinusValue() {
    float[] rewards = {1, 0, -1, 0.5f};
    float[] values = {0.3f, -0.2f, 0.7f, 0.1f};
    float[] returns = Returns.discounted(rewards, 4, 0.99, 2.0);
    float[] adv = Returns.advantages(rewards, values, 4, 0.99, 1.0, 2.0);
    for (int t = 0; t < 4; t++) {
      assertEquals(returns[t] - values[t], adv[t], 1e-5, "t=" + t);
    }
  }

  @Test
  void gaeAgainstAHandComputation() {
    // gamma 0.9, lambda 0.5, rewards [1, 2], values [0.5, 1.0], bootstrap 3:
    // delta_1 = 2 + 0.9*3 - 1.0 = 3.7
    // delta_0 = 1 + 0.9*1.0 - 0.5 = 1.4
    // A_1 = 3.7; A_0 = 1.4 + 0.45 * 3.7 = 3.065
    float[] adv = Returns.advantages(new float[] {1, 2}, new float[] {0.5f, 1f}, 2, 0.9, 0.5, 3);
    assertArrayEquals(new float[] {3.065f, 3.7f}, adv, 1e-5f);
  }

  @Test
  void gaeWithLambdaZeroIsTheOneStepTdError() {
    float[] adv = Returns.advantages(new float[] {1, 2}, new float[] {0.5f, 1f}, 2, 0.9, 0, 3);
    assertArrayEquals(new float[] {1.4f, 3.7f}, adv, 1e-5f);
  }

  @Test
  void rewardsAreClippedToTheirSign() {
    assertEquals(1f, Returns.clip(21));
    assertEquals(-1f, Returns.clip(-0.01));
    assertEquals(0f, Returns.clip(0));
  }

  @Test
  void explainedVariance() {
    float[] returns = {1, 2, 3, 4};
    assertEquals(1.0, Returns.explainedVariance(returns, returns, 4), 1e-9);
    float[] constant = {2.5f, 2.5f, 2.5f, 2.5f};
    assertEquals(0.0, Returns.explainedVariance(constant, returns, 4), 1e-9);
    float[] wrong = {4, 3, 2, 1};
    assertTrue(Returns.explainedVariance(wrong, returns, 4) < 0);
    assertTrue(Double.isNaN(Returns.explainedVariance(returns, constant, 4)));
  }

  @Test
  void computeWithoutBoundariesEqualsTheSingleSegmentFunctions() {
    float[] rewards = {1, 0, -1, 0.5f};
    float[] values = {0.3f, -0.2f, 0.7f, 0.1f};
    float[] none = {Float.NaN, Float.NaN, Float.NaN, Float.NaN};
    float[] ret = new float[4];
    float[] adv = new float[4];
    Returns.compute(rewards, values, none, 4, 0.99, 0.95, 2.0, ret, adv);
    assertArrayEquals(Returns.discounted(rewards, 4, 0.99, 2.0), ret, 1e-6f);
    assertArrayEquals(Returns.advantages(rewards, values, 4, 0.99, 0.95, 2.0), adv, 1e-6f);
  }

  @Test
  void nothingFlowsBackAcrossAnEpisodeBoundary() {
    // gamma 0.5, lambda 1. Steps 0-1 end in a terminal state (end value 0); step 2 starts a new
    // episode that bootstraps from V = 4 after step 3.
    float[] rewards = {1, 2, 3, 4};
    float[] values = {0, 0, 1, 1};
    float[] ends = {Float.NaN, 0f, Float.NaN, Float.NaN};
    float[] ret = new float[4];
    float[] adv = new float[4];
    Returns.compute(rewards, values, ends, 4, 0.5, 1.0, 4.0, ret, adv);
    // R_3 = 4 + 0.5*4 = 6; R_2 = 3 + 0.5*6 = 6; R_1 = 2 + 0 = 2; R_0 = 1 + 0.5*2 = 2
    assertArrayEquals(new float[] {2, 2, 6, 6}, ret, 1e-6f);
    assertArrayEquals(new float[] {2, 2, 5, 5}, adv, 1e-6f);
  }

  @Test
  void aCutEpisodeBootstrapsFromItsLastState() {
    // Step 0 was cut by a time limit with V(s_1) = 10; step 1 is a new episode.
    float[] ret = new float[2];
    float[] adv = new float[2];
    Returns.compute(new float[] {1, 1}, new float[] {2, 3}, new float[] {10f, Float.NaN}, 2,
        0.9, 1.0, 0.0, ret, adv);
    assertArrayEquals(new float[] {10f, 1f}, ret, 1e-6f);
    assertArrayEquals(new float[] {8f, -2f}, adv, 1e-6f);
  }
}
