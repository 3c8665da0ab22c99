package io.a3c.cli;

import static io.a3c.cli.MainTest.assertBadInput;
import static io.a3c.cli.MainTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.a3c.run.RunLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to export, tensorboard and train --resume: exit 2 with one clear line. */
class PersistenceCommandsTest {
  @TempDir
  Path tmp;

  @Test
  void helpListsTheCommands() {
    MainTest.Run help = run("--help");
    assertTrue(help.out().contains("export") && help.out().contains("tensorboard"), help.out());
    assertTrue(run("train", "--help").out().contains("--resume"));
    assertEquals(0, run("export", "--help").code());
    assertEquals(0, run("tensorboard", "--help").code());
  }

  @Test
  void exportNeedsARunWithACheckpoint() throws IOException {
    assertBadInput(run("export", "--run", tmp.resolve("nope").toString()),
        "run directory not found");
    Files.writeString(tmp.resolve("config.json"), "{\"hyper_parameters\": {}}");
    assertBadInput(run("export", "--run", tmp.toString()), "no checkpoint in "
        + tmp.resolve("checkpoints") + ": nothing to export");
    assertEquals(2, run("export").code(), "--run is required");
  }

  @Test
  void resumeNeedsARunAndKeepsItsSettings() {
    assertBadInput(run("train", "--resume", tmp.resolve("nope").toString()),
        "run directory not found");
    assertBadInput(run("train", "--resume", tmp.toString(), "--learning-rate", "0.1"),
        "only --workers, --max-steps, --max-minutes and the evaluation options can change "
            + "(got --learning-rate)");
    assertBadInput(run("train", "--resume", tmp.toString(), "--run-dir", tmp.toString()),
        "(got --run-dir)");
  }

  @Test
  void aSecondTrainerOnOneRunIsRefusedAndALockLeftBehindDoesNotBlock() {
    Path runDir = tmp.resolve("run");
    MainTest.Run first = run("train", "--env", "catch", "--workers", "1", "--max-steps", "200",
        "--seed", "3", "--run-dir", runDir.toString());
    assertEquals(0, first.code(), first.err());
    try (RunLock held = RunLock.acquire(runDir)) {
      assertBadInput(run("train", "--resume", runDir.toString()),
          "is in use by process " + ProcessHandle.current().pid());
      // A reader may export a training run's latest checkpoint elsewhere, not into the run.
      assertBadInput(run("export", "--run", runDir.toString()), "give --out DIR");
      MainTest.Run elsewhere = run("export", "--run", runDir.toString(), "--out",
          tmp.resolve("exported").toString());
      assertEquals(0, elsewhere.code(), elsewhere.err());
      assertTrue(Files.isRegularFile(tmp.resolve("exported/saved_model.pb")));
    }
    MainTest.Run resumed = run("train", "--resume", runDir.toString(), "--max-steps", "400");
    assertEquals(0, resumed.code(), resumed.err());
  }

  @Test
  void tensorboardChecksItsOptions() {
    assertBadInput(run("tensorboard", "--run", tmp.resolve("nope").toString()),
        "run directory not found");
    assertBadInput(run("tensorboard", "--run", tmp.toString(), "--port", "70000"),
        "--port must be between 1 and 65535 (got 70000)");
    assertBadInput(run("tensorboard", "--run", tmp.toString(), "--python",
        tmp.resolve("no-python").toString()), "cannot start TensorBoard with");
  }
}
