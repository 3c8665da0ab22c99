package io.a3c.run;

import io.a3c.logging.Failures;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Keeps a run going while its disk is full or read-only, and says so in few lines.
 *
 * <p>A failed checkpoint is one error line (the reason, and that the last good checkpoint is
 * kept); the run trains on and tries again at the next one, as TensorFlow's own saver does. Only
 * when {@link #GIVE_UP_AFTER} checkpoints in a row have failed (5 minutes at the default 30 s)
 * does it ask the run to stop: training longer would lose more than it gains.
 *
 * <p>The run's other files ({@code progress.csv}, {@code episodes.csv}, the learning curve) are
 * not worth stopping for: the first failure of each is logged, further ones only once it works
 * again, so a full disk does not print a line every 5 seconds.
 */
final class StorageWatch {
  private static final Logger LOG = LogManager.getLogger(StorageWatch.class);
  /** Failed checkpoints in a row after which the run stops. */
  static final int GIVE_UP_AFTER = 10;

  private final int giveUpAfter;
  private int failedInARow;
  /** Files whose last write failed, with the reason logged for them. */
  private final Map<Path, String> failing = new ConcurrentHashMap<>();

  StorageWatch() {
    this(GIVE_UP_AFTER);
  }

  StorageWatch(int giveUpAfter) {
    if (giveUpAfter < 1) {
      throw new IllegalArgumentException("giveUpAfter must be at least 1");
    }
    this.giveUpAfter = giveUpAfter;
  }

  /** A checkpoint was saved in {@code directory}. */
  synchronized void checkpointSaved(Path directory) {
    if (failedInARow > 0) {
      LOG.info("checkpoint {} saved after {} failed one(s)", directory.getFileName(),
          failedInARow);
    }
    failedInARow = 0;
  }

  /**
   * A checkpoint could not be saved.
   *
   * @return why the run should stop, once {@link #GIVE_UP_AFTER} saves in a row have failed
   */
  synchronized Optional<String> checkpointFailed(Throwable e) {
    failedInARow++;
    String reason = Failures.describe(e);
    if (failedInARow >= giveUpAfter) {
      return Optional.of(failedInARow + " checkpoints in a row could not be saved (" + reason
          + "); the last good checkpoint is kept: resume from it with a3c train --resume");
    }
    LOG.error("checkpoint not saved: {}; the last good checkpoint is kept and training goes on "
        + "(failure {} of {} before the run stops)", reason, failedInARow, giveUpAfter);
    return Optional.empty();
  }

  /** Checkpoints that failed since the last one saved. */
  synchronized int failedInARow() {
    return failedInARow;
  }

  /** {@code file} was written. */
  void wrote(Path file) {
    if (failing.remove(file) != null) {
      LOG.info("{} written again", file);
    }
  }

  /** {@code file} could not be written; logged once until it works again. */
  void writeFailed(Path file, Throwable e) {
    String reason = Failures.describe(e);
    if (failing.putIfAbsent(file, reason) == null) {
      String what = reason.contains(file.toString()) ? reason : file + ": " + reason;
      LOG.error("{}; training goes on (not logged again until it works)", what);
    }
  }

  /** Whether the last write of {@code file} failed. */
  boolean isFailing(Path file) {
    return failing.containsKey(file);
  }
}
