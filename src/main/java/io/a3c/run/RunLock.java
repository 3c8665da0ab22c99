package io.a3c.run;

import io.a3c.config.InvalidInputException;
import io.a3c.logging.Failures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A run directory has one owner: training, fresh or resumed, holds an exclusive OS lock on the
 * run's {@code .lock} file while it runs, and a second writer is refused with one line naming
 * the process that holds it. The operating system drops the lock when its process dies, even by
 * {@code kill -9}, so a file left behind never blocks; its contents (the last owner's process id)
 * are only for the message.
 */
public final class RunLock implements AutoCloseable {
  static final String FILE = ".lock";

  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the run's lock.
   *
   * @throws InvalidInputException if another process (or this one) holds it, or the run
   *     directory cannot be written
   */
  public static RunLock acquire(Path runRoot) {
    Path file = runRoot.resolve(FILE);
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new InvalidInputException("cannot write in the run directory " + runRoot + " ("
          + Failures.describe(e) + ")");
    }
    try {
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // this JVM holds it already
      }
      if (lock == null) {
        String holder = holder(channel);
        channel.close();
        throw new InvalidInputException("run " + runRoot + " is in use by "
            + (holder.isEmpty() ? "another process" : "process " + holder)
            + " (another a3c train); stop it or wait for it to finish");
      }
      byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8);
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(pid), 0);
      channel.force(false);
      return new RunLock(channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new InvalidInputException("cannot lock the run directory " + runRoot + " ("
          + Failures.describe(e) + ")");
    }
  }

  private static String holder(FileChannel channel) {
    try {
      ByteBuffer buffer = ByteBuffer.allocate(32);
      channel.read(buffer, 0);
      return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return "";
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing held
    }
  }

  /** Releases the lock; the file stays (a later owner overwrites it). */
  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // closing the channel releases it too
    }
    closeQuietly(channel);
  }
}
