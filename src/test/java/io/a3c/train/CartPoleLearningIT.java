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
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A vector-observation Gymnasium environment trains through the dense torso, and learns. */
class CartPoleLearningIT {
  /** Balancing steps a learned policy averages over 100 games; a random one, about 22. */
  private static final double BAR = 100;

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
      AtomicReference<Trainer> trainer = new AtomicReference<>();
      // Stops once the bar is passed: the budget is for a run that has not learned yet.
      trainer.set(new Trainer(hp, graph, factory, SummarySink.NONE, episodes,
          Trainer.of(p -> {
            System.out.printf("step %d  %.0f steps/s  mean %.1f%n", p.globalStep(),
                p.stepsPerSecond(), p.meanScore());
            if (best(episodes.history()) >= BAR) {
              trainer.get().finishEarly();
            }
          }), 5));
      Trainer.Outcome outcome = trainer.get().run();
      List<EpisodeLog.Episode> history = episodes.history();
      double first = mean(history, 0);
      double best = best(history);
      System.out.printf("CartPole: first 100 games %.1f, best 100 %.1f, last 100 %.1f, %d steps%n",
          first, best, episodes.meanScore(), outcome.last().globalStep());
      // A random policy balances about 22 steps. A3C on CartPole learns but is unstable: the
      // 100-game mean peaked at 166-376 in four runs here and once fell back to 84 by the end,
      // so the test asserts the peak.
      assertTrue(first < 50, "an untrained policy drops the pole early: " + first);
      assertTrue(best >= BAR, "best mean of 100 consecutive games " + best + " < " + BAR);
    }
  }

  /** The best mean of 100 consecutive games. */
  private static double best(List<EpisodeLog.Episode> games) {
    double best = 0;
    for (int end = 100; end <= games.size(); end++) {
      best = Math.max(best, mean(games, end - 100));
    }
    return best;
  }

  private static double mean(List<EpisodeLog.Episode> games, int from) {
    return games.subList(from, from + 100).stream().mapToDouble(EpisodeLog.Episode::score)
        .average().orElseThrow();
  }
}
