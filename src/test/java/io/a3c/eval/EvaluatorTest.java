package io.a3c.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.a3c.env.EnvSpec;
import io.a3c.env.Environment;
import io.a3c.env.RgbFrame;
import io.a3c.env.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
  private static final EnvSpec SPEC = new EnvSpec("fake", new int[] {2}, List.of("A", "B"));

  /** A game that pays 1 every {@code rewardEvery} steps (never when 0) and ends at {@code end}. */
  private static final class Game implements Environment {
    final int rewardEvery;
    final int end;
    int t;

    Game(int rewardEvery, int end) {
      this.rewardEvery = rewardEvery;
      this.end = end;
    }

    @Override
    public EnvSpec spec() {
      return SPEC;
    }

    @Override
    public float[] reset() {
      t = 0;
      return new float[2];
    }

    @Override
    public Step step(int action) {
      t++;
      double reward = rewardEvery > 0 && t % rewardEvery == 0 ? 1 : 0;
      boolean over = t >= end;
      return new Step(new float[2], reward, over, over, false);
    }

    @Override
    public Optional<RgbFrame> frame() {
      return Optional.of(new RgbFrame(1, 1, new byte[3]));
    }

    @Override
    public void close() {}
  }

  private static final Policy FIRST = new Policy() {
    @Override
    public void reset() {}

    @Override
    public int act(float[] observation) {
      return 0;
    }
  };

  @Test
  void aGameWithoutRewardsIsStoppedWhereItIs() {
    Evaluator.Scores s = Evaluator.play(new Game(0, 1_000_000), FIRST, 2, 27_000, 50, null,
        (g, score, length) -> {}, () -> false);
    assertEquals(List.of(50L, 50L), s.lengths());
    assertEquals(0, s.mean());
    assertEquals(List.of(Evaluator.Ending.NO_REWARD, Evaluator.Ending.NO_REWARD), s.endings());
  }

  @Test
  void rewardsKeepAGameGoingToItsEnd() {
    Evaluator.Scores s = Evaluator.play(new Game(40, 1_000), FIRST, 1, 27_000, 50, null,
        (g, score, length) -> {}, () -> false);
    assertEquals(List.of(1_000L), s.lengths());
    assertEquals(25, s.mean());
    assertEquals(List.of(Evaluator.Ending.GAME_OVER), s.endings());
    Evaluator.Scores capped = Evaluator.play(new Game(40, 1_000), FIRST, 1, 300, 50, null,
        (g, score, length) -> {}, () -> false);
    assertEquals(List.of(300L), capped.lengths());
    assertEquals(List.of(Evaluator.Ending.STEP_LIMIT), capped.endings());
    assertEquals("step_limit", Evaluator.Ending.STEP_LIMIT.label());
  }

  @Test
  void everyGamesFramesComeWithItsIndexAndCancellingStops() {
    List<Integer> games = new ArrayList<>();
    Evaluator.play(new Game(1, 3), FIRST, 2, 100, 100, (g, f) -> games.add(g),
        (g, score, length) -> {}, () -> false);
    assertEquals(List.of(0, 0, 0, 0, 1, 1, 1, 1), games, "reset frame and 3 steps per game");
    int[] steps = {0};
    assertThrows(CancellationException.class, () -> Evaluator.play(new Game(1, 1_000), FIRST,
        1, 1_000, 1_000, null, (g, score, length) -> {}, () -> ++steps[0] > 5));
  }
}
