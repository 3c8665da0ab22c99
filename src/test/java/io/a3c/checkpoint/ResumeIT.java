package io.a3c.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import io.a3c.cli.Main;
import io.a3c.train.ProgressCsv;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Save, kill, resume: a training process checkpointing every second is killed with SIGKILL at
 * several moments (possibly in the middle of a save, an evaluation or a CSV row), resumed each
 * time in a new process; each resume goes on from the latest checkpoint, so a kill loses only the
 * steps since it, and the run's CSV files hold whole rows only (a row cut short by a kill is
 * removed on resume). A last {@code a3c train --resume} with another worker count finishes it.
 */
class ResumeIT {
  /** Kills, each at a random moment within a second of a new checkpoint. */
  private static final int KILLS = 3;

  @TempDir
  Path tmp;

  @Test
  @Timeout(420)
  void killedAtSeveralMomentsTheRunResumesFromItsLatestCheckpointEachTime() throws Exception {
    Path run = tmp.resolve("run");
    CheckpointStore store = new CheckpointStore(run.resolve("checkpoints"));
    CheckpointManifest saved = null;
    for (int kill = 0; kill < KILLS; kill++) {
      Path childLog = tmp.resolve("child-" + kill + ".log");
      Process child = saved == null
          ? startTraining(run, childLog, "1")
          : startChild(childLog, "train", "--resume", run.toString());
      long from = saved == null ? -1 : saved.globalStep();
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
        // A fresh run waits for two checkpoints, a resumed one for one past where it started.
        while (store.checkpoints().size() < 2 || latestStep(store) <= from) {
          assertTrue(child.isAlive(), "training died: " + Files.readString(childLog));
          assertTrue(System.nanoTime() < deadline, "no checkpoint: "
              + Files.readString(childLog));
          Thread.sleep(50);
        }
        Thread.sleep(ThreadLocalRandom.current().nextLong(1000));
      } finally {
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
      assertEquals(137, child.exitValue(), "killed by SIGKILL");
      if (saved != null) {
        assertTrue(Files.readString(childLog).contains("at global step " + saved.globalStep()),
            "resume " + kill + " went on from the latest checkpoint, step " + saved.globalStep());
      }
      saved = CheckpointManifest.read(store.latest().orElseThrow());
      System.out.printf("kill %d: latest checkpoint at step %d%n", kill + 1, saved.globalStep());
    }
    // Whole rows: the kill may have cut the last one short. Kills before the first progress
    // report (every 5 s) leave no progress.csv yet.
    Path progress = run.resolve("progress.csv");
    long rowsBefore = Files.exists(progress)
        ? Files.readString(progress).chars().filter(c -> c == '\n').count() : 0;
    int eventFilesBefore = eventFiles(run);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), System.err,
        "train", "--resume", run.toString(), "--workers", "1", "--eval-every", "0.02",
        "--max-steps", Long.toString(saved.globalStep() + 1500));
    String printed = out.toString(StandardCharsets.UTF_8);
    System.out.println(printed);
    assertEquals(0, code, printed);
    assertTrue(printed.contains("resuming run " + run), printed);
    assertTrue(Files.readString(run.resolve("train.log"))
        .contains("at global step " + saved.globalStep()), "went on from the latest checkpoint");

    // Counters and step carry over; the run's files are appended to.
    CheckpointManifest end = CheckpointManifest.read(store.latest().orElseThrow());
    assertTrue(end.globalStep() >= saved.globalStep() + 1500, end.globalStep() + "");
    assertTrue(end.episodes() > saved.episodes());
    assertTrue(end.elapsedSeconds() > saved.elapsedSeconds());
    List<String> csv = Files.readAllLines(run.resolve("progress.csv"));
    assertEquals(1, csv.stream().filter(ProgressCsv.HEADER::equals).count(), "one header");
    assertTrue(csv.size() > rowsBefore);
    // Whole rows only, after every kill: a torn one was removed when the run resumed.
    assertWholeRows(run.resolve("progress.csv"), 5);
    assertWholeRows(run.resolve("episodes.csv"), 4);
    assertWholeRows(run.resolve("eval.csv"), 9);
    for (String row : csv.subList((int) Math.max(rowsBefore, 1), csv.size())) { // no header
      String[] cells = row.split(",");
      assertTrue(Long.parseLong(cells[1]) >= saved.globalStep(), row);
      assertTrue(Long.parseLong(cells[2]) >= saved.episodes(), row);
      assertTrue(Double.parseDouble(cells[0]) >= saved.elapsedSeconds(), row);
    }
    assertEquals(eventFilesBefore + 1, eventFiles(run), "a new event file in the same logdir");
    assertEquals(1, JsonParser.parseString(Files.readString(run.resolve("config.json")))
        .getAsJsonObject().getAsJsonObject("hyper_parameters").get("workers").getAsInt());
    assertTrue(Files.isRegularFile(run.resolve("saved_model/saved_model.pb")));
    try (Stream<Path> files = Files.list(store.directory())) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".tmp-")),
          "what the killed save left is cleaned up");
    }
    assertTrue(store.checkpoints().size() <= CheckpointStore.DEFAULT_KEEP);
    System.out.printf("killed %d times, the last at checkpoint step %d (%d episodes); resumed with "
        + "1 worker to step %d (%d episodes)%n", KILLS, saved.globalStep(), saved.episodes(),
        end.globalStep(), end.episodes());
  }

  @Test
  @Timeout(300)
  void ctrlCStopsGracefullyWithAFinalCheckpointAndExport() throws Exception {
    Path run = tmp.resolve("interrupted");
    Path childLog = tmp.resolve("interrupted.log");
    Process child = startTraining(run, childLog, "2");
    CheckpointStore store = new CheckpointStore(run.resolve("checkpoints"));
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
      while (store.checkpoints().isEmpty()) {
        assertTrue(child.isAlive(), "training died: " + Files.readString(childLog));
        assertTrue(System.nanoTime() < deadline, "no checkpoint: " + Files.readString(childLog));
        Thread.sleep(100);
      }
      CheckpointManifest periodic = CheckpointManifest.read(store.latest().orElseThrow());
      Thread.sleep(1500);
      // What Ctrl-C sends.
      new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start().waitFor();
      assertTrue(child.waitFor(120, TimeUnit.SECONDS), "stops within the grace period");
      CheckpointManifest last = CheckpointManifest.read(store.latest().orElseThrow());
      assertTrue(last.globalStep() > periodic.globalStep(), "a final checkpoint at shutdown");
      assertTrue(Files.isRegularFile(run.resolve("saved_model/saved_model.pb")),
          Files.readString(childLog));
      System.out.printf("Ctrl-C: periodic checkpoint at step %d, final at step %d, exit %d%n",
          periodic.globalStep(), last.globalStep(), child.exitValue());
    } finally {
      child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  /**
   * {@code a3c train} on catch in a child JVM, checkpointing every {@code seconds} and
   * evaluating every 1.2 s (so kills also land in evaluations).
   */
  private static Process startTraining(Path run, Path log, String seconds) throws IOException {
    return startChild(log, "train", "--env", "catch", "--workers", "2", "--checkpoint-seconds",
        seconds, "--eval-every", "0.02", "--seed", "4", "--run-dir", run.toString());
  }

  private static Process startChild(Path log, String... args) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx1g", "-cp",
        System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
        .start();
  }

  private static long latestStep(CheckpointStore store) {
    return store.latest().map(dir -> CheckpointManifest.read(dir).globalStep()).orElse(-1L);
  }

  /** Every line of {@code csv} has {@code columns} cells and ends with a newline. */
  private static void assertWholeRows(Path csv, int columns) throws IOException {
    String text = Files.readString(csv);
    assertTrue(text.endsWith("\n"), csv + " ends with a whole row");
    for (String line : text.lines().toList()) {
      assertEquals(columns, line.split(",", -1).length, csv.getFileName() + ": " + line);
    }
  }

  private static int eventFiles(Path run) throws IOException {
    try (Stream<Path> files = Files.list(run)) {
      return (int) files.filter(p -> p.getFileName().toString().contains("tfevents")).count();
    }
  }
}
