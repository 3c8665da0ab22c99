package io.a3c.run;

import io.a3c.config.HyperParameters;
import io.a3c.env.EnvOptions;
import io.a3c.env.EnvironmentFactory;
import io.a3c.env.Environments;
import io.a3c.eval.EvalCsv;
import io.a3c.eval.EvalSchedule;
import io.a3c.graph.A3CGraph;
import io.a3c.logging.Logging;
import io.a3c.report.LearningCurve;
import io.a3c.report.TornLines;
import io.a3c.summary.SummarySink;
import io.a3c.summary.TensorBoardSink;
import io.a3c.train.EpisodeCsv;
import io.a3c.train.EpisodeLog;
import io.a3c.train.Progress;
import io.a3c.train.ProgressCsv;
import io.a3c.train.Trainer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One training run from start to finish: run directory, configuration, environments, graph,
 * trainer, progress file, TensorBoard summaries, checkpoints (and resume), the SavedModel export
 * at the end, and a graceful stop on Ctrl-C.
 */
public final class TrainRun {
  private static final Logger LOG = LogManager.getLogger(TrainRun.class);

  private final HyperParameters hp;
  private final Supplier<RunDirectory> runDirectory;
  private final EnvOptions envOptions;
  private final double reportSeconds;
  private final boolean resume;
  private final EvalSchedule evaluation;
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile Trainer trainer;
  private volatile EvalCsv.Row targetReached;
  private volatile RunDirectory created;
  private volatile double previousSeconds;
  /** How long Ctrl-C waits for the final checkpoint before the JVM exits anyway. */
  private static final long STOP_GRACE_SECONDS = 120;

  /**
   * @param runDirectory creates (or opens) the run directory; called only once the environment
   *     id is known to be good, so bad input leaves no empty run directory behind
   */
  public TrainRun(HyperParameters hp, Supplier<RunDirectory> runDirectory, EnvOptions envOptions,
      double reportSeconds) {
    this(hp, runDirectory, envOptions, reportSeconds, false, EvalSchedule.OFF);
  }

  private TrainRun(HyperParameters hp, Supplier<RunDirectory> runDirectory,
      EnvOptions envOptions, double reportSeconds, boolean resume, EvalSchedule evaluation) {
    this.hp = hp;
    this.runDirectory = runDirectory;
    this.envOptions = envOptions;
    this.reportSeconds = reportSeconds;
    this.resume = resume;
    this.evaluation = evaluation;
  }

  /** The same run with evaluation during training ({@link TrainingEvaluation}). */
  public TrainRun evaluating(EvalSchedule schedule) {
    return new TrainRun(hp, runDirectory, envOptions, reportSeconds, resume, schedule);
  }

  /** The run directory, once {@link #execute} has created or opened it. */
  public RunDirectory runDirectory() {
    return created;
  }

  /**
   * Seconds trained by the runs this one resumes (0 for a fresh run), known once {@link
   * #execute} has restored the checkpoint: progress reports count from the run's first start,
   * and {@code --max-minutes} from this process's.
   */
  public double previousSeconds() {
    return previousSeconds;
  }

  /** The evaluation that reached the target score and stopped the run, if one did. */
  public Optional<EvalCsv.Row> targetReached() {
    return Optional.ofNullable(targetReached);
  }

  /**
   * Goes on with an existing run from its latest checkpoint: weights, Adam state, global step and
   * counters; TensorBoard events and {@code progress.csv} are appended to. {@code hp} is the
   * run's configuration, with any number of workers.
   */
  public static TrainRun resume(HyperParameters hp, RunDirectory run, EnvOptions envOptions,
      double reportSeconds) {
    return new TrainRun(hp, () -> run, envOptions, reportSeconds, true, EvalSchedule.OFF);
  }

