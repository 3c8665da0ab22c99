package io.a3c.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.a3c.config.HyperParameters;
import io.a3c.config.Network;
import io.a3c.config.Preprocessing;
import io.a3c.graph.A3CGraph;
import io.a3c.summary.SummarySink;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerTest {
  private static HyperParameters hp(int t) {
    return hp(1, t);
  }

  private static HyperParameters hp(int k, int t) {
    return new HyperParameters("fake", 1, k, t, 1_000_000, 0, 1e-3, 0.01, 40, 0.99, 1.0, 1, 30,
        47, Preprocessing.REFERENCE, Network.REFERENCE, null, 11);
  }

  /**
   * Sampled actions differ between the two runs (acting over 3 rows or over 1-2 draws other
   * random numbers), and the updates follow the actions; with a learning rate of 1e-9 the
   * weights stay put to float precision, so values and states can be compared after updates.
   */
  private static HyperParameters frozen(int k, int t) {
    return hp(k, t).withLearningRate(1e-9);
  }

  /** What one worker's rollouts left behind, to compare one group with two. */
  private record Rollouts(List<float[]> observations, List<float[]> masks, List<float[]> resets,
      List<float[]> returns, List<float[]> endValues, float[][] state, long interruptions,
      List<Integer> failures, long episodes) {}

  /**
   * Three games of different lengths (so episodes end at different rows of each sequence), one of
   * which crashes at its 4th step; the observations never depend on the actions, so the rollouts
   * of one and two groups must be equal row for row.
   */
  private static Rollouts rollouts(int groups) {
    int t = 5;
    try (A3CGraph graph = A3CGraph.build(FakeEnvironment.SPEC, frozen(3, t))) {
      graph.initialize();
      List<FakeEnvironment> envs = List.of(new FakeEnvironment(2, -1),
          new FakeEnvironment(7, 3), new FakeEnvironment(4, -1));
      EpisodeLog episodes = new EpisodeLog();
      Worker worker = new Worker(0, graph.worker(0), List.copyOf(envs), frozen(3, t), episodes,
          SummarySink.NONE, () -> false, System.nanoTime(), groups);
      worker.start();
      List<float[]> obs = new ArrayList<>();
      List<float[]> masks = new ArrayList<>();
      List<float[]> resets = new ArrayList<>();
      List<float[]> returns = new ArrayList<>();
      List<float[]> ends = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        worker.iterate();
        obs.add(worker.lastObservations());
        masks.add(worker.lastMask());
        resets.add(worker.lastResets());
        returns.add(worker.lastReturns());
        for (int s = 0; s < 3; s++) {
          ends.add(worker.lastEndValues(s));
        }
      }
      return new Rollouts(obs, masks, resets, returns, ends, worker.recurrentState(),
          worker.interruptions(), envs.stream().map(e -> e.failures).toList(),
          episodes.episodes());
    }
  }

  @Test
  void twoGroupsRollOutExactlyWhatOneGroupDoes() {
    Rollouts one = rollouts(1);
    Rollouts two = rollouts(2);
    assertEquals(List.of(0, 1, 0), two.failures(), "only the second game crashed");
    assertEquals(1, two.interruptions());
    assertEquals(one.interruptions(), two.interruptions());
    assertEquals(one.episodes(), two.episodes());
    assertTrue(two.episodes() >= 5, "games ended inside rollouts: " + two.episodes());
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(one.observations().get(i), two.observations().get(i), "rollout " + i);
      assertArrayEquals(one.masks().get(i), two.masks().get(i), "mask, rollout " + i);
      assertArrayEquals(one.resets().get(i), two.resets().get(i), "resets, rollout " + i);
      // Values come from acts over 3 rows or over 1-2 rows: equal up to float rounding.
      assertArrayEquals(one.returns().get(i), two.returns().get(i), 1e-5f, "returns " + i);
    }
    for (int j = 0; j < one.endValues().size(); j++) {
      assertArrayEquals(one.endValues().get(j), two.endValues().get(j), 1e-5f, "end values");
    }
    assertArrayEquals(one.state()[0], two.state()[0], 1e-5f, "LSTM c of every game");
    assertArrayEquals(one.state()[1], two.state()[1], 1e-5f, "LSTM h of every game");
    assertTrue(java.util.stream.IntStream.range(0, one.state()[1].length)
        .anyMatch(i -> one.state()[1][i] != 0f), "a state that was carried, not zero");
  }

  @Test
  void groupsMustFitTheEnvironments() {
    try (A3CGraph graph = A3CGraph.build(FakeEnvironment.SPEC, hp(5))) {
      assertThrows(IllegalArgumentException.class, () -> new Worker(0, graph.worker(0),
          List.of(new FakeEnvironment(3, -1)), hp(5), new EpisodeLog(), SummarySink.NONE,
          () -> false, System.nanoTime(), 2));
    }
  }

  @Test
  void aCrashedEnvironmentInterruptsTheEpisodeWithoutMakingItTerminal() {
    try (A3CGraph graph = A3CGraph.build(FakeEnvironment.SPEC, hp(5))) {
      graph.initialize();
      FakeEnvironment env = new FakeEnvironment(100, 3);
      EpisodeLog episodes = new EpisodeLog();
      Worker worker = new Worker(0, graph.worker(0), List.of(env), hp(5), episodes,
          SummarySink.NONE, () -> false, System.nanoTime());
      worker.start();
      long step = worker.iterate();

      assertEquals(1, env.failures);
      assertEquals(1, worker.interruptions());
      assertEquals(2, env.resets, "the environment restarted after the crash");
      assertEquals(0, episodes.episodes(), "an interrupted game is not a finished episode");
      float[] ends = worker.lastEndValues(0);
      // Rows 0-2 were played before the crash: row 2 bootstraps from V(s_3), not from 0.
      assertTrue(Float.isNaN(ends[0]) && Float.isNaN(ends[1]));
      assertTrue(Float.isFinite(ends[2]) && ends[2] != 0f,
          "interrupted, not terminal: end value " + ends[2]);
      // The crashed step was not played: 4 rows of 5 hold data, the new game starts at row 3.
      assertEquals(4, step);
      assertEquals(1f, worker.lastResets()[3]);
      assertEquals(0f, worker.lastMask()[4]);

      // Training goes on.
      assertEquals(9, worker.iterate());
      assertEquals(1, worker.interruptions());
    }
  }

  @Test
  void episodesEndingInsideARolloutAreTerminalAndStartFreshStates() {
    try (A3CGraph graph = A3CGraph.build(FakeEnvironment.SPEC, hp(5))) {
      graph.initialize();
      FakeEnvironment env = new FakeEnvironment(2, -1);
      EpisodeLog episodes = new EpisodeLog();
      Worker worker = new Worker(0, graph.worker(0), List.of(env), hp(5), episodes,
          SummarySink.NONE, () -> false, System.nanoTime());
      worker.start();
      assertEquals(5, worker.iterate());
      assertEquals(2, episodes.episodes());
      assertEquals(2.0, episodes.meanScore(), 1e-9, "scores are the raw game rewards");
      float[] ends = worker.lastEndValues(0);
      assertEquals(0f, ends[1]);
      assertEquals(0f, ends[3]);
      assertTrue(Float.isNaN(ends[4]));
      float[] resets = worker.lastResets();
      // Row 0 starts the first game, rows 2 and 4 start the next ones.
      assertEquals(List.of(1f, 0f, 1f, 0f, 1f),
          List.of(resets[0], resets[1], resets[2], resets[3], resets[4]));
      assertFalse(Float.isNaN(ends[1]));
    }
  }
}
