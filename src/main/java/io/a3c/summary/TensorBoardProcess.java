package io.a3c.summary;

import io.a3c.config.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * TensorBoard from the project's Python environment, as a child process serving one log
 * directory on 127.0.0.1 only.
 */
public final class TensorBoardProcess implements AutoCloseable {
  public static final String HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 6006;
  /** TensorBoard imports TensorFlow when it starts: seconds on a small machine. */
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(90);
  private static final String SETUP_STEP = "bash python-export/setup.sh";

  private final Process process;
  private final int port;
  private final Path log;

  private TensorBoardProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts {@code python -m tensorboard.main --logdir DIR --host 127.0.0.1 --port N}; its output
   * goes to {@code log}.
   *
   * @throws InvalidInputException if the interpreter cannot be started (naming the setup step)
   */
  public static TensorBoardProcess start(String python, Path logdir, int port, Path log) {
    List<String> command = List.of(python, "-m", "tensorboard.main",
        "--logdir", logdir.toAbsolutePath().toString(), "--host", HOST,
        "--port", Integer.toString(port));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    try {
      return new TensorBoardProcess(pb.start(), port, log);
    } catch (IOException e) {
      throw new InvalidInputException("cannot start TensorBoard with " + python + " ("
          + e.getMessage() + "); create the project's Python environment with: " + SETUP_STEP);
    }
  }

  public String url() {
    return "http://" + HOST + ":" + port + "/";
  }

  /**
   * Waits until TensorBoard answers HTTP requests.
   *
   * @throws InvalidInputException if it exits first (TensorBoard missing, port taken), with the
   *     last line of its output
   * @throws IllegalStateException if it does not answer within {@code timeout}
   */
  public void awaitServing(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new InvalidInputException("TensorBoard exited with code " + process.exitValue()
            + ": " + lastLine() + " (is the Python environment ready? " + SETUP_STEP + ")");
      }
      if (get("data/runs") != null) {
        return;
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting TensorBoard", e);
      }
    }
    throw new IllegalStateException("TensorBoard did not answer on " + url() + " within "
        + timeout.toSeconds() + " s (output: " + log + ")");
  }

  /** The body of {@code GET <url>/<path>}, or null if TensorBoard does not answer 200. */
  public String get(String path) {
    try {
      HttpURLConnection c = (HttpURLConnection) URI.create(url() + path).toURL().openConnection();
      c.setConnectTimeout(2_000);
      c.setReadTimeout(10_000);
      try {
        if (c.getResponseCode() != 200) {
          return null;
        }
        return new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      } finally {
        c.disconnect();
      }
    } catch (IOException e) {
      return null;
    }
  }

  /** Blocks until TensorBoard exits; returns its exit code. */
  public int waitFor() throws InterruptedException {
    return process.waitFor();
  }

  public Path log() {
    return log;
  }

  private String lastLine() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (!lines.get(i).isBlank()) {
          return lines.get(i).strip();
        }
      }
      return "no output";
    } catch (IOException | UncheckedIOException e) {
      return "no output";
    }
  }

  /** Stops TensorBoard (and waits up to 5 s before killing it). */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
