package io.a3c.cli;

import io.a3c.config.HyperParameters;
import io.a3c.config.InvalidInputException;
import io.a3c.env.EnvOptions;
import io.a3c.report.StatusLine;
import io.a3c.report.StatusPrinter;
import io.a3c.run.RunConfig;
import io.a3c.run.RunDirectory;
import io.a3c.run.TrainRun;
import io.a3c.train.Progress;
import io.a3c.train.Trainer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
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

  @Mixin
  PythonOption python;

  @Option(names = "--resume", paramLabel = "RUN_DIR",
      description = "Go on with a run from its latest checkpoint: weights, Adam state, global "
          + "step and counters, with the run's config.json. Only --workers, --max-steps and "
          + "--max-minutes may change.")
  Path resume;

  /** Options that may come with --resume; everything else comes from the run's config.json. */
  private static final Set<String> RESUME_OPTIONS =
      Set.of("--resume", "--workers", "--max-steps", "--max-minutes", "--python", "--quiet",
          "--verbose");

  @Spec
  CommandSpec spec;

  /** The run's hyper-parameters, once parsed (fresh) or read back (resume). */
  private HyperParameters hp;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    TrainRun train = resume != null ? resumed(out) : fresh(out);
    // A line at every progress report (5 s), on a terminal as in a log file.
    StatusPrinter status = new StatusPrinter(out, StatusPrinter.consoleIsTerminal(),
        Duration.ofMillis((long) (Trainer.DEFAULT_REPORT_SECONDS * 1000) - 100));
    Trainer.Outcome outcome = train.execute(p -> status.update(status(p)));
    status.finish(status(outcome.last()));
    if (outcome.failure() != null) {
      throw new IllegalStateException("training failed: " + outcome.failure().getMessage(),
          outcome.failure());
    }
    return Main.OK;
  }

  private StatusLine.Status status(Progress p) {
    double maxSeconds = hp.maxMinutes() * 60;
    return new StatusLine.Status(p.globalStep(), hp.maxSteps(), p.stepsPerSecond(), p.episodes(),
        p.meanScore(), p.elapsedSeconds(), maxSeconds);
  }

  private TrainRun fresh(PrintWriter out) {
    hp = options.toHyperParameters();
    Supplier<RunDirectory> run = () -> {
      RunDirectory dir = runDir != null
          ? RunDirectory.create(runDir)
          : RunDirectory.createNew(RunDirectory.defaultModelsRoot(), hp.env(),
              LocalDateTime.now());
      out.printf("training %s with %d workers, seed %d, run directory %s%n", hp.env(),
          hp.workers(), hp.seed(), dir.root());
      out.flush();
      return dir;
    };
    return new TrainRun(hp, run, envOptions(hp), Trainer.DEFAULT_REPORT_SECONDS);
  }

  private TrainRun resumed(PrintWriter out) {
    ParseResult parsed = spec.commandLine().getParseResult();
    List<String> others = parsed.matchedOptions().stream()
        .map(OptionSpec::longestName)
        .filter(name -> !RESUME_OPTIONS.contains(name))
        .toList();
    if (!others.isEmpty()) {
      throw new InvalidInputException("--resume takes the run's settings from its config.json; "
          + "only --workers, --max-steps and --max-minutes can change (got "
          + String.join(", ", others) + ")");
    }
    RunDirectory run = RunDirectory.existing(resume);
    HyperParameters saved = RunConfig.read(run.config());
    hp = saved
        .withWorkers(options.workers != null ? options.workers : saved.workers())
        .withLimits(parsed.hasMatchedOption("--max-steps") ? options.maxSteps : saved.maxSteps(),
            parsed.hasMatchedOption("--max-minutes") ? options.maxMinutes : saved.maxMinutes());
    out.printf("resuming run %s (%s) with %d workers%n", run.root(), hp.env(), hp.workers());
    return TrainRun.resume(hp, run, envOptions(hp), Trainer.DEFAULT_REPORT_SECONDS);
  }

  private EnvOptions envOptions(HyperParameters hp) {
    return new EnvOptions(hp.frameSize(), hp.preprocessing(), hp.actionSpace(), true,
        python.path, null, false);
  }
}
