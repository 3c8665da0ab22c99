package io.a3c.logging;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;
import org.apache.logging.log4j.core.ErrorHandler;
import org.apache.logging.log4j.core.LogEvent;

/**
 * What happens when {@code train.log} cannot be written (a full or read-only disk): one line on
 * the console at most once a minute, instead of Log4j's own stack trace for every message. The
 * console keeps every message, and training does not depend on its log.
 */
final class RunLogErrorHandler implements ErrorHandler {
  private static final long QUIET_NANOS = 60_000_000_000L;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final Path file;
  private final Supplier<PrintStream> console;
  private long lastReport;
  private boolean reported;

  RunLogErrorHandler(Path file, Supplier<PrintStream> console) {
    this.file = file;
    this.console = console;
  }

  @Override
  public void error(String msg) {
    report(null);
  }

  @Override
  public void error(String msg, Throwable t) {
    report(t);
  }

  @Override
  public void error(String msg, LogEvent event, Throwable t) {
    report(t);
  }

  private synchronized void report(Throwable t) {
    long now = System.nanoTime();
    if (reported && now - lastReport < QUIET_NANOS) {
      return;
    }
    reported = true;
    lastReport = now;
    String reason = t == null ? "write failed" : Failures.describe(t);
    console.get().println(LocalTime.now().format(TIME) + " ERROR cannot write " + file + " ("
        + reason + "); messages go to the console only until it works");
  }
}
