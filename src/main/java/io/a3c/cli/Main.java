package io.a3c.cli;

import io.a3c.config.InvalidInputException;
import io.a3c.logging.Logging;
import io.a3c.logging.Verbosity;
import java.io.PrintStream;
import java.io.PrintWriter;
import org.apache.logging.log4j.LogManager;
import picocli.CommandLine;

/**
 * Entry point. {@link #run} returns the exit code so the command line is tested in-process:
 * 0 success, 2 bad usage or input (one line, no stack trace), 1 runtime failure.
 */
public final class Main {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int BAD_INPUT = 2;

  private Main() {}

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    int code = run(System.out, System.err, args);
    LogManager.shutdown();
    System.exit(code);
  }

  public static int run(PrintStream out, PrintStream err, String... args) {
    try {
      args = ConfigFileArgs.expand(args);
    } catch (InvalidInputException e) {
      err.println("a3c: " + e.getMessage());
      return BAD_INPUT;
    }
    Logging.configure(Verbosity.NORMAL);
    CommandLine cli = new CommandLine(new A3cCommand());
    // Options from --config come first; the command line's own then replace them.
    cli.setOverwrittenOptionsAllowed(true);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setParameterExceptionHandler((e, a) -> {
      CommandLine cmd = e.getCommandLine();
      cmd.getErr().println(cmd.getCommandName() + ": " + e.getMessage()
          + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
      return BAD_INPUT;
    });
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof InvalidInputException) {
        cmd.getErr().println("a3c: " + e.getMessage());
        return BAD_INPUT;
      }
      // The stack trace goes to train.log (and the console with -v); users see one line.
      LogManager.getLogger(Main.class).debug("a3c failed", e);
      cmd.getErr().println("a3c: error: " + describe(e) + logHint());
      return FAILURE;
    });
    return cli.execute(args);
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  private static String logHint() {
    String log = System.getProperty("a3c.log");
    return log == null ? "" : " (details in " + log + ")";
  }
}
