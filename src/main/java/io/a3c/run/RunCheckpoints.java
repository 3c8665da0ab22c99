package io.a3c.run;

import io.a3c.checkpoint.CheckpointStore;
import io.a3c.checkpoint.Checkpointer;
import io.a3c.env.EnvironmentFactory;
import io.a3c.export.ObservationRecorder;
import io.a3c.export.PolicyExport;
import io.a3c.graph.A3CGraph;
import io.a3c.logging.Failures;
import io.a3c.train.EpisodeCsv;
import io.a3c.train.EpisodeLog;
import io.a3c.train.Progress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * What a run keeps across processes: it starts the graph fresh or from the latest checkpoint,
 * saves every {@code --checkpoint-seconds} and at the end, and exports the policy as a SavedModel
 * at the end. Counters (episodes, elapsed time) carry over from the runs it resumes.
 */
final class RunCheckpoints {
  private static final Logger LOG = LogManager.getLogger(RunCheckpoints.class);

  private final RunDirectory run;
  private final Checkpointer checkpointer;
  private final StorageWatch storage;
  private final EpisodeLog episodes;
  private final double previousSeconds;
  private final long startNanos = System.nanoTime();

  private RunCheckpoints(RunDirectory run, Checkpointer checkpointer, StorageWatch storage,
      long previousEpisodes, List<Double> previousScores, double previousSeconds) {
    this.run = run;
    this.checkpointer = checkpointer;
    this.storage = storage;
    this.episodes = new EpisodeLog(previousEpisodes, previousScores);
    this.previousSeconds = previousSeconds;
  }

  /**
   * Adds the checkpoint ops to {@code graph}, then initialises it, or, when resuming, restores
   * the latest checkpoint into it.
   *
   * @throws io.a3c.config.InvalidInputException if resuming finds no usable checkpoint
   */
  static RunCheckpoints start(A3CGraph graph, RunDirectory run, boolean resume,
      StorageWatch storage) {
    Checkpointer checkpointer = Checkpointer.create(graph,
        new CheckpointStore(run.checkpoints()));
    checkpointer.deleteLeftovers(); // this process owns the run (see RunLock)
    graph.initialize();
    if (!resume) {
      return new RunCheckpoints(run, checkpointer, storage, 0, List.of(), 0);
    }
    Checkpointer.Checkpoint restored = checkpointer.restoreLatest();
    LOG.info("resuming {} at global step {} ({} episodes, {} s trained)", run.root(),
        restored.manifest().globalStep(), restored.manifest().episodes(),
        Math.round(restored.manifest().elapsedSeconds()));
    // The moving mean goes on from the resumed runs' last games.
    List<Double> scores = new EpisodeCsv(run.episodesCsv()).readAll().stream()
        .map(EpisodeLog.Episode::score).toList();
    return new RunCheckpoints(run, checkpointer, storage, restored.manifest().episodes(),
        scores, restored.manifest().elapsedSeconds());
  }

  /** The run's episode log, counting on from the games of the runs this one resumes. */
  EpisodeLog episodes() {
    return episodes;
  }

  /** Seconds trained by the runs this one resumes. */
  double previousSeconds() {
    return previousSeconds;
  }

  /** {@code p} with training time counted from the run's first start, not this process's. */
  Progress cumulative(Progress p) {
    return new Progress(p.elapsedSeconds() + previousSeconds, p.globalStep(), p.episodes(),
        p.meanScore(), p.stepsPerSecond());
  }

  /**
   * A periodic save. A failure (a full or read-only disk) is one logged line and training goes
   * on; the previous checkpoint stays loadable ({@link io.a3c.checkpoint.CheckpointStore}).
   *
   * @return why the run should stop: too many saves in a row have failed ({@link StorageWatch})
   */
  Optional<String> periodic() {
    try {
      storage.checkpointSaved(save().directory());
      return Optional.empty();
    } catch (RuntimeException e) {
      LOG.debug("checkpoint failed", e);
      return storage.checkpointFailed(e);
    }
  }

  /** Saves a checkpoint with the episodes and training time so far. */
  Checkpointer.Checkpoint save() {
    return checkpointer.save(episodes.episodes(),
        previousSeconds + (System.nanoTime() - startNanos) / 1e9);
  }

  /**
   * The final save, then the SavedModel export of its policy to {@code saved_model/}, with inputs
   * recorded from a fresh environment of {@code factory}. An export failure is one logged line:
   * the checkpoint is safe and {@code a3c export} can retry.
   *
   * @return why the final checkpoint could not be saved, if it could not; the run then resumes
   *     from its last good checkpoint
   */
  Optional<String> finish(EnvironmentFactory factory, long seed) {
    Checkpointer.Checkpoint checkpoint;
    try {
      checkpoint = save();
    } catch (RuntimeException e) {
      LOG.debug("final checkpoint failed", e);
      String last = checkpointer.store().latest()
          .map(dir -> "; the run resumes from " + dir.getFileName())
          .orElse("");
      return Optional.of("the final checkpoint could not be saved (" + Failures.describe(e)
          + ")" + last);
    }
    storage.checkpointSaved(checkpoint.directory());
    try {
      List<float[]> observations = ObservationRecorder.record(factory,
          PolicyExport.OBSERVATIONS_WANTED, seed);
      PolicyExport.export(checkpoint, run.savedModel(), observations, Map.of());
    } catch (RuntimeException e) {
      LOG.debug("export failed", e);
      LOG.error("SavedModel not exported to {}: {} (the checkpoint is safe; retry with: a3c "
          + "export --run {})", run.savedModel(), Failures.describe(e), run.root());
    }
    return Optional.empty();
  }
}
