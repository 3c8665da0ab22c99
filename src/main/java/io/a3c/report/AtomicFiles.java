package io.a3c.report;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/** Replaces report files whole, so a viewer or a crash never meets half a picture. */
final class AtomicFiles {
  private AtomicFiles() {}

  /**
   * A new hidden file next to {@code target}, so the final move stays on one file system. Unlike
   * Files.createTempFile it gets the usual permissions (the umask), which the target then keeps.
   */
  static Path tempFileFor(Path target) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    while (true) {
      Path temp = dir.resolve("." + target.getFileName() + "."
          + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
      try {
        return Files.createFile(temp);
      } catch (FileAlreadyExistsException e) {
        // Another writer drew the same name; draw again.
      }
    }
  }

  /** Moves {@code temp} over {@code target}, atomically where the file system can. */
  static void replace(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Removes a temporary file after a failure, which is the error worth reporting. */
  static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A leftover hidden .tmp file is harmless.
    }
  }
}
