package io.a3c.cli;

import static io.a3c.cli.MainTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.a3c.TestPython;
import io.a3c.eval.EvalCsv;
import io.a3c.eval.EvalGamesCsv;
import io.a3c.summary.Tags;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evaluation during training on catch, end to end through the command line: rows at the
 * interval, a target score that stops the run, the best policy that loads and scores what its
 * evaluation said, the best game's GIF, and the eval/* scalars read by TensorBoard's reader.
 */
class TrainingEvaluationIT {
  /** Minutes between evaluations: 6 s; the monitor checks every 200 ms. */
  private static final double EVERY_MINUTES = 0.1;
  private static final int EPISODES = 20;
  private static final double TARGET = 0.9;
  private static final long MAX_STEPS = 400_000;

  @TempDir Path tmp;

  @Test
  @Timeout(300)
  void evaluatesAtTheIntervalKeepsTheBestAndStopsAtTheTarget() throws Exception {
    Path runDir = tmp.resolve("run");
    MainTest.Run r = run("train", "--env", "catch", "--workers", "2", "--seed", "2024",
        "--learning-rate", "1e-3", "--max-minutes", "4", "--max-steps", "" + MAX_STEPS,
        "--eval-every", "" + EVERY_MINUTES, "--eval-episodes", "" + EPISODES,
        "--target-score", "" + TARGET, "--run-dir", runDir.toString());
    assertEquals(0, r.code(), r.err());

    List<EvalCsv.Row> rows = new EvalCsv(runDir.resolve("eval.csv")).readAll();
    System.out.println("evaluations: " + rows);
    assertTrue(rows.size() >= 2, "several evaluations before the target: " + rows);
    for (int i = 1; i < rows.size(); i++) {
      double gap = rows.get(i).elapsedSeconds() - rows.get(i - 1).elapsedSeconds();
      // Due every 6 s, checked every 200 ms; delayed by games still playing (catch: about a
      // second for 20 games) or a monitor busy with a checkpoint and the learning curve.
      assertTrue(gap >= EVERY_MINUTES * 60 - 0.5
              && gap <= EVERY_MINUTES * 60 + rows.get(i - 1).evalSeconds() + 3,
          "evaluation " + i + " came " + gap + " s after the one before");
      assertTrue(rows.get(i).globalStep() > rows.get(i - 1).globalStep());
    }
    for (EvalCsv.Row row : rows) {
      assertEquals(EPISODES, row.episodes());
      assertTrue(row.min() <= row.mean() && row.mean() <= row.max(), row.toString());
    }
    // Every game of every evaluation, with the same mean as eval.csv's row.
    List<EvalGamesCsv.Row> played = new EvalGamesCsv(runDir.resolve("eval-games.csv"))
        .readAll();
    assertEquals(rows.size() * EPISODES, played.size());
    for (EvalCsv.Row row : rows) {
      List<EvalGamesCsv.Row> its = played.stream()
          .filter(g -> g.globalStep() == row.globalStep()).toList();
      assertEquals(EPISODES, its.size());
      assertEquals(row.mean(), its.stream().mapToDouble(EvalGamesCsv.Row::score).average()
          .orElseThrow(), 1e-9);
      assertEquals(row.meanLength(), its.stream().mapToLong(EvalGamesCsv.Row::length)
          .average().orElseThrow(), 0.051);
      assertTrue(its.stream().allMatch(g -> g.ending().equals("game_over")
          && g.randomStartSteps() == 0), "catch games end by themselves, no random starts");
    }
    // The target stops the run at once: the last evaluation is the first at the target.
    EvalCsv.Row last = rows.get(rows.size() - 1);
    assertTrue(last.mean() >= TARGET, "stopped at the target: " + last);
    assertTrue(rows.subList(0, rows.size() - 1).stream().allMatch(x -> x.mean() < TARGET),
        "only the last evaluation reached the target: " + rows);
    assertTrue(r.out().contains("target score " + TARGET + " reached"), r.out());
    JsonObject config = new Gson().fromJson(Files.readString(runDir.resolve("config.json")),
        JsonObject.class);
    assertEquals(EPISODES, config.getAsJsonObject("evaluation").get("episodes").getAsInt());

    // The best policy: the evaluation with the highest mean; a separate evaluation of it with
    // more games scores the same within noise.
    EvalCsv.Row best = rows.stream().max(Comparator.comparingDouble(EvalCsv.Row::mean))
        .orElseThrow();
    Path bestModel = runDir.resolve("best_saved_model");
    JsonObject policy = new Gson().fromJson(
        Files.readString(bestModel.resolve("assets.extra/policy.json")), JsonObject.class);
    assertEquals(best.globalStep(),
        policy.getAsJsonObject("evaluation").get("global_step").getAsLong());
    int games = 200;
    MainTest.Run eval = run("eval", "--saved-model", bestModel.toString(), "--episodes",
        "" + games, "--greedy", "--seed", "5", "--json");
    assertEquals(0, eval.code(), eval.err());
    JsonObject scores = JsonParser.parseString(
        eval.out().lines().reduce((a, b) -> b).orElseThrow()).getAsJsonObject();
    double again = scores.get("mean").getAsDouble();
    assertEquals(5, scores.get("seed").getAsLong());
    // Catch scores are +-1: the variance of a game is 1 - mean^2.
    double variance = Math.max(1 - best.mean() * best.mean(), 1 - again * again);
    double tolerance = 4 * Math.sqrt(variance / EPISODES + variance / games) + 0.05;
    assertTrue(Math.abs(again - best.mean()) <= tolerance, "best_saved_model scores " + again
        + " where its evaluation had " + best.mean() + " (tolerance " + tolerance + ")");

    byte[] gif = Files.readAllBytes(runDir.resolve("best-game.gif"));
    assertTrue(gif.length > 100 && new String(gif, 0, 4).equals("GIF8"), "best game recorded");
    assertTrue(Files.notExists(runDir.resolve(".eval-game.gif")), "no scratch recording left");
    assertTrue(Files.size(runDir.resolve("learning-curve.png")) > 1000);

    List<String> args = new ArrayList<>();
    args.add(Paths.get(getClass().getResource("/io/a3c/summary/check_events.py").toURI())
        .toString());
    args.add(runDir.toString());
    args.addAll(Tags.EVAL_SCALARS);
    TestPython.Output read = TestPython.run(Duration.ofSeconds(100), args.toArray(String[]::new));
    assertEquals(0, read.code(), read.text());
    JsonObject report = JsonParser.parseString(read.text().lines()
        .filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow()).getAsJsonObject();
    for (String tag : Tags.EVAL_SCALARS) {
      JsonObject s = report.getAsJsonObject("scalars").getAsJsonObject(tag);
      assertEquals(rows.size(), s.get("points").getAsInt(), tag + ": one point per evaluation");
    }
  }
}
