package io.a3c.cli;

import static io.a3c.cli.MainTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.a3c.checkpoint.CheckpointManifest;
import io.a3c.checkpoint.CheckpointStore;
import io.a3c.config.HyperParameters;
import io.a3c.env.EnvSpec;
import io.a3c.graph.A3CGraph;
import io.a3c.summary.TensorBoardSink;
import io.a3c.train.ProgressCsv;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full or read-only disk on a real file system: a small tmpfs mounted for the test (Linux, and
 * permission to mount: root, as in CI; skipped elsewhere). Start-up on an unwritable directory is
 * bad input (exit 2 with the path); a disk that fills mid-run costs failed checkpoints, one line
 * each, but not the run, which saves again once there is space; a disk that stays full
 * stops the run with exit 1 and one line after {@code StorageWatch.GIVE_UP_AFTER} failed
 * checkpoints, and {@code --resume} goes on from the last good one. Training runs in a child JVM,
 * which the test stops whatever happens.
 */
class StorageFaultsIT {
  @TempDir Path tmp;
  private Path mount;
  private boolean mounted;
  /** The training process of a test, stopped after it whatever happened. */
  private Process child;

  @BeforeEach
  void mountTmpfs() throws Exception {
    mount = tmp.resolve("disk");
    Files.createDirectories(mount);
    mounted = sh("mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", mount.toString()) == 0;
    assumeTrue(mounted, "needs permission to mount a tmpfs (root on Linux)");
  }

