package io.a3c.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.a3c.config.HyperParameters;
import io.a3c.config.Network;
import io.a3c.config.Preprocessing;
import io.a3c.run.RunConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line in-process: exit codes and one-line messages. */
class MainTest {
  @TempDir
  Path tmp;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), args);
    return new Run(code, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  /** Exit code 2, exactly one line on stderr, no stack trace. */
  static void assertBadInput(Run r, String expected) {
    assertEquals(2, r.code(), r.err());
    List<String> lines = r.err().lines().toList();
    assertEquals(1, lines.size(), "one line: " + r.err());
    assertTrue(lines.get(0).contains(expected), lines.get(0));
    assertFalse(r.err().contains("\tat "), "no stack trace");
    assertNoClassName(r.err());
  }

  /** No qualified exception class name, as {@code toString()} and stack traces print them. */
  static void assertNoClassName(String text) {
    assertFalse(text.matches("(?s).*\\b(?:[a-z_]+\\.)+[A-Z]\\w*(?:Exception|Error)\\b.*"),
        "no class name: " + text);
  }

  @Test
  void helpAndVersion() {
    Run help = run("--help");
    assertEquals(0, help.code());
    assertTrue(help.out().contains("train"));
    assertTrue(help.out().contains("bench"));
    Run trainHelp = run("train", "--help");
    assertEquals(0, trainHelp.code());
    assertTrue(trainHelp.out().contains("--learning-rate"));
    assertTrue(trainHelp.out().contains("Default: 1.0E-4"), trainHelp.out());
    Run version = run("--version");
    assertEquals(0, version.code());
    assertTrue(version.out().contains("tensorflow_native 2.16.2"), version.out());
  }

  @Test
  void configJsonRecordsTheNetworkAndPreprocessingAndOldRunsReadAsTheReference()
      throws IOException {
    Run r = run("train", "--env", "catch", "--workers", "1", "--max-steps", "100",
        "--network", "reference", "--run-dir", tmp.resolve("run").toString());
    assertEquals(0, r.code(), r.err());
    String config = Files.readString(tmp.resolve("run/config.json"));
    assertTrue(config.contains("\"network\": \"reference\""), config);
    assertTrue(config.contains("\"preprocessing\": \"cropped-normalized\""), config);
    assertTrue(config.contains("\"frameSize\": 42"), config);
    // A config.json from before the choice existed: the run used the reference's network.
    Path old = tmp.resolve("old.json");
    Files.writeString(old, config.replace("\"network\": \"reference\",", "")
        .replace("\"preprocessing\": \"cropped-normalized\",", ""));
    HyperParameters hp = RunConfig.read(old);
    assertEquals(Network.REFERENCE, hp.network());
    assertEquals(Preprocessing.REFERENCE, hp.preprocessing());
    assertEquals(Network.ELU_SAME, HyperParameters.defaults("catch", 1, 1).network());
  }

  @Test
  void unknownEnvironmentNamesCloseMatches() {
    Run r = run("train", "--env", "cath", "--run-dir", tmp.resolve("run").toString());
    assertBadInput(r, "unknown environment 'cath'");
    assertTrue(r.err().contains("catch"), r.err());
    assertFalse(Files.exists(tmp.resolve("run")), "bad input leaves no run directory behind");
  }

  @Test
  void configFileValuesAreUsedAndTheCommandLineWins() throws IOException {
    Path config = tmp.resolve("c.json");
    Files.writeString(config, "{\"env\": \"catch\", \"learning-rate\": -5, \"workers\": 1}");
    assertBadInput(run("train", "--config", config.toString()), "--learning-rate");
    Run r = run("train", "--config", config.toString(), "--learning-rate", "0.001",
        "--max-steps", "200", "--run-dir", tmp.resolve("run").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.readString(tmp.resolve("run/config.json")).contains("\"learningRate\": 0.001"));
  }

  @Test
  void aShortTrainingRunWritesItsRunDirectory() throws IOException {
    Path dir = tmp.resolve("run");
    Run r = run("train", "--env", "catch", "--workers", "1", "--max-steps", "400", "--seed", "3",
        "--run-dir", dir.toString());
    assertEquals(0, r.code(), r.err());
    String config = Files.readString(dir.resolve("config.json"));
    assertTrue(config.contains("\"seed\": 3"), config);
    assertTrue(config.contains("tensorflow_native"), config);
    List<String> csv = Files.readAllLines(dir.resolve("progress.csv"));
    assertEquals("elapsed_seconds,global_step,episodes,mean_score,steps_per_second", csv.get(0));
    String[] last = csv.get(csv.size() - 1).split(",");
    assertTrue(Long.parseLong(last[1]) >= 400, csv.toString());
    assertTrue(Long.parseLong(last[2]) > 0, "episodes were played: " + csv);
  }

  @Test
  void aResumedRunKeepsItsWholeGameHistory() throws IOException {
    Path dir = tmp.resolve("resumed");
    assertEquals(0, run("train", "--env", "catch", "--workers", "1", "--max-steps", "300",
        "--run-dir", dir.toString()).code());
    List<String> first = Files.readAllLines(dir.resolve("episodes.csv"));
    int before = first.size();
    Run r = run("train", "--resume", dir.toString(), "--max-steps", "600", "-q");
    assertEquals(0, r.code(), r.err());
    List<String> games = Files.readAllLines(dir.resolve("episodes.csv"));
    assertTrue(before > 1 && games.size() > before, before + " -> " + games.size());
    assertEquals(first, games.subList(0, before), "the first run's games are kept");
    assertTrue(Files.size(dir.resolve("learning-curve.png")) > 0);
    assertBadInput(run("train", "--resume", dir.toString(), "--learning-rate", "0.1"),
        "--resume takes the run's settings from its config.json");
  }
}
