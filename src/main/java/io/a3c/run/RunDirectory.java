package io.a3c.run;

import io.a3c.config.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The files of one training run: {@code models/<env>/<yyyyMMdd-HHmmss>/} by default. The run
 * directory is also TensorBoard's log directory.
 */
public record RunDirectory(Path root) {
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

  /** Uses {@code dir} (created if missing) as the run directory. */
  public static RunDirectory create(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new InvalidInputException("cannot create run directory " + dir + ": " + e);
    }
    RunDirectory run = new RunDirectory(dir);
    try {
      Files.createDirectories(run.checkpoints());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return run;
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
