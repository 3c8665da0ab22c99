package io.a3c.run;

import io.a3c.checkpoint.CheckpointManifest;
import io.a3c.checkpoint.Checkpointer;
import io.a3c.config.Network;
import io.a3c.env.EnvOptions;
import io.a3c.env.EnvSpec;
import io.a3c.env.Environment;
import io.a3c.env.EnvironmentFactory;
import io.a3c.env.Environments;
import io.a3c.env.RgbFrame;
import io.a3c.eval.EvalCsv;
import io.a3c.eval.EvalGamesCsv;
import io.a3c.eval.EvalSchedule;
import io.a3c.eval.Evaluation;
import io.a3c.eval.Evaluator;
import io.a3c.eval.Policy;
import io.a3c.eval.PolicyGraphPolicy;
import io.a3c.eval.RandomStartPolicy;
import io.a3c.export.PolicyExport;
import io.a3c.export.PolicyGraph;
import io.a3c.logging.Failures;
import io.a3c.report.GifWriter;
import io.a3c.summary.SummarySink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Evaluation during training ({@code --eval-every}): every few minutes the run saves a checkpoint,
 * loads it into the exported policy's own graph (apart from the training session, so the workers
 * never wait) and plays whole greedy games in an evaluation environment of its own (no life-loss
 * rule, unclipped scores) on a thread of its own. Each Atari game starts with up to 30 random
 * actions ({@link RandomStartPolicy}), so that the games can differ in a deterministic emulator
 * (in Pong they do not always: {@code eval-games.csv} shows it). Each evaluation appends a row to
 * {@code eval.csv} and one per game to {@code eval-games.csv}, and writes the {@code eval/*}
 * TensorBoard scalars; a better mean than any before replaces {@code best_saved_model/}, a better game than
 * any before replaces {@code best-game.gif}, and a mean at or above the target score calls
 * {@code onTarget}.
 *
 * <p>An evaluation still playing when the next one is due delays it; training stopping cancels
 * the one in flight, which leaves no row. A failed evaluation (a crashed emulator, say) is
 * logged and training goes on.
 */
final class TrainingEvaluation implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(TrainingEvaluation.class);
  /** The evaluation environment's seed is the run's plus this: apart from every worker's. */
  static final long SEED_OFFSET = 1_000_000;
  /** Environment index for log file names, apart from the workers' and the export's. */
  static final int ENV_INDEX = 998;
  /** Longest evaluation game: the ALE's usual 108,000 frames (30 minutes of play), frameskip 4. */
  static final long MAX_STEPS_PER_GAME = 27_000;
  /**
   * A game with no reward for 4,500 steps (18,000 frames, five minutes of play) is stuck: in
   * Pong a point falls every few hundred steps, in Breakout a served ball breaks a brick. Greedy
   * Breakout policies early in training never press FIRE after losing a life, and without this
   * every game of every evaluation ran to {@link #MAX_STEPS_PER_GAME} (13 minutes per
   * evaluation on two cores).
   */
  static final long MAX_STEPS_WITHOUT_REWARD = 4_500;
  /**
   * Longest game recorded as a GIF: 5,000 frames, five and a half minutes at 15 frames per
   * second and about 6 MB. A 21-0 Pong game takes 2,000-2,500; a longer game still counts, but
   * is not kept as a recording (a greedy Breakout policy that never serves plays 27,000 steps,
   * a 30 MB GIF).
   */
  static final int MAX_GIF_FRAMES = 5_000;
  /** How long closing waits for a game step in flight before giving up on the thread. */
  private static final long CLOSE_WAIT_SECONDS = 30;

  private final EvalSchedule schedule;
  private final RunDirectory run;
  private final EvalCsv csv;
  private final EvalGamesCsv gamesCsv;
  private final SummarySink sink;
  private final Consumer<EvalCsv.Row> onTarget;
  private final EnvironmentFactory factory;
  private final Environment env;
  private final PolicyGraph policy;
  private final ExecutorService thread;
  /** The random starts of every evaluation game; evaluation thread only. */
  private final RandomStartPolicy greedy;
  private final AtomicBoolean busy = new AtomicBoolean();
  private volatile boolean cancelled;
  private volatile boolean closed;
  /** Monitor thread only. */
  private long lastStart = System.nanoTime();
  /** Evaluation thread only (and the constructor). */
  private double bestMean;
  private double bestGame;

  private TrainingEvaluation(EvalSchedule schedule, RunDirectory run, SummarySink sink,
      Consumer<EvalCsv.Row> onTarget, EnvironmentFactory factory, Environment env,
      PolicyGraph policy, long seed) {
    this.schedule = schedule;
    this.run = run;
    this.csv = new EvalCsv(run.evalCsv());
    this.gamesCsv = new EvalGamesCsv(run.evalGamesCsv());
    this.sink = sink;
    this.onTarget = onTarget;
    this.factory = factory;
    this.env = env;
    this.policy = policy;
    // Random actions would topple a CartPole: random starts are for pixel (Atari) games only.
    int randomStarts = env.spec().isImage() ? schedule.randomStarts() : 0;
    this.greedy = new RandomStartPolicy(new PolicyGraphPolicy(policy, true, 0),
        env.spec().numActions(), randomStarts, seed);
    this.thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "evaluation");
      t.setDaemon(true);
      return t;
    });
    // A resumed run keeps the best it had: a worse policy must not replace it.
    List<EvalCsv.Row> before = csv.readAll();
    bestMean = before.stream().mapToDouble(EvalCsv.Row::mean).max()
        .orElse(Double.NEGATIVE_INFINITY);
    bestGame = Files.exists(run.bestGameGif())
        ? before.stream().mapToDouble(EvalCsv.Row::max).max().orElse(Double.NEGATIVE_INFINITY)
        : Double.NEGATIVE_INFINITY;
  }

  /**
   * Opens the evaluation environment ({@code options} made for evaluation: whole games, frames
   * recorded) and the policy graph.
   *
   * @param options the training environments' options
   * @param spec the training graph's environment, which the checkpoints hold
   * @param seed the run's seed
   */
  static TrainingEvaluation start(EvalSchedule schedule, RunDirectory run, String envId,
      EnvOptions options, EnvSpec spec, Network network, long seed, SummarySink sink,
      Consumer<EvalCsv.Row> onTarget) {
    EnvironmentFactory factory = Environments.open(envId,
        options.withTraining(false).withRecordFrames(true));
    Environment env = null;
    try {
      env = factory.create(ENV_INDEX, seed + SEED_OFFSET);
      PolicyGraph policy = PolicyGraph.build(spec, network);
      LOG.info("evaluating {} greedy games every {} min (environment seed {}){}",
          schedule.episodes(), schedule.everyMinutes(), seed + SEED_OFFSET,
          schedule.hasTarget() ? "; stopping at a mean of " + schedule.targetScore() : "");
      return new TrainingEvaluation(schedule, run, sink, onTarget, factory, env, policy,
          seed + SEED_OFFSET);
    } catch (RuntimeException e) {
      if (env != null) {
        env.close();
      }
      factory.close();
      throw e;
    }
  }

  /**
   * Called on the monitor thread several times a second: when an evaluation is due and none is
   * playing, saves a checkpoint with {@code save}, loads it and starts the games.
   */
  void maybeStart(Supplier<Checkpointer.Checkpoint> save) {
    long now = System.nanoTime();
    if (closed || now - lastStart < schedule.everyMillis() * 1_000_000L) {
      return;
    }
    if (!busy.compareAndSet(false, true)) {
      return; // the last one is still playing; try again at the next tick
    }
    lastStart = now;
    Checkpointer.Checkpoint checkpoint;
    try {
      checkpoint = save.get();
      policy.restore(checkpoint);
    } catch (RuntimeException e) {
      busy.set(false);
      LOG.warn("evaluation skipped: cannot save or load a checkpoint ({})", Failures.describe(e));
      return;
    }
    thread.execute(() -> {
      try {
        evaluate(checkpoint.manifest());
      } finally {
        busy.set(false);
      }
    });
  }

  private void evaluate(CheckpointManifest manifest) {
    long start = System.nanoTime();
    List<float[]> observations = new ArrayList<>();
    Policy watched = recording(greedy, observations);
    Evaluator.Scores scores;
    List<Integer> randomStarts = new ArrayList<>();
    try (GameRecordings gifs = new GameRecordings()) {
      scores = Evaluator.play(env, watched, schedule.episodes(), MAX_STEPS_PER_GAME,
          MAX_STEPS_WITHOUT_REWARD, gifs, (game, score, length) -> {
            randomStarts.add(greedy.randomSteps());
            gifs.gameOver(game, score, length);
          }, () -> cancelled);
    } catch (CancellationException e) {
      LOG.info("evaluation of global step {} cancelled: training stopped", manifest.globalStep());
      return;
    } catch (RuntimeException e) {
      LOG.warn("evaluation of global step {} failed ({}); training goes on",
          manifest.globalStep(), Failures.describe(e));
      return;
    }
    EvalCsv.Row row = new EvalCsv.Row(manifest.elapsedSeconds(), manifest.globalStep(),
        scores.mean(), scores.std(), scores.min(), scores.max(), scores.scores().size(),
        scores.meanLength(), (System.nanoTime() - start) / 1e9);
    try {
      csv.append(row);
      gamesCsv.append(gameRows(row, scores, randomStarts));
    } catch (RuntimeException e) {
      LOG.warn("evaluation of global step {} not kept in eval.csv: {}", row.globalStep(),
          Failures.describe(e));
    }
    sink.evaluation(row.globalStep(), row.mean(), row.std(), row.min(), row.max(),
        row.meanLength());
    LOG.info("evaluation at step {}: mean {} (min {}, max {}) over {} games, {} s",
        row.globalStep(), round(row.mean()), round(row.min()), round(row.max()), row.episodes(),
        Math.round(row.evalSeconds()));
    if (row.mean() > bestMean) {
      bestMean = row.mean();
      exportBest(manifest, row, observations);
    }
    if (schedule.hasTarget() && row.mean() >= schedule.targetScore()) {
      onTarget.accept(row);
    }
  }

  private static List<EvalGamesCsv.Row> gameRows(EvalCsv.Row row, Evaluator.Scores scores,
      List<Integer> randomStarts) {
    List<EvalGamesCsv.Row> rows = new ArrayList<>();
    for (int g = 0; g < scores.scores().size(); g++) {
      rows.add(new EvalGamesCsv.Row(row.elapsedSeconds(), row.globalStep(), g,
          scores.scores().get(g), scores.lengths().get(g), randomStarts.get(g),
          scores.endings().get(g).label()));
    }
    return rows;
  }

  private void exportBest(CheckpointManifest manifest, EvalCsv.Row row,
      List<float[]> observations) {
    Map<String, Object> evaluation = new LinkedHashMap<>();
    evaluation.put("global_step", row.globalStep());
    evaluation.put("mean", row.mean());
    evaluation.put("std", row.std());
    evaluation.put("min", row.min());
    evaluation.put("max", row.max());
    evaluation.put("episodes", row.episodes());
    try {
      PolicyExport.export(policy, manifest, run.bestSavedModel(), observations,
          Map.of("evaluation", evaluation));
    } catch (RuntimeException e) {
      LOG.warn("cannot export the best policy to {}: {}", run.bestSavedModel(),
          Failures.describe(e));
    }
  }

  /** Keeps the first observations the policy sees: the best export's recorded inputs. */
  private static Policy recording(Policy inner, List<float[]> observations) {
    return new Policy() {
      @Override
      public void reset() {
        inner.reset();
      }

      @Override
      public int act(float[] observation) {
        if (observations.size() < PolicyExport.OBSERVATIONS_WANTED) {
          observations.add(observation.clone());
        }
        return inner.act(observation);
      }
    };
  }

  /**
   * Records each game to a scratch GIF and keeps it as {@code best-game.gif} when it scores
   * more than every game before it.
   */
  private final class GameRecordings implements Evaluator.FrameSink, AutoCloseable {
    private final Path scratch = run.root().resolve(".eval-game.gif");
    private GifWriter writer;
    /**
     * No recording of the current game is kept: it passed {@link #MAX_GIF_FRAMES}, or its GIF
     * could not be written.
     */
    private boolean dropped;

    @Override
    public void frame(int game, RgbFrame frame) {
      if (dropped) {
        return;
      }
      try {
        if (writer == null) {
          writer = GifWriter.open(scratch, Evaluation.GIF_DELAY_MS,
              Math.max(1, 200 / frame.width()));
        } else if (writer.frames() >= MAX_GIF_FRAMES) {
          dropped = true;
          discard();
          return;
        }
        writer.add(frame);
      } catch (RuntimeException e) {
        // A full disk costs the recording, not the evaluation's scores.
        LOG.warn("game {} of this evaluation not recorded: {}", game + 1, Failures.describe(e));
        dropped = true;
        discard();
      }
    }

    void gameOver(int game, double score, long length) {
      boolean recorded = writer != null && !dropped;
      dropped = false;
      if (!recorded) {
        discard();
        return;
      }
      try {
        writer.close();
      } catch (RuntimeException e) {
        LOG.warn("game {} of this evaluation not recorded: {}", game + 1, Failures.describe(e));
        writer = null;
        discard();
        return;
      }
      writer = null;
      try {
        if (score > bestGame) {
          bestGame = score;
          Files.move(scratch, run.bestGameGif(), StandardCopyOption.REPLACE_EXISTING,
              StandardCopyOption.ATOMIC_MOVE);
        } else {
          Files.deleteIfExists(scratch);
        }
      } catch (IOException e) {
        LOG.warn("cannot keep the best game as {}: {}", run.bestGameGif(), Failures.describe(e));
      }
    }

    /** Drops the recording in progress, if any. */
    private void discard() {
      if (writer != null) {
        try {
          writer.close();
        } catch (RuntimeException e) {
          // the recording is dropped anyway
        }
        writer = null;
      }
      try {
        Files.deleteIfExists(scratch);
      } catch (IOException e) {
        // a scratch file left behind is harmless
      }
    }

    @Override
    public void close() {
      discard();
    }
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  /**
   * Cancels the evaluation in flight (it leaves no row) and releases the environment and graph.
   * Called on the thread that started training.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    cancelled = true;
    thread.shutdown();
    boolean stopped;
    try {
      stopped = thread.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = false;
    }
    env.close();
    factory.close();
    if (stopped) {
      policy.close();
    } else {
      // Closing a graph a thread may still run would crash the JVM; the process ends soon.
      LOG.warn("the evaluation thread did not stop within {} s", CLOSE_WAIT_SECONDS);
    }
  }
}
