package io.a3c.cli;

import io.a3c.config.HyperParameters;
import io.a3c.env.EnvOptions;
import io.a3c.run.RunDirectory;
import io.a3c.run.TrainRun;
import io.a3c.train.Progress;
import io.a3c.train.Trainer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code a3c train}: trains and writes a run directory. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train an agent with A3C. Ctrl-C stops gracefully.")
public final class TrainCommand implements Callable<Integer> {
  @Mixin
  HyperParameterOptions options;

  @Option(names = "--run-dir", paramLabel = "DIR",
      description = "Run directory. Default: models/<env>/<yyyyMMdd-HHmmss>.")
  Path runDir;

  @Option(names = "--python", paramLabel = "PATH",
      description = "Python interpreter with Gymnasium and ale-py. Default: the project's .venv.")
  Path python;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    HyperParameters hp = options.toHyperParameters();
    EnvOptions envOptions = new EnvOptions(hp.frameSize(), hp.actionSpace(), true, python, null,
        false);
    PrintWriter out = spec.commandLine().getOut();
    Supplier<RunDirectory> run = () -> {
      RunDirectory dir = runDir != null
          ? RunDirectory.create(runDir)
          : RunDirectory.createNew(RunDirectory.defaultModelsRoot(), hp.env(),
              LocalDateTime.now());
      out.printf("training %s with %d workers, seed %d, run directory %s%n", hp.env(),
          hp.workers(), hp.seed(), dir.root());
      return dir;
    };
    Trainer.Outcome outcome = new TrainRun(hp, run, envOptions, Trainer.DEFAULT_REPORT_SECONDS)
        .execute(p -> out.println(format(p)));
    if (outcome.failure() != null) {
      throw new IllegalStateException("training failed: " + outcome.failure().getMessage(),
          outcome.failure());
    }
    out.printf("done: %s%n", format(outcome.last()));
    return Main.OK;
  }

  static String format(Progress p) {
    return String.format(Locale.ROOT,
        "step %,d  %,.0f steps/s  episodes %,d  mean score %s  elapsed %.0fs",
        p.globalStep(), p.stepsPerSecond(), p.episodes(),
        Double.isNaN(p.meanScore()) ? "-" : String.format(Locale.ROOT, "%.2f", p.meanScore()),
        p.elapsedSeconds());
  }
}