  @AfterEach
  void stopAndUnmount() throws Exception {
    if (child != null) {
      child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    if (mounted) {
      sh("umount", "-l", mount.toString());
    }
  }

  @Test
  @Timeout(120)
  void anUnwritableRunDirectoryIsBadInputNamingThePath() throws Exception {
    Path existing = mount.resolve("existing");
    Files.createDirectories(existing);
    assertEquals(0, sh("mount", "-o", "remount,ro", mount.toString()));
    MainTest.Run fresh = run("train", "--env", "catch", "--max-steps", "100",
        "--run-dir", mount.resolve("new").toString());
    MainTest.assertBadInput(fresh, mount.resolve("new").toString());
    assertTrue(fresh.err().contains("Read-only file system"), fresh.err());
    MainTest.Run inExisting = run("train", "--env", "catch", "--max-steps", "100",
        "--run-dir", existing.toString());
    MainTest.assertBadInput(inExisting, existing.toString());
    assertTrue(inExisting.err().contains("Read-only file system"), inExisting.err());

    assertEquals(0, sh("mount", "-o", "remount,rw", mount.toString()));
    Path full = mount.resolve("full");
    Files.createDirectories(full);
    fill(mount.resolve("filler"));
    MainTest.Run onFullDisk = run("train", "--env", "catch", "--max-steps", "100",
        "--run-dir", full.toString());
    MainTest.assertBadInput(onFullDisk, full.toString());
    assertTrue(onFullDisk.err().contains("No space left on device"), onFullDisk.err());
  }

  @Test
  @Timeout(300)
  void aDiskThatFillsMidRunCostsCheckpointsNotTheRun() throws Exception {
    Path runDir = mount.resolve("run");
    Path log = tmp.resolve("fill.log");
    CheckpointStore store = trainUntilTheFirstCheckpoint(runDir, log, 5);

    Path filler = mount.resolve("filler");
    fill(filler);
    long stepWhenFull = step(store.latest().orElseThrow());
    await(() -> logHas(log, "checkpoint not saved: "), 60, log);
    String failure = Files.readAllLines(log).stream()
        .filter(l -> l.contains("checkpoint not saved: ")).findFirst().orElseThrow();
    assertTrue(failure.contains("No space left on device"), failure);
    MainTest.assertNoClassName(failure);
    // The last good checkpoint stays whole and loadable while saves fail.
    Path kept = store.latest().orElseThrow();
    CheckpointManifest manifest = CheckpointManifest.read(kept);
    assertTrue(Files.isRegularFile(kept.resolve("variables.index")), kept.toString());
    assertTrue(child.isAlive(), "training goes on while the disk is full");

    Files.delete(filler);
    await(() -> logHas(log, "failed one(s)"), 60, log);
    assertTrue(child.isAlive(), "training goes on after the disk has space again");
    // Ctrl-C's signal: the final checkpoint and export are written.
    new ProcessBuilder("kill", "-TERM", Long.toString(child.pid())).start().waitFor();
    assertTrue(child.waitFor(120, TimeUnit.SECONDS), "stops after SIGTERM");
    assertEquals(143, child.exitValue(), Files.readString(log));
    long finalStep = step(store.latest().orElseThrow());
    assertTrue(finalStep > manifest.globalStep() && finalStep > stepWhenFull,
        "saved again after the disk had space: " + finalStep + " > " + stepWhenFull);
    assertTrue(Files.isRegularFile(runDir.resolve("saved_model/saved_model.pb")),
        "exported at the end");
    // Whole rows only: a failed append leaves no torn line behind.
    List<String> progress = Files.readAllLines(runDir.resolve("progress.csv"));
    assertEquals(ProgressCsv.HEADER, progress.get(0));
    for (String line : progress.subList(1, progress.size())) {
      assertEquals(5, line.split(",", -1).length, "a whole row: " + line);
    }
    for (String line : Files.readAllLines(runDir.resolve("episodes.csv"))) {
      assertEquals(4, line.split(",", -1).length, "a whole row: " + line);
    }
    assertNoStackTrace(log);
  }

  /**
   * A disk that stays full stops the run. (A tmpfs with files open for writing cannot be
   * remounted read-only, so the read-only case is tested at start-up.)
   */
  @Test
  @Timeout(300)
  void aDiskThatStaysFullStopsTheRunCleanlyAndItResumes() throws Exception {
    Path runDir = mount.resolve("run");
    Path log = tmp.resolve("stays-full.log");
    CheckpointStore store = trainUntilTheFirstCheckpoint(runDir, log, 6);
    Path filler = mount.resolve("filler");
    fill(filler);
    long lastGood = step(store.latest().orElseThrow());

    // 10 failed saves, one a second, then a clean stop.
    assertTrue(child.waitFor(150, TimeUnit.SECONDS), "stops: " + Files.readString(log));
    assertEquals(1, child.exitValue(), Files.readString(log));
    List<String> errors = Files.readAllLines(log).stream()
        .filter(l -> l.startsWith("a3c: ")).toList();
    assertEquals(1, errors.size(), "one line: " + errors);
    assertTrue(errors.get(0).contains("10 checkpoints in a row could not be saved"),
        errors.get(0));
    assertTrue(errors.get(0).contains("No space left on device"), errors.get(0));
    MainTest.assertNoClassName(errors.get(0));
    assertNoStackTrace(log);
    assertEquals(lastGood, step(store.latest().orElseThrow()), "the last good checkpoint");

    Files.delete(filler);
    MainTest.Run resumed = run("train", "--resume", runDir.toString(), "--max-steps",
        "" + (lastGood + 500));
    assertEquals(0, resumed.code(), resumed.err());
    String trainLog = Files.readString(runDir.resolve("train.log"), StandardCharsets.UTF_8);
    assertTrue(trainLog.contains("at global step " + lastGood), "resumed from the last good one");
    assertTrue(step(store.latest().orElseThrow()) >= lastGood + 500);
  }

  /**
   * TensorBoard's writer on a disk that fills: the flush fails for real, the sink counts it and
   * logs it once, and the caller (a worker thread) never sees it.
   */
  @Test
  @Timeout(120)
  void theSummarySinkCountsWritesThatFailOnAFullDisk() throws Exception {
    EnvSpec spec = new EnvSpec("img", new int[] {31, 31, 1}, List.of("A", "B"));
    try (A3CGraph graph = A3CGraph.build(spec, HyperParameters.defaults("img", 1, 5))) {
      graph.initialize();
      try (TensorBoardSink sink = TensorBoardSink.create(graph, mount.resolve("logs"))) {
        sink.episode(0, 1, 1, 1, 1);
        sink.flush();
        assertEquals(0, sink.failures());
        fill(mount.resolve("filler"));
        // The event file's last page may still hold a few writes: write until one fails.
        long deadline = System.nanoTime() + 30_000_000_000L;
        for (int i = 0; sink.failures() == 0 && System.nanoTime() < deadline; i++) {
          sink.episode(0, 2 + i, 1, 1, 1);
          sink.histograms(2 + i);
          sink.flush();
        }
        assertTrue(sink.failures() >= 1, "writes to a full disk fail");
      }
    }
  }

  private static long step(Path checkpoint) {
    return CheckpointManifest.read(checkpoint).globalStep();
  }

  /** Writes zeros to {@code file} until the file system is full. */
  private static void fill(Path file) throws IOException {
    byte[] block = new byte[1 << 16];
    try (OutputStream out = Files.newOutputStream(file)) {
      while (true) {
        out.write(block);
      }
    } catch (IOException full) {
      assertTrue(String.valueOf(full.getMessage()).contains("No space left on device"),
          "filled: " + full);
    }
  }

  /** Starts catch training in a child JVM, checkpointing every second, and waits for a save. */
  private CheckpointStore trainUntilTheFirstCheckpoint(Path runDir, Path log, int seed)
      throws Exception {
    child = startTraining(log, "train", "--env", "catch", "--workers", "2", "--seed", "" + seed,
        "--checkpoint-seconds", "1", "--eval-every", "0", "--run-dir", runDir.toString());
    CheckpointStore store = new CheckpointStore(runDir.resolve("checkpoints"));
    await(() -> store.latest().isPresent(), 120, log);
    return store;
  }

  /** {@code a3c} in a child JVM, its console to {@code log}. */
  private static Process startTraining(Path log, String... args) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "-Xmx1g", "-cp",
        System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
        .start();
  }

  private static void assertNoStackTrace(Path log) throws IOException {
    String text = Files.readString(log);
    int at = text.indexOf("\tat ");
    assertTrue(at < 0, "no stack trace: "
        + text.substring(Math.max(0, at - 1500), Math.min(text.length(), at + 300)));
  }

  private static boolean logHas(Path log, String text) {
    try {
      return Files.readString(log).contains(text);
    } catch (IOException e) {
      return false;
    }
  }

  private void await(BooleanSupplier condition, int seconds, Path log) throws Exception {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (!condition.getAsBoolean()) {
      assertTrue(child.isAlive(), "training ended early: " + Files.readString(log));
      assertTrue(System.nanoTime() < deadline, "waited " + seconds + " s: "
          + Files.readString(log));
      Thread.sleep(100);
    }
  }

  private static int sh(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
  }
}
