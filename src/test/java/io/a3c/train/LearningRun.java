package io.a3c.train;

import io.a3c.config.HyperParameters;
import io.a3c.env.EnvOptions;
import io.a3c.env.EnvironmentFactory;
import io.a3c.env.Environments;
import io.a3c.graph.A3CGraph;
import io.a3c.summary.SummarySink;

/**
 * A short training run on a built-in game for the learning tests: its first and last 100-game
 * means, printed with the steps and seconds it took.
 */
record LearningRun(double first, double last, long steps, double seconds) {

  static LearningRun train(HyperParameters hp) {
    try (EnvironmentFactory factory = Environments.open(hp.env(), EnvOptions.defaults());
        A3CGraph graph = A3CGraph.build(factory.spec(), hp)) {
      graph.initialize();
      EpisodeLog episodes = new EpisodeLog();
      long start = System.nanoTime();
      Trainer.Outcome outcome = new Trainer(hp, graph, factory, SummarySink.NONE, episodes,
          Trainer.of(p -> System.out.printf("step %d  %.0f steps/s  mean %.2f%n",
              p.globalStep(), p.stepsPerSecond(), p.meanScore())), 5).run();
      double first = episodes.history().subList(0, 100).stream()
          .mapToDouble(EpisodeLog.Episode::score).average().orElseThrow();
      LearningRun run = new LearningRun(first, episodes.meanScore(),
          outcome.last().globalStep(), (System.nanoTime() - start) / 1e9);
      System.out.printf("%s: first 100 games %.2f, last 100 games %.2f, %d steps in %.0f s%n",
          hp.env(), run.first(), run.last(), run.steps(), run.seconds());
      return run;
    }
  }
}
