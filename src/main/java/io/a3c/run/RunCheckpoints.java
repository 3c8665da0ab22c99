package io.a3c.run;

import io.a3c.checkpoint.CheckpointStore;
import io.a3c.checkpoint.Checkpointer;
import io.a3c.env.EnvironmentFactory;
import io.a3c.export.ObservationRecorder;
import io.a3c.export.PolicyExport;
import io.a3c.graph.A3CGraph;
import io.a3c.train.EpisodeLog;
import io.a3c.train.Progress;
import java.util.List;
import java.util.Map;
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
  private final EpisodeLog episodes;
  private final double previousSeconds;
  private final long startNanos = System.nanoTime();

  private RunCheckpoints(RunDirectory run, Checkpointer checkpointer, long previousEpisodes,
      double previousSeconds) {
    this.run = run;
    this.checkpointer = checkpointer;
    this.episodes = new EpisodeLog(previousEpisodes);
    this.previousSeconds = previousSeconds;
  }

  /**
   * Adds the checkpoint ops to {@code graph}, then initialises it, or, when resuming, restores
   * the latest checkpoint into it.
   *
   * @throws io.a3c.config.InvalidInputException if resuming finds no usable checkpoint
   */
  static RunCheckpoints start(A3CGraph graph, RunDirectory run, boolean resume) {
    Checkpointer checkpointer = Checkpointer.create(graph,
        new CheckpointStore(run.checkpoints()));
    checkpointer.deleteLeftovers(); // this process owns the run (see RunLock)
    graph.initialize();
    if (!resume) {
      return new RunCheckpoints(run, checkpointer, 0, 0);
    }
    Checkpointer.Checkpoint restored = checkpointer.restoreLatest();
    LOG.info("resuming {} at global step {} ({} episodes, {} s trained)", run.root(),
        restored.manifest().globalStep(), restored.manifest().episodes(),
        Math.round(restored.manifest().elapsedSeconds()));
    return new RunCheckpoints(run, checkpointer, restored.manifest().episodes(),
        restored.manifest().elapsedSeconds());
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

  /** A periodic save; a failure is logged and training goes on. */
  void periodic() {
    try {
      save();
    } catch (RuntimeException e) {
      LOG.error("checkpoint failed; training goes on and retries at the next one", e);
    }
  }

  /** Saves a checkpoint with the episodes and training time so far. */
  Checkpointer.Checkpoint save() {
    return checkpointer.save(episodes.episodes(),
        previousSeconds + (System.nanoTime() - startNanos) / 1e9);
  }

  /**
   * The final save, then the SavedModel export of its policy to {@code saved_model/}, with inputs
   * recorded from a fresh environment of {@code factory}. An export failure is logged: the
   * checkpoint is safe and {@code a3c export} can retry.
   */
  void finish(EnvironmentFactory factory, long seed) {
    Checkpointer.Checkpoint checkpoint = save();
    try {
      List<float[]> observations = ObservationRecorder.record(factory,
          PolicyExport.OBSERVATIONS_WANTED, seed);
      PolicyExport.export(checkpoint, run.savedModel(), observations, Map.of());
    } catch (RuntimeException e) {
      LOG.error("SavedModel export failed (retry with: a3c export --run {})", run.root(), e);
    }
  }
}
