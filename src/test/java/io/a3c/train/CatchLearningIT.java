package io.a3c.train;

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

/** A3C learns: two workers on catch go from a random policy (about -0.6) to catching the ball. */
class CatchLearningIT {

  @Test
  @Timeout(180)
  void twoWorkersLearnCatch() {
    // The reference's defaults except a larger learning rate, so it fits in a test's budget.
    HyperParameters hp = HyperParameters.defaults("catch", 2, 2024).withLimits(80_000, 2.5)
        .withLearningRate(1e-3);
    try (EnvironmentFactory factory = Environments.open("catch", EnvOptions.defaults());
        A3CGraph graph = A3CGraph.build(factory.spec(), hp)) {
      graph.initialize();
      EpisodeLog episodes = new EpisodeLog();
      long start = System.nanoTime();
      Trainer.Outcome outcome = new Trainer(hp, graph, factory, SummarySink.NONE, episodes,
          Trainer.of(p -> System.out.printf("step %d  %.0f steps/s  mean %.2f%n",
              p.globalStep(), p.stepsPerSecond(), p.meanScore())), 5).run();
      double seconds = (System.nanoTime() - start) / 1e9;
      List<EpisodeLog.Episode> history = episodes.history();
      double first = history.subList(0, 100).stream().mapToDouble(EpisodeLog.Episode::score)
          .average().orElseThrow();
      double last = episodes.meanScore();
      System.out.printf("catch: first 100 games %.2f, last 100 games %.2f, %d steps in %.0f s%n",
          first, last, outcome.last().globalStep(), seconds);
      assertTrue(first < 0, "a random policy misses most balls: " + first);
      assertTrue(last >= 0.8, "mean of the last 100 games " + last + " < 0.8");
    }
  }
}
