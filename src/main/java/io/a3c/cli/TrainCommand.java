package io.a3c.cli;

import io.a3c.config.HyperParameters;
import io.a3c.config.InvalidInputException;
import io.a3c.env.EnvOptions;
import io.a3c.eval.EvalSchedule;
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
import java.util.Locale;
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
          + "step and counters, with the run's config.json. Only --workers, --max-steps, "
          + "--max-minutes and the evaluation options (--eval-every, --eval-episodes, "
          + "--target-score) may change; the run's own evaluation settings go on otherwise.")
  Path resume;

  @Option(names = "--eval-every", paramLabel = "MIN",
      description = "Minutes of training between evaluations: whole greedy games in an "
          + "environment of their own, written to eval.csv, TensorBoard's eval/* and the "
          + "learning curve, keeping best_saved_model/ and best-game.gif; 0 turns them off. "
          + "Default: " + EvalSchedule.DEFAULT_GYM_MINUTES + " (Atari), "
          + EvalSchedule.DEFAULT_BUILTIN_MINUTES + " (built-in games).")
  Double evalEvery;

  @Option(names = "--eval-episodes", paramLabel = "N",
      description = "Games per evaluation. Default: " + EvalSchedule.DEFAULT_GYM_EPISODES
          + " (Atari), " + EvalSchedule.DEFAULT_BUILTIN_EPISODES + " (built-in games).")
  Integer evalEpisodes;

  @Option(names = "--target-score", paramLabel = "S",
      description = "Stop when an evaluation's mean score reaches S, saving and exporting as "
          + "on Ctrl-C.")
  Double targetScore;

  /** Options that may come with --resume; everything else comes from the run's config.json. */
  private static final Set<String> RESUME_OPTIONS =
      Set.of("--resume", "--workers", "--max-steps", "--max-minutes", "--python", "--quiet",
          "--verbose", "--eval-every", "--eval-episodes", "--target-score");

  @Spec
  CommandSpec spec;

  /** The run's hyper-parameters, once parsed (fresh) or read back (resume). */
  private HyperParameters hp;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    TrainRun run = resume != null ? resumed(out) : fresh(out);
    // After resumed(), which fills in the run's own evaluation settings where none were given.
    TrainRun train = run.evaluating(
        EvalSchedule.of(hp.env(), evalEvery, evalEpisodes, targetScore));

    // A line at every progress report (5 s), on a terminal as in a log file.
    StatusPrinter status = new StatusPrinter(out, StatusPrinter.consoleIsTerminal(),
        Duration.ofMillis((long) (Trainer.DEFAULT_REPORT_SECONDS * 1000) - 100));
    Trainer.Outcome outcome = train.execute(p -> status.update(status(p, train)));
    status.finish(status(outcome.last(), train));
    if (outcome.failure() != null) {
      throw new IllegalStateException("training failed: " + outcome.failure().getMessage(),
          outcome.failure());
    }
    train.targetReached().ifPresent(row -> out.printf(Locale.ROOT,
        "target score %s reached: evaluation mean %.2f at global step %,d after %s of training "
            + "(stopped at step %,d, %s); best policy in %s%n",
        targetScore, row.mean(), row.globalStep(), StatusLine.duration(row.elapsedSeconds()),
        outcome.last().globalStep(), StatusLine.duration(outcome.last().elapsedSeconds()),
        train.runDirectory().bestSavedModel()));
    return Main.OK;
  }

  /** The status line; a resumed run's time limit counts on from the time it had trained. */
  private StatusLine.Status status(Progress p, TrainRun train) {
    double maxSeconds =
        hp.maxMinutes() > 0 ? hp.maxMinutes() * 60 + train.previousSeconds() : 0;
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
          + "only --workers, --max-steps, --max-minutes and the evaluation options can change "
          + "(got "
          + String.join(", ", others) + ")");
    }
    RunDirectory run = RunDirectory.existing(resume);
    HyperParameters saved = RunConfig.read(run.config());
    // The run's evaluation settings go on unless given again; a target applies to one process.
    RunConfig.readEvaluation(run.config()).ifPresent(recorded -> {
      evalEvery = evalEvery != null ? evalEvery : recorded[0];
      evalEpisodes = evalEpisodes != null ? evalEpisodes : (int) recorded[1];
    });
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
