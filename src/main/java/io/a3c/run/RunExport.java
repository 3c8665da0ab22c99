package io.a3c.run;

import io.a3c.checkpoint.CheckpointManifest;
import io.a3c.checkpoint.CheckpointStore;
import io.a3c.checkpoint.Checkpointer;
import io.a3c.config.HyperParameters;
import io.a3c.config.InvalidInputException;
import io.a3c.env.EnvOptions;
import io.a3c.env.EnvironmentFactory;
import io.a3c.env.Environments;
import io.a3c.export.ObservationRecorder;
import io.a3c.export.PolicyExport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** {@code a3c export}: the SavedModel of a run's latest checkpoint. */
public final class RunExport {
  private static final Logger LOG = LogManager.getLogger(RunExport.class);

  private RunExport() {}

  /**
   * Exports the policy of {@code run}'s latest checkpoint to {@code out} (the run's
   * {@code saved_model/} when null). The recorded inputs are observations of a fresh game of the
   * run's environment, or random frames if it cannot be started.
   *
   * @param python the Python interpreter for Gymnasium environments, or null to locate it
   * @throws InvalidInputException if the run has no usable checkpoint, or {@code out} is null
   *     and another process (a training run) owns the run
   */
  public static PolicyExport.Exported export(RunDirectory run, Path out, Path python) {
    Path dir = new CheckpointStore(run.checkpoints()).latest().orElseThrow(() ->
        new InvalidInputException("no checkpoint in " + run.checkpoints()
            + ": nothing to export (train first, or pick another run)"));
    Checkpointer.Checkpoint checkpoint =
        new Checkpointer.Checkpoint(dir, CheckpointManifest.read(dir));
    HyperParameters hp = RunConfig.read(run.config());
    EnvOptions options = new EnvOptions(hp.frameSize(), hp.preprocessing(), hp.actionSpace(),
        false, python, null, false);
    List<float[]> observations;
    try (EnvironmentFactory factory = Environments.open(checkpoint.manifest().env(), options)) {
      observations = ObservationRecorder.record(factory, PolicyExport.OBSERVATIONS_WANTED,
          hp.seed());
    } catch (RuntimeException e) {
      LOG.warn("cannot start {} to record inputs ({}); recording random frames",
          checkpoint.manifest().env(), e.getMessage());
      observations = List.of();
    }
    if (out != null) {
      return PolicyExport.export(checkpoint, out, observations, Map.of());
    }
    // Into the run itself: only as its owner, never beside a training process that exports
    // saved_model/ when it stops.
    try (RunLock lock = acquire(run)) {
      return PolicyExport.export(checkpoint, run.savedModel(), observations, Map.of());
    }
  }

  private static RunLock acquire(RunDirectory run) {
    try {
      return RunLock.acquire(run.root());
    } catch (InvalidInputException e) {
      throw new InvalidInputException(e.getMessage() + "; to export its latest checkpoint "
          + "while it trains, give --out DIR");
    }
  }
}
