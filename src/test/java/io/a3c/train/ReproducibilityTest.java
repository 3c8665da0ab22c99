package io.a3c.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.a3c.config.HyperParameters;
import io.a3c.env.EnvOptions;
import io.a3c.env.EnvironmentFactory;
import io.a3c.env.Environments;
import io.a3c.graph.A3CGraph;
import io.a3c.summary.SummarySink;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Result;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

class ReproducibilityTest {

  /** Scores of every game and the final global weights of a short single-worker run. */
  private record RunResult(List<Double> scores, List<float[]> weights, long step) {}

  private static RunResult train(long seed) {
    HyperParameters hp = HyperParameters.defaults("catch", 1, seed).withLimits(1_000, 0)
        .withLearningRate(1e-3);
    try (EnvironmentFactory factory = Environments.open("catch", EnvOptions.defaults());
        A3CGraph graph = A3CGraph.build(factory.spec(), hp)) {
      graph.initialize();
      EpisodeLog episodes = new EpisodeLog();
      new Trainer(hp, graph, factory, SummarySink.NONE, episodes, Trainer.quiet(), 1).run();
      List<float[]> weights = new ArrayList<>();
      for (var v : graph.global().all()) {
        try (Result r = graph.session().runner().fetch(v).run()) {
          TFloat32 t = (TFloat32) r.get(0);
          float[] out = new float[(int) t.size()];
          t.copyTo(DataBuffers.of(out, false, false));
          weights.add(out);
        }
      }
      return new RunResult(episodes.history().stream().map(EpisodeLog.Episode::score).toList(),
          weights, graph.globalStep());
    }
  }

  @Test
  void aSingleWorkerRunOnCatchIsReproducibleWithASeed() {
    RunResult a = train(17);
    RunResult b = train(17);
    assertEquals(1_000, a.step());
    assertEquals(a.step(), b.step());
    assertEquals(a.scores(), b.scores());
    for (int i = 0; i < a.weights().size(); i++) {
      assertArrayEquals(a.weights().get(i), b.weights().get(i), "variable " + i);
    }
    RunResult c = train(18);
    assertNotEquals(a.scores(), c.scores(), "another seed plays other games");
  }
}
