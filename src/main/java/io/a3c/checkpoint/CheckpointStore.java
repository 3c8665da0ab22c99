package io.a3c.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of a run's {@code checkpoints/} directory, written so that a crash at any moment
 * leaves the previous checkpoint loadable.
 *
 * <p>A checkpoint is written into a hidden temporary directory, every file and the directory are
 * fsynced, and only then is it renamed into place as {@code ckpt-<step>} (a same-step save gets
 * {@code ckpt-<step>-<n>}); the {@code latest} file, replaced by an atomic rename, names it.
 * A {@code ckpt-*} directory is therefore always complete. The newest {@link #DEFAULT_KEEP} are
 * kept.
 */
public final class CheckpointStore {
  /** Checkpoints kept; older ones are deleted after each save. */
  public static final int DEFAULT_KEEP = 3;
  static final String LATEST = "latest";
  static final String PREFIX = "ckpt-";
  private static final String TEMP_PREFIX = ".tmp-";
  /** Saves at one global step that the names can tell apart (more is not plausible). */
  private static final long SAME_STEP_LIMIT = 1_000_000;
  private static final Pattern NAME = Pattern.compile("ckpt-(\\d+)(?:-(\\d+))?");

  private final Path dir;
  private final int keep;

  public CheckpointStore(Path dir, int keep) {
    if (keep < 1) {
      throw new IllegalArgumentException("keep at least one checkpoint");
    }
    this.dir = dir;
    this.keep = keep;
  }

  public CheckpointStore(Path dir) {
    this(dir, DEFAULT_KEEP);
  }

  public Path directory() {
    return dir;
  }

  /** A fresh temporary directory for one save. */
  Path begin() {
    try {
      Files.createDirectories(dir);
      return Files.createDirectory(dir.resolve(TEMP_PREFIX + UUID.randomUUID()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a checkpoint in " + dir, e);
    }
  }

  /**
   * Makes the save in {@code temp} durable and current: fsync, rename to {@code ckpt-<step>},
   * point {@code latest} at it, delete checkpoints beyond the newest {@code keep}.
   *
   * @return the checkpoint's directory
   */
  Path commit(Path temp, long step) {
    try {
      syncTree(temp);
      Path target = dir.resolve(PREFIX + step);
      // A second save at the same step sorts after every earlier one, even pruned ones.
      long last = checkpoints().stream().mapToLong(CheckpointStore::order)
          .filter(o -> o / SAME_STEP_LIMIT == step).max().orElse(-1);
      if (last >= 0) {
        target = dir.resolve(PREFIX + step + "-" + (last % SAME_STEP_LIMIT + 1));
      }
      move(temp, target);
      syncDirectory(dir);
      Path pointer = dir.resolve(LATEST + ".tmp");
      Files.writeString(pointer, target.getFileName() + "\n", StandardCharsets.UTF_8);
      sync(pointer);
      move(pointer, dir.resolve(LATEST));
      syncDirectory(dir);
      prune(target);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a checkpoint in " + dir, e);
    }
  }

  /** Removes a save that failed half-way. */
  void abort(Path temp) {
    deleteTree(temp);
  }

  /**
   * The checkpoint to resume from: the one {@code latest} names, or, if that pointer is missing
   * or names nothing (a crash between the rename and the pointer update), the newest one.
   */
  public Optional<Path> latest() {
    Path pointer = dir.resolve(LATEST);
    if (Files.isRegularFile(pointer)) {
      try {
        String name = Files.readString(pointer, StandardCharsets.UTF_8).trim();
        if (NAME.matcher(name).matches() && Files.isDirectory(dir.resolve(name))) {
          return Optional.of(dir.resolve(name));
        }
      } catch (IOException e) {
        // fall through to the newest checkpoint directory
      }
    }
    List<Path> all = checkpoints();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /** Every checkpoint directory, oldest first. */
  public List<Path> checkpoints() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, PREFIX + "*")) {
      for (Path p : entries) {
        if (Files.isDirectory(p) && NAME.matcher(p.getFileName().toString()).matches()) {
          out.add(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    out.sort(Comparator.comparingLong(CheckpointStore::order));
    return out;
  }

  /** Deletes temporary directories left by saves that crashed; returns how many. */
  public int deleteLeftovers() {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    int n = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, TEMP_PREFIX + "*")) {
      for (Path p : entries) {
        deleteTree(p);
        n++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    return n;
  }

  private void prune(Path current) {
    List<Path> all = checkpoints();
    for (int i = 0; i < all.size() - keep; i++) {
      if (!all.get(i).equals(current)) {
        deleteTree(all.get(i));
      }
    }
  }

  /** Sort key: step, then the same-step counter (1 for the first save at a step). */
  private static long order(Path p) {
    Matcher m = NAME.matcher(p.getFileName().toString());
    if (!m.matches()) {
      return -1;
    }
    return Long.parseLong(m.group(1)) * SAME_STEP_LIMIT
        + (m.group(2) == null ? 1 : Long.parseLong(m.group(2)));
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the file system cannot rename atomically: " + e.getMessage(), e);
    }
  }

  private static void syncTree(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(p)) {
          sync(p);
        }
      }
    }
    syncDirectory(root);
  }

  private static void sync(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }

  /** Makes renames inside {@code directory} durable; not every file system supports it. */
  private static void syncDirectory(Path directory) {
    try (FileChannel ch = FileChannel.open(directory, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Best effort: some platforms cannot open a directory for fsync.
    }
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }
}
