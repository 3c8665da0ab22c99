package io.a3c.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.a3c.config.HyperParameters;
import io.a3c.env.EnvOptions;
import io.a3c.env.EnvironmentFactory;
import io.a3c.env.Environments;
import io.a3c.graph.A3CGraph;
import io.a3c.summary.SummarySink;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A short real Pong run with two workers: games finish and are reported; a Python environment
 * process killed mid-rollout is restarted and training goes on.
 */
class PongTrainingIT {

  @Test
  @Timeout(240)
  void twoWorkersTrainPongAndSurviveAKilledEnvironment() throws Exception {
    HyperParameters hp = HyperParameters.defaults("PongDeterministic-v4", 2, 7)
        .withLimits(Long.MAX_VALUE / 2, 1.25);
    EnvOptions options = EnvOptions.defaults().withTraining(true);
    try (EnvironmentFactory factory = Environments.open(hp.env(), options);
        A3CGraph graph = A3CGraph.build(factory.spec(), hp)) {
      assertEquals(List.of("NOOP", "RIGHT", "LEFT"), factory.spec().actions());
      graph.initialize();
      EpisodeLog episodes = new EpisodeLog();
      Trainer trainer = new Trainer(hp, graph, factory, SummarySink.NONE, episodes,
          Trainer.of(p -> System.out.printf("step %d  %.0f steps/s  games %d  mean %.1f%n",
              p.globalStep(), p.stepsPerSecond(), p.episodes(), p.meanScore())), 10);

      AtomicLong stepAtKill = new AtomicLong(-1);
      Thread killer = new Thread(() -> {
        try {
          Thread.sleep(20_000);
          ProcessHandle child = ProcessHandle.current().children()
              .filter(h -> h.info().commandLine().orElse("").contains("python"))
              .findFirst().orElseThrow();
          stepAtKill.set(graph.globalStep());
          System.out.println("killing environment process " + child.pid());
          child.destroyForcibly();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      killer.setDaemon(true);
      killer.start();
      Trainer.Outcome outcome = trainer.run();
      killer.join();

      assertNull(outcome.failure(), () -> "training failed: " + outcome.failure());
      assertTrue(stepAtKill.get() > 0, "an environment process was killed");
      assertEquals(1, trainer.interruptions(), "the killed environment was restarted once");
      assertTrue(outcome.last().globalStep() > stepAtKill.get() + 5_000,
          "training went on after the kill: " + stepAtKill.get() + " -> "
              + outcome.last().globalStep());
      assertTrue(episodes.episodes() >= 2, "games finished: " + episodes.episodes());
      for (EpisodeLog.Episode e : episodes.history()) {
        // A whole game of Pong ends at 21 points for either side: -21..21, hundreds of steps.
        assertTrue(e.score() >= -21 && e.score() <= 21, "score " + e.score());
        assertTrue(e.length() >= 21 * 10, "a game of Pong is long: " + e.length());
      }
      System.out.printf("Pong: %d games, mean %.1f, %d steps in %.0f s, 1 interruption%n",
          episodes.episodes(), episodes.meanScore(), outcome.last().globalStep(),
          outcome.last().elapsedSeconds());
    }
  }
}
