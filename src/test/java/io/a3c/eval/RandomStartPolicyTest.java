package io.a3c.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomStartPolicyTest {
  /** Always action 2; counts what it was shown. */
  private static final class Fixed implements Policy {
    int seen;
    int resets;

    @Override
    public void reset() {
      resets++;
    }

    @Override
    public int act(float[] observation) {
      seen++;
      return 2;
    }
  }

  @Test
  void gamesStartWithUpToMaxRandomActionsThenThePolicyPlays() {
    Fixed inner = new Fixed();
    RandomStartPolicy p = new RandomStartPolicy(inner, 3, 30, 7);
    Set<Integer> prefixes = new HashSet<>();
    for (int game = 0; game < 40; game++) {
      p.reset();
      List<Integer> actions = new ArrayList<>();
      for (int step = 0; step < 60; step++) {
        actions.add(p.act(new float[1]));
      }
      // After at most 30 random actions, every action is the policy's.
      assertTrue(actions.subList(30, 60).stream().allMatch(a -> a == 2), actions.toString());
      int random = p.randomSteps();
      assertTrue(random >= 0 && random <= 30, "random start of " + random);
      assertTrue(actions.subList(random, 60).stream().allMatch(a -> a == 2),
          "the policy plays from step " + random + ": " + actions);
      assertTrue(actions.stream().allMatch(a -> a >= 0 && a < 3));
      prefixes.add(actions.subList(0, 30).hashCode());
    }
    assertEquals(40 * 60, inner.seen, "the policy watches every observation");
    assertEquals(40, inner.resets);
    assertTrue(prefixes.size() > 30, "games start differently: " + prefixes.size());
  }

  @Test
  void noRandomStepsLeavesThePolicyAlone() {
    RandomStartPolicy p = new RandomStartPolicy(new Fixed(), 3, 0, 1);
    p.reset();
    for (int i = 0; i < 10; i++) {
      assertEquals(2, p.act(new float[1]));
    }
  }
}
