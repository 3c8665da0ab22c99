package io.a3c.report;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Shows {@link StatusLine}s while training. On a terminal it keeps rewriting one line, at most
 * {@value #REFRESHES_PER_SECOND} times a second so it does not flicker or cost time; elsewhere (a
 * log file, CI) it prints whole lines at most once per interval so the output stays readable.
 * Not thread-safe: one thread reports progress.
 */
public final class StatusPrinter {
  /** The default interval between lines when the output is not a terminal. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
  static final int REFRESHES_PER_SECOND = 4;

  private final PrintWriter out;
  private final boolean interactive;
  private final long intervalNanos;
  private final LongSupplier nanoClock;
  private long lastPrint;
  private boolean printed;
  private int lastLength;

  /**
   * @param out where the status goes
   * @param interactive rewrite one line with carriage returns (for a terminal)
   * @param interval the least time between lines when not interactive
   */
  public StatusPrinter(PrintStream out, boolean interactive, Duration interval) {
    this(new PrintWriter(out, true), interactive, interval, System::nanoTime);
  }

  /** For a picocli command's writer. */
  public StatusPrinter(PrintWriter out, boolean interactive, Duration interval) {
    this(out, interactive, interval, System::nanoTime);
  }

  StatusPrinter(PrintStream out, boolean interactive, Duration interval, LongSupplier nanoClock) {
    this(new PrintWriter(out, true), interactive, interval, nanoClock);
  }

  StatusPrinter(PrintWriter out, boolean interactive, Duration interval, LongSupplier nanoClock) {
    if (interval.isNegative()) {
      throw new IllegalArgumentException("interval must not be negative, got " + interval);
    }
    this.out = out;
    this.interactive = interactive;
    this.intervalNanos = interactive
        ? Duration.ofSeconds(1).toNanos() / REFRESHES_PER_SECOND : interval.toNanos();
    this.nanoClock = nanoClock;
  }

  /**
   * Whether this process writes to a terminal, the usual way to choose {@code interactive}.
   * System.console() is null when input or output is redirected (up to Java 21; later versions
   * answer through Console.isTerminal, asked reflectively so the code still builds for Java 17).
   */
  public static boolean consoleIsTerminal() {
    var console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) console.getClass().getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException beforeJava22) {
      return true;
    }
  }

  /** Shows {@code s} unless the previous line was shown too recently. */
  public void update(StatusLine.Status s) {
    long now = nanoClock.getAsLong();
    if (printed && now - lastPrint < intervalNanos) {
      return;
    }
    lastPrint = now;
    printed = true;
    show(StatusLine.format(s));
    if (!interactive) {
      out.println();
    }
    out.flush();
  }

  /** Shows the final status regardless of the interval and ends the line. */
  public void finish(StatusLine.Status s) {
    show(StatusLine.format(s));
    out.println();
    out.flush();
    lastLength = 0;
  }

  private void show(String line) {
    if (interactive) {
      // Spaces rather than an ANSI erase: clears a longer previous line on every terminal.
      out.print('\r' + line + " ".repeat(Math.max(0, lastLength - line.length())));
      lastLength = line.length();
    } else {
      out.print(line);
    }
  }
}
