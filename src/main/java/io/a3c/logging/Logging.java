package io.a3c.logging;

import java.nio.file.Path;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.api.RootLoggerComponentBuilder;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;

/**
 * Programmatic Log4j2 setup for the command line: a concise console on stderr whose level follows
 * {@code -q}/{@code -v}, and, while a run is active, a full {@code train.log} in its run directory.
 *
 * <p>Every call rebuilds the whole configuration from the current verbosity and run log, so the
 * calls are idempotent, can come in any order, and can be repeated by tests in one JVM; the old
 * configuration is stopped, which closes a replaced log file.
 */
public final class Logging {
  /**
   * Short enough to read between progress lines: an exception shows as its message only, the file
   * keeps the stack trace.
   */
  static final String CONSOLE_PATTERN =
      "%d{HH:mm:ss} %-5level %msg%notEmpty{: %throwable{short.message}}%n";
  /** In verbose mode the console also shows stack traces. */
  static final String VERBOSE_CONSOLE_PATTERN = "%d{HH:mm:ss} %-5level %msg%n%throwable";
  /** Everything needed to diagnose a run after the fact. */
  static final String FILE_PATTERN =
      "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%t] %logger - %msg%n%throwable";
  /** The project's loggers; third-party libraries stay at {@link #THIRD_PARTY_LEVEL}. */
  static final String PROJECT_LOGGER = "io.a3c";
  static final Level THIRD_PARTY_LEVEL = Level.WARN;

  private static Verbosity verbosity = Verbosity.NORMAL;
  private static Path runLog;

  private Logging() {}

  /** Sets the console's verbosity, keeping the run log if one is active. */
  public static synchronized void configure(Verbosity v) {
    verbosity = v;
    apply();
  }

  /**
   * Also writes every {@code io.a3c} message at DEBUG and above, with thread, logger and stack
   * traces, to {@code trainLog} (appending, so a resumed run keeps one log). Replaces a previous
   * run log.
   */
  public static synchronized void addRunLog(Path trainLog) {
    runLog = trainLog.toAbsolutePath();
    apply();
  }

  /** Stops writing and closes the run log; the console stays as configured. */
  public static synchronized void removeRunLog() {
    runLog = null;
    apply();
  }

  private static void apply() {
    ConfigurationBuilder<BuiltConfiguration> b =
        ConfigurationBuilderFactory.newConfigurationBuilder();
    b.setConfigurationName("a3c");
    b.setStatusLevel(Level.ERROR);
    b.add(b.newAppender("console", "Console")
        .addAttribute("target", ConsoleAppender.Target.SYSTEM_ERR)
        // Follows System.setErr, so in-process callers that redirect stderr see the messages.
        .addAttribute("follow", true)
        .add(b.newLayout("PatternLayout")
            .addAttribute("pattern", verbosity == Verbosity.VERBOSE
                ? VERBOSE_CONSOLE_PATTERN : CONSOLE_PATTERN)
            .addAttribute("alwaysWriteExceptions", false)));
    RootLoggerComponentBuilder root = b.newRootLogger(THIRD_PARTY_LEVEL)
        .add(b.newAppenderRef("console").addAttribute("level", verbosity.consoleLevel()));
    Level projectLevel = verbosity.consoleLevel();
    if (runLog != null) {
      b.add(b.newAppender("runLog", "File")
          .addAttribute("fileName", runLog.toString())
          .addAttribute("append", true)
          .addAttribute("immediateFlush", true)
          .add(b.newLayout("PatternLayout").addAttribute("pattern", FILE_PATTERN)));
      root.add(b.newAppenderRef("runLog").addAttribute("level", Level.DEBUG));
      projectLevel = Level.DEBUG;
    }
    b.add(root);
    // Additive: project messages reach the root's appenders, each filtered by its own level.
    b.add(b.newLogger(PROJECT_LOGGER, projectLevel));
    BuiltConfiguration config = b.build(false);
    config.initialize();
    if (runLog != null) {
      // A full disk: one line now and then, not Log4j's stack trace at every message. The
      // handler must be set before the appender starts.
      Appender appender = config.getAppender("runLog");
      appender.setHandler(new RunLogErrorHandler(runLog, () -> System.err));
    }
    Configurator.reconfigure(config);
  }
}
