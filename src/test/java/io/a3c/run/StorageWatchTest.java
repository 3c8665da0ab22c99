package io.a3c.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A run keeps going through failed saves and stops only after several in a row. */
class StorageWatchTest {
  private static final RuntimeException FULL = new UncheckedIOException(
      "cannot write a checkpoint in /run/checkpoints", new IOException("No space left on device"));

  @Test
  void stopsOnlyAfterTheLimitOfFailuresInARow() {
    StorageWatch watch = new StorageWatch(3);
    assertEquals(Optional.empty(), watch.checkpointFailed(FULL));
    assertEquals(Optional.empty(), watch.checkpointFailed(FULL));
    Optional<String> stop = watch.checkpointFailed(FULL);
    assertTrue(stop.isPresent());
    assertTrue(stop.get().contains("3 checkpoints in a row could not be saved"), stop.get());
    assertTrue(stop.get().contains("No space left on device"), stop.get());
    assertTrue(stop.get().contains("--resume"), stop.get());
  }

  @Test
  void aSavedCheckpointStartsTheCountAgain() {
    StorageWatch watch = new StorageWatch(2);
    assertEquals(Optional.empty(), watch.checkpointFailed(FULL));
    assertEquals(1, watch.failedInARow());
    watch.checkpointSaved(Path.of("/run/checkpoints/ckpt-100"));
    assertEquals(0, watch.failedInARow());
    assertEquals(Optional.empty(), watch.checkpointFailed(FULL));
    assertTrue(watch.checkpointFailed(FULL).isPresent());
  }

  @Test
  void tracksFailingFilesUntilTheyAreWrittenAgain() {
    StorageWatch watch = new StorageWatch();
    Path csv = Path.of("/run/progress.csv");
    watch.writeFailed(csv, FULL);
    watch.writeFailed(csv, FULL);
    assertTrue(watch.isFailing(csv));
    assertFalse(watch.isFailing(Path.of("/run/episodes.csv")));
    watch.wrote(csv);
    assertFalse(watch.isFailing(csv));
  }

  @Test
  void refusesALimitBelowOne() {
    assertThrows(IllegalArgumentException.class, () -> new StorageWatch(0));
  }
}
