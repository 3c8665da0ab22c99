package io.a3c.export;

import io.a3c.env.Environment;
import io.a3c.env.EnvironmentFactory;
import io.a3c.env.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** Real observations for an export's recorded inputs: a fresh game played with random actions. */
public final class ObservationRecorder {
  private static final Logger LOG = LogManager.getLogger(ObservationRecorder.class);
  /** Index passed to the factory, apart from the workers' environments (for log file names). */
  static final int INDEX = 999;

  private ObservationRecorder() {}

  /**
   * Plays {@code count - 1} random actions from a reset and returns the {@code count}
   * observations seen, or an empty list if the environment cannot be made or fails (the export
   * then records random frames instead).
   */
  public static List<float[]> record(EnvironmentFactory factory, int count, long seed) {
    List<float[]> out = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(seed);
    try (Environment env = factory.create(INDEX, seed)) {
      out.add(env.reset());
      int actions = env.spec().numActions();
      while (out.size() < count) {
        Step step = env.step(random.nextInt(actions));
        out.add(step.gameOver() ? env.reset() : step.observation());
      }
      return out;
    } catch (RuntimeException e) {
      LOG.warn("could not record observations for the export ({}); using random frames",
          e.getMessage());
      return List.of();
    }
  }
}