  /** Trains until a limit or Ctrl-C; returns how it ended. */
  public Trainer.Outcome execute(Consumer<Progress> observer) {
    // Validate the environment id before creating anything, then reopen it with the run's log
    // directory for the environments' own output.
    Environments.open(hp.env(), envOptions.withTraining(true)).close();
    RunDirectory run = runDirectory.get();
    created = run;
    // One writer per run: a second train --resume on it stops here with exit code 2.
    RunLock lock = RunLock.acquire(run.root());
    try {
      // A read-only or full disk is bad input now (exit 2 with the path), not a failure later.
      run.checkWritable();
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
    StorageWatch storage = new StorageWatch();
    Logging.addRunLog(run.trainLog());
    // Failures name the full log (see Main).
    System.setProperty("a3c.log", run.trainLog().toString());
    EnvOptions options = envOptions.withTraining(true).withLogDir(run.envLogs());
    try (EnvironmentFactory factory = Environments.open(hp.env(), options)) {
      // A crash (kill -9) may have cut a row short: the appends below start on a line of their
      // own.
      for (Path csv : List.of(run.progressCsv(), run.episodesCsv(), run.evalCsv())) {
        TornLines.repair(csv);
      }
      Map<String, Object> extra = new LinkedHashMap<>();
      extra.put("env_spec", Map.of(
          "id", factory.spec().id(),
          "observation_shape", factory.spec().observationShape(),
          "actions", factory.spec().actions()));
      extra.put("evaluation", evaluation.describe());
      RunConfig.write(run.config(), hp, extra);
      LOG.info("run directory {}", run.root().toAbsolutePath());
      LOG.info("environment {}", factory.spec());
      ProgressCsv csv = new ProgressCsv(run.progressCsv());
      try (A3CGraph graph = A3CGraph.build(factory.spec(), hp)) {
        RunCheckpoints checkpoints = RunCheckpoints.start(graph, run, resume, storage);
        previousSeconds = checkpoints.previousSeconds();
        EpisodeLog episodes = checkpoints.episodes();
        EpisodeCsv episodeCsv = new EpisodeCsv(run.episodesCsv());
        EvalCsv evalCsv = new EvalCsv(run.evalCsv());
        Runnable curve = () -> writeLearningCurve(run, episodes, episodeCsv, evalCsv,
            checkpoints.previousSeconds(), storage);
        try (TensorBoardSink sink = TensorBoardSink.create(graph, run.root(), Versions.java());
            TrainingEvaluation evaluations = startEvaluation(run, options, factory, sink)) {
          trainer = new Trainer(hp, graph, factory, sink, episodes,
              listener(csv, checkpoints, storage, sink, curve, evaluations, observer),
              reportSeconds);
          Thread hook = new Thread(() -> stopAndWait(trainer), "a3c-shutdown");
          Runtime.getRuntime().addShutdownHook(hook);
          try {
            Trainer.Outcome outcome = trainer.run();
            if (evaluations != null) {
              evaluations.close(); // an evaluation in flight is cancelled: stop now, not later
            }
            // The run's average speed as the last point, so even a short run has one.
            sink.throughput(outcome.last().globalStep(), outcome.last().stepsPerSecond());
            Throwable failure = outcome.failure();
            if (failure == null) {
              failure = checkpoints.finish(factory, hp.seed())
                  .map(IllegalStateException::new).orElse(null);
            } else {
              checkpoints.periodic();
            }
            curve.run();
            return new Trainer.Outcome(checkpoints.cumulative(outcome.last()),
                outcome.stoppedByUser(), failure);
          } finally {
            removeHook(hook);
          }
        }
      }
    } finally {
      Logging.removeRunLog();
      lock.close();
      finished.countDown();
    }
  }

  /** The evaluation during training, or null when it is off. */
  private TrainingEvaluation startEvaluation(RunDirectory run, EnvOptions options,
      EnvironmentFactory factory, SummarySink sink) {
    if (!evaluation.enabled()) {
      return null;
    }
    return TrainingEvaluation.start(evaluation, run, hp.env(), options, factory.spec(),
        hp.network(), hp.seed(), sink, row -> {
          targetReached = row;
          LOG.info("target score {} reached: evaluation mean {} at global step {}",
              evaluation.targetScore(), row.mean(), row.globalStep());
          trainer.finishEarly();
        });
  }

  /**
   * Appends the new games to {@code episodes.csv} and draws {@code learning-curve.png} from the
   * whole file, resumed runs included; a failure is logged, never fatal to training.
   */
  private void writeLearningCurve(RunDirectory run, EpisodeLog episodes, EpisodeCsv csv,
      EvalCsv evalCsv, double previousSeconds, StorageWatch storage) {
    try {
      csv.appendNew(episodes.history(), previousSeconds);
      storage.wrote(run.episodesCsv());
    } catch (RuntimeException e) {
      storage.writeFailed(run.episodesCsv(), e);
    }
    try {
      List<LearningCurve.EpisodePoint> points = csv.readAll().stream()
          .map(e -> new LearningCurve.EpisodePoint(e.globalStep(), e.elapsedSeconds(),
              e.score()))
          .toList();
      List<LearningCurve.EvalPoint> evaluations = evalCsv.readAll().stream()
          .map(e -> new LearningCurve.EvalPoint(e.globalStep(), e.elapsedSeconds(), e.mean()))
          .toList();
      LearningCurve.write(run.learningCurve(), points, evaluations, hp.env());
      storage.wrote(run.learningCurve());
    } catch (RuntimeException e) {
      storage.writeFailed(run.learningCurve(), e);
    }
  }

  /**
   * Progress to the file and the observer (in run time, resumed runs included); checkpoints,
   * and a stop when they keep failing.
   */
  private Trainer.Listener listener(ProgressCsv csv, RunCheckpoints checkpoints,
      StorageWatch storage, SummarySink sink, Runnable learningCurve,
      TrainingEvaluation evaluations, Consumer<Progress> observer) {
    return new Trainer.Listener() {
      @Override
      public void progress(Progress p) {
        Progress total = checkpoints.cumulative(p);
        try {
          csv.append(total);
          storage.wrote(csv.file());
        } catch (RuntimeException e) {
          storage.writeFailed(csv.file(), e);
        }
        observer.accept(total);
      }

      @Override
      public void tick() {
        if (evaluations != null) {
          evaluations.maybeStart(checkpoints::save);
        }
      }

      @Override
      public void checkpoint(Progress p) {
        checkpoints.periodic()
            .ifPresent(reason -> trainer.fail(new IllegalStateException(reason)));
        sink.flush();
        learningCurve.run();
      }
    };
  }

  /**
   * Ctrl-C: let the workers finish their rollout and the run save what it has before the JVM
   * exits (it exits when the shutdown hooks return).
   */
  private void stopAndWait(Trainer trainer) {
    LOG.warn("stopping: finishing the current rollouts and saving");
    trainer.requestStop();
    try {
      finished.await(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down; the hook is running.
    }
  }
}
