package io.a3c.cli;

import io.a3c.config.InvalidInputException;
import io.a3c.env.EnvOptions;
import io.a3c.env.gym.PythonLocator;
import io.a3c.summary.TensorBoardProcess;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code a3c tensorboard}: TensorBoard on a run directory, on 127.0.0.1. */
@Command(name = "tensorboard", mixinStandardHelpOptions = true,
    description = "Start TensorBoard from the project's Python environment on a run directory "
        + "(or a directory of runs), bound to 127.0.0.1. Ctrl-C stops it.")
public final class TensorboardCommand implements Callable<Integer> {
  @Option(names = "--run", paramLabel = "DIR", required = true,
      description = "Run directory (the log directory), or a directory holding several runs.")
  Path run;

  @Option(names = "--port", paramLabel = "N",
      description = "Port on 127.0.0.1. Default: ${DEFAULT-VALUE}.")
  int port = TensorBoardProcess.DEFAULT_PORT;

  @Mixin
  PythonOption python;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    if (!Files.isDirectory(run)) {
      throw new InvalidInputException("run directory not found: " + run);
    }
    if (port < 1 || port > 65535) {
      throw new InvalidInputException("--port must be between 1 and 65535 (got " + port + ")");
    }
    String interpreter =
        PythonLocator.locate(EnvOptions.defaults().withPython(python.path)).command();
    Path log;
    try {
      log = Files.createTempFile("a3c-tensorboard-", ".log");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    TensorBoardProcess tensorboard = TensorBoardProcess.start(interpreter, run, port, log);
    Thread hook = new Thread(tensorboard::close, "a3c-tensorboard-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      tensorboard.awaitServing(TensorBoardProcess.DEFAULT_START_TIMEOUT);
      PrintWriter out = spec.commandLine().getOut();
      out.printf("TensorBoard for %s at %s (Ctrl-C stops it; its output: %s)%n", run,
          tensorboard.url(), log);
      out.flush();
      return tensorboard.waitFor() == 0 ? Main.OK : Main.FAILURE;
    } finally {
      tensorboard.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // shutting down: the hook stops TensorBoard
      }
    }
  }
}
