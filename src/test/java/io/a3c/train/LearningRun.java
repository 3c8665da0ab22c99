package io.a3c.train;

import io.a3c.config.HyperParameters;
import io.a3c.env.EnvOptions;
import io.a3c.env.Environment;
import io.a3c.env.EnvironmentFactory;
import io.a3c.env.Environments;
import io.a3c.eval.Evaluator;
import io.a3c.eval.GraphPolicy;
import io.a3c.graph.A3CGraph;
import io.a3c.graph.WorkerNetwork;
import io.a3c.summary.SummarySink;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A short training run on a built-in game for the learning tests: its first and last 100-game
 * means (sampled actions), the mean of greedy games played with the final weights when asked
 * for, printed with the steps and seconds it took.
 */
record LearningRun(double first, double last, double greedy, long steps, double seconds) {

  static LearningRun train(HyperParameters hp) {
    return train(hp, 0);
  }

  /** @param greedyGames greedy games to play with the final weights (0: none; greedy is NaN) */
  static LearningRun train(HyperParameters hp, int greedyGames) {
    return train(hp, greedyGames, Double.POSITIVE_INFINITY);
  }

  /**
   * @param stopAtMean stop once the 100-game mean reaches it: the budget is for a run that has
   *     not learned yet
   */
  static LearningRun train(HyperParameters hp, int greedyGames, double stopAtMean) {
    try (EnvironmentFactory factory = Environments.open(hp.env(), EnvOptions.defaults());
        A3CGraph graph = A3CGraph.build(factory.spec(), hp)) {
      graph.initialize();
      EpisodeLog episodes = new EpisodeLog();
      long start = System.nanoTime();
      AtomicReference<Trainer> trainer = new AtomicReference<>();
      trainer.set(new Trainer(hp, graph, factory, SummarySink.NONE, episodes,
          Trainer.of(p -> {
            System.out.printf("step %d  %.0f steps/s  mean %.2f%n", p.globalStep(),
                p.stepsPerSecond(), p.meanScore());
            if (episodes.episodes() >= EpisodeLog.WINDOW && p.meanScore() >= stopAtMean) {
              trainer.get().finishEarly();
            }
          }), 5));
      Trainer.Outcome outcome = trainer.get().run();
      double first = episodes.history().subList(0, 100).stream()
          .mapToDouble(EpisodeLog.Episode::score).average().orElseThrow();
      double seconds = (System.nanoTime() - start) / 1e9;
      double greedy = Double.NaN;
      if (greedyGames > 0) {
        WorkerNetwork net = graph.worker(0);
        net.sync();
        try (Environment env = factory.create(0, hp.seed() + 1_000_000)) {
          greedy = Evaluator.play(env, new GraphPolicy(net, true), greedyGames, 10_000, null,
              (g, score, length) -> {}).mean();
        }
      }
      LearningRun run = new LearningRun(first, episodes.meanScore(), greedy,
          outcome.last().globalStep(), seconds);
      System.out.printf("%s: first 100 games %.2f, last 100 games %.2f, greedy %.2f, %d steps "
          + "in %.0f s%n", hp.env(), run.first(), run.last(), run.greedy(), run.steps(),
          run.seconds());
      return run;
    }
  }
}
