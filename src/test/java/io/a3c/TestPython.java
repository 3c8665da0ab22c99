package io.a3c;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The project's Python environment for integration tests: the interpreter failsafe passes as
 * {@code a3c.python}, scripts run with a time limit and their output captured.
 */
public final class TestPython {
  private TestPython() {}

  /** What a script printed (stdout and stderr together) and its exit code. */
  public record Output(int code, String text) {}

  public static Path projectDir() {
    return Paths.get(System.getProperty("a3c.projectDir", ".")).toAbsolutePath();
  }

  public static String python() {
    String p = System.getProperty("a3c.python");
    return p != null ? p : projectDir().resolve(".venv/bin/python").toString();
  }

  /** Runs {@code python args...}; kills it and fails after {@code timeout}. */
  public static Output run(Duration timeout, String... args) {
    List<String> command = new ArrayList<>();
    command.add(python());
    command.addAll(List.of(args));
    try {
      Path log = Files.createTempFile("a3c-python-", ".log");
      Process p = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      p.getOutputStream().close();
      if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError(command + " did not finish within " + timeout + ":\n"
            + Files.readString(log, StandardCharsets.UTF_8));
      }
      String text = Files.readString(log, StandardCharsets.UTF_8);
      Files.deleteIfExists(log);
      return new Output(p.exitValue(), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
