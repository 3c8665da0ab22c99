package io.a3c.env.gym;

import io.a3c.config.InvalidInputException;
import io.a3c.env.EnvOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Starts environment server children: which interpreter, which script, where logs go. */
final class ServerLauncher {
  /**
   * How long the server may take: {@code startup} for the greeting and for making the
   * environment (Python start, imports and make take 0.3-0.6 s alone, more when many children
   * start at once), {@code call} for every other request.
   */
  record Timeouts(Duration startup, Duration call) {
    static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(60), Duration.ofSeconds(30));
  }

  private final PythonLocator.Choice python;
  private final List<String> command;
  private final Path configuredLogDir;
  private final Timeouts timeouts;
  private Path logDir;

  /**
   * @param command the child's command line, starting with {@code python.command()}
   */
  ServerLauncher(PythonLocator.Choice python, List<String> command, Path logDir,
      Timeouts timeouts) {
    this.python = python;
    this.command = List.copyOf(command);
    this.configuredLogDir = logDir;
    this.timeouts = timeouts;
  }

  static ServerLauncher forOptions(EnvOptions options) {
    PythonLocator.Choice python = PythonLocator.locate(options);
    // faulthandler: a segfault in the emulator leaves a Python traceback in the log.
    return new ServerLauncher(python, List.of(python.command(), "-X", "faulthandler",
        ServerScript.envServer().toString()), options.logDir(), Timeouts.DEFAULT);
  }

  PythonLocator.Choice python() {
    return python;
  }

  Timeouts timeouts() {
    return timeouts;
  }

  /**
   * Where children's stderr goes: the configured directory, else a private temporary one that
   * is removed when the JVM exits.
   */
  synchronized Path logDir() {
    if (logDir == null) {
      if (configuredLogDir != null) {
        logDir = configuredLogDir;
      } else {
        try {
          logDir = Files.createTempDirectory("a3c-env-logs-");
          logDir.toFile().deleteOnExit();
        } catch (IOException e) {
          throw new UncheckedIOException("cannot create a directory for environment logs", e);
        }
      }
    }
    return logDir;
  }

  /** Starts a child without waiting for it. */
  ServerProcess spawn(String logName, String label) throws ServerException {
    Path log = logDir().resolve(logName);
    if (configuredLogDir == null) {
      log.toFile().deleteOnExit();
    }
    return ServerProcess.start(command, log, label);
  }

  /** Reads the greeting; a missing Gymnasium or ale-py is a {@link ServerException.Kind#START}. */
  ServerProcess.Hello greet(ServerProcess server) throws ServerException {
    ServerProcess.Hello hello = server.hello(timeouts.startup());
    if (hello.missing() != null) {
      server.kill();
      throw new ServerException(ServerException.Kind.START, null,
          "Python " + python + " cannot import Gymnasium and ale-py (" + hello.missing() + ")",
          null);
    }
    return hello;
  }

  /**
   * A started and greeted child for a user-facing operation: setup problems (no interpreter,
   * missing libraries, an interpreter that is not Python) become {@link InvalidInputException}s
   * naming the setup step; other failures {@link IllegalStateException}s.
   */
  Greeted startForUser(String logName, String label) {
    ServerProcess server;
    try {
      server = spawn(logName, label);
    } catch (ServerException e) {
      throw setupProblem("cannot run Python " + python + ": " + e.getMessage());
    }
    try {
      return new Greeted(server, greet(server));
    } catch (ServerException e) {
      server.kill();
      throw switch (e.kind()) {
        case START -> setupProblem(e.getMessage());
        case EXITED -> setupProblem("Python " + python
            + " could not run the environment server: " + e.getMessage());
        default -> new IllegalStateException("the environment server did not start: "
            + firstLine(e.getMessage()), e);
      };
    }
  }

  record Greeted(ServerProcess server, ServerProcess.Hello hello) {
    Map<String, String> versions() {
      return hello.versions();
    }
  }

  static InvalidInputException setupProblem(String problem) {
    return new InvalidInputException(problem + ". Create the project's Python environment with `"
        + PythonLocator.SETUP_STEP + "`, or choose an interpreter with --python");
  }

  static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  @Override
  public String toString() {
    return String.join(" ", command);
  }
}
