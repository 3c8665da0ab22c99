package io.a3c.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.a3c.config.HyperParameters;
import io.a3c.config.Network;
import io.a3c.config.Preprocessing;
import io.a3c.graph.A3CGraph;
import io.a3c.summary.SummarySink;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerTest {
  private static HyperParameters hp(int t) {
    return new HyperParameters("fake", 1, 1, t, 1_000_000, 0, 1e-3, 0.01, 40, 0.99, 1.0, 1, 30,
        47, Preprocessing.REFERENCE, Network.REFERENCE, null, 11);
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
