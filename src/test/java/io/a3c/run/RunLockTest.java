package io.a3c.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.a3c.config.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {
  @TempDir Path run;

  @Test
  void aSecondOwnerIsRefusedWithTheHoldersProcessId() {
    try (RunLock first = RunLock.acquire(run)) {
      InvalidInputException e = assertThrows(InvalidInputException.class,
          () -> RunLock.acquire(run));
      assertTrue(e.getMessage().contains("is in use by process "
          + ProcessHandle.current().pid()), e.getMessage());
      assertTrue(e.getMessage().contains(run.toString()), e.getMessage());
    }
    // Released: the next owner gets it.
    RunLock.acquire(run).close();
  }

  @Test
  void aFileLeftByAKilledProcessDoesNotBlock() throws IOException {
    // What kill -9 leaves: the file with a dead process's id, and no OS lock.
    Files.writeString(run.resolve(RunLock.FILE), "999999999\n");
    try (RunLock lock = RunLock.acquire(run)) {
      assertEquals(ProcessHandle.current().pid() + "\n",
          Files.readString(run.resolve(RunLock.FILE)));
    }
  }

  @Test
  void anUnwritableRunDirectoryIsBadInput() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> RunLock.acquire(run.resolve("missing/dir")));
    assertTrue(e.getMessage().startsWith("cannot write in the run directory"), e.getMessage());
  }
}
