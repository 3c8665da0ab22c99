package io.a3c.run;

import io.a3c.config.InvalidInputException;
import io.a3c.logging.Failures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The files of one training run: {@code models/<env>/<yyyyMMdd-HHmmss>/} by default. The run
 * directory is also TensorBoard's log directory.
 */
public record RunDirectory(Path root) {
  /** Bytes the start-up check writes: a nearly full disk fails it too. */
  private static final int PROBE_BYTES = 64 * 1024;
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  /** Where runs go by default: {@code <a3c.home>/models}, or {@code ./models}. */
  public static Path defaultModelsRoot() {
    String home = System.getProperty("a3c.home");
    return home == null ? Paths.get("models") : Paths.get(home, "models");
  }

  /** A new timestamped run directory for {@code env} under {@code modelsRoot}. */
  public static RunDirectory createNew(Path modelsRoot, String env, LocalDateTime now) {
    Path parent = modelsRoot.resolve(env.replaceAll("[^A-Za-z0-9._-]", "_"));
    Path dir = parent.resolve(STAMP.format(now));
    for (int i = 2; Files.exists(dir); i++) {
      dir = parent.resolve(STAMP.format(now) + "-" + i);
    }
    return create(dir);
  }

  /**
   * Uses {@code dir} (created if missing) as the run directory.
   *
   * @throws InvalidInputException naming the path if it cannot be created
   */
  public static RunDirectory create(Path dir) {
    RunDirectory run = new RunDirectory(dir);
    for (Path d : List.of(dir, run.checkpoints())) {
      try {
        Files.createDirectories(d);
      } catch (IOException e) {
        throw new InvalidInputException("cannot create the run directory " + d + " ("
            + Failures.describe(e) + ")");
      }
    }
    return run;
  }

  /**
   * Checks that training can write here before it starts: writes and deletes a small file in
   * the run directory and in its checkpoints directory (a read-only or full disk fails now, not
   * at the first checkpoint).
   *
   * @throws InvalidInputException naming the path and the reason
   */
  public void checkWritable() {
    for (Path dir : List.of(root, checkpoints())) {
      Path probe = dir.resolve(".write-test");
      try {
        Files.createDirectories(dir);
        Files.write(probe, new byte[PROBE_BYTES]);
        Files.delete(probe);
      } catch (IOException e) {
        try {
          Files.deleteIfExists(probe);
        } catch (IOException ignored) {
          // the write's own error is the one to report
        }
        throw new InvalidInputException("cannot write in the run directory " + dir + " ("
            + Failures.describe(e) + ")");
      }
    }
  }

  /** An existing run directory (for resume, eval, export). */
  public static RunDirectory existing(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new InvalidInputException("run directory not found: " + dir);
    }
    if (!Files.isRegularFile(dir.resolve("config.json"))) {
      throw new InvalidInputException(
          "not a run directory (no config.json): " + dir);
    }
    return new RunDirectory(dir);
  }

  public Path config() {
    return root.resolve("config.json");
  }

  public Path trainLog() {
    return root.resolve("train.log");
  }

  public Path progressCsv() {
    return root.resolve("progress.csv");
  }

  /** Every finished game: the learning curve's data, kept across resumes. */
  public Path episodesCsv() {
    return root.resolve("episodes.csv");
  }

  public Path checkpoints() {
    return root.resolve("checkpoints");
  }

  public Path savedModel() {
    return root.resolve("saved_model");
  }

  /** One row per evaluation during training. */
  public Path evalCsv() {
    return root.resolve("eval.csv");
  }

  /** One row per game of every evaluation during training. */
  public Path evalGamesCsv() {
    return root.resolve("eval-games.csv");
  }

  /** The policy of the evaluation with the best mean so far. */
  public Path bestSavedModel() {
    return root.resolve("best_saved_model");
  }

  /** The highest-scoring evaluation game so far, in full colour. */
  public Path bestGameGif() {
    return root.resolve("best-game.gif");
  }

  public Path learningCurve() {
    return root.resolve("learning-curve.png");
  }

  /** Python stderr of environment processes. */
  public Path envLogs() {
    return root.resolve("env-logs");
  }
}
