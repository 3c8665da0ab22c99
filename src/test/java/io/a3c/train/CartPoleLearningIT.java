package io.a3c.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.a3c.config.HyperParameters;
import io.a3c.env.EnvOptions;
import io.a3c.env.EnvironmentFactory;
import io.a3c.env.Environments;
import io.a3c.graph.A3CGraph;
import io.a3c.summary.SummarySink;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A vector-observation Gymnasium environment trains through the dense torso, and learns. */
class CartPoleLearningIT {

  @Test
  @Timeout(240)
  void twoWorkersLearnCartPole() {
    HyperParameters hp = HyperParameters.defaults("CartPole-v1", 2, 3).withLimits(150_000, 2.5)
        .withLearningRate(1e-3);
    try (EnvironmentFactory factory = Environments.open(hp.env(), EnvOptions.defaults());
        A3CGraph graph = A3CGraph.build(factory.spec(), hp)) {
      assertArrayEquals(new int[] {4}, factory.spec().observationShape());
      graph.initialize();
      EpisodeLog episodes = new EpisodeLog();
      Trainer.Outcome outcome = new Trainer(hp, graph, factory, SummarySink.NONE, episodes,
          Trainer.of(p -> System.out.printf("step %d  %.0f steps/s  mean %.1f%n",
              p.globalStep(), p.stepsPerSecond(), p.meanScore())), 10).run();
      List<EpisodeLog.Episode> history = episodes.history();
      double first = mean(history, 0);
      double best = 0;
      for (int end = 100; end <= history.size(); end++) {
        best = Math.max(best, mean(history, end - 100));
      }
      System.out.printf("CartPole: first 100 games %.1f, best 100 %.1f, last 100 %.1f, %d steps%n",
          first, best, episodes.meanScore(), outcome.last().globalStep());
      // A random policy balances about 22 steps. A3C on CartPole learns but is unstable: the
      // 100-game mean peaked at 166-376 in four runs here and once fell back to 84 by the end,
      // so the test asserts the peak.
      assertTrue(first < 50, "an untrained policy drops the pole early: " + first);
      assertTrue(best >= 100, "best mean of 100 consecutive games " + best + " < 100");
    }
  }

  private static double mean(List<EpisodeLog.Episode> games, int from) {
    return games.subList(from, from + 100).stream().mapToDouble(EpisodeLog.Episode::score)
        .average().orElseThrow();
  }
}
