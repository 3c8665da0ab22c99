package io.a3c.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoggingTest {
  private static final Logger LOG = LogManager.getLogger("io.a3c.logging.LoggingTest");
  private static final Logger THIRD_PARTY = LogManager.getLogger("org.example.Library");

  @TempDir Path dir;
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();
  private PrintStream originalErr;

  @BeforeEach
  void captureStderr() {
    originalErr = System.err;
    System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    Logging.removeRunLog();
    Logging.configure(Verbosity.NORMAL);
    System.setErr(originalErr);
  }

  private String console() {
    return console.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theRunLogGetsEverythingUntilRemoved() throws IOException {
    Path log = dir.resolve("train.log");
    Logging.configure(Verbosity.NORMAL);
    Logging.addRunLog(log);
    Logging.addRunLog(log); // idempotent: one appender, each message once
    LOG.debug("debug detail");
    LOG.error("it broke", new IllegalStateException("bad state"));
    THIRD_PARTY.info("library chatter");

    String text = Files.readString(log);
    assertEquals(1, text.split("debug detail", -1).length - 1, text);
    assertTrue(text.matches("(?s)\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} DEBUG \\["
        + Thread.currentThread().getName() + "] io\\.a3c\\.logging\\.LoggingTest - debug detail"
        + "\\R.*"), text);
    assertTrue(text.contains("java.lang.IllegalStateException: bad state"), text);
    assertTrue(text.contains("\tat io.a3c.logging.LoggingTest."), "stack trace: " + text);
    assertFalse(text.contains("library chatter"), "third-party INFO stays out");

    Logging.removeRunLog();
    long size = Files.size(log);
    LOG.error("after removal");
    assertEquals(size, Files.size(log));
    assertTrue(console().contains("after removal"), "the console still works");
  }

  @Test
  void aNewRunLogReplacesTheOld() throws IOException {
    Path first = dir.resolve("first.log");
    Path second = dir.resolve("second.log");
    Logging.addRunLog(first);
    Logging.addRunLog(second);
    LOG.info("to the second");
    assertFalse(Files.readString(first).contains("to the second"));
    assertTrue(Files.readString(second).contains("to the second"));
  }

  @Test
  void theConsoleIsConciseAndFollowsVerbosity() {
    Logging.configure(Verbosity.NORMAL);
    LOG.debug("hidden debug");
    LOG.info("shown info");
    LOG.warn("env restarted", new IllegalStateException("broken pipe"));
    String normal = console();
    assertFalse(normal.contains("hidden debug"), normal);
    assertTrue(normal.matches("(?s)\\d\\d:\\d\\d:\\d\\d INFO  shown info\\R"
        + "\\d\\d:\\d\\d:\\d\\d WARN  env restarted: broken pipe\\R"), normal);

    console.reset();
    Logging.configure(Verbosity.QUIET);
    LOG.info("quiet info");
    LOG.warn("quiet warning");
    assertFalse(console().contains("quiet info"));
    assertTrue(console().contains("quiet warning"));

    console.reset();
    Logging.configure(Verbosity.VERBOSE);
    LOG.debug("verbose debug");
    LOG.error("verbose error", new IllegalStateException("with trace"));
    THIRD_PARTY.info("library chatter");
    String verbose = console();
    assertTrue(verbose.contains("DEBUG verbose debug"), verbose);
    assertTrue(verbose.contains("\tat io.a3c.logging.LoggingTest."), verbose);
    assertFalse(verbose.contains("library chatter"), verbose);
  }
}
