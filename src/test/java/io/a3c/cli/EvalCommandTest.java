package io.a3c.cli;

import static io.a3c.cli.MainTest.assertBadInput;
import static io.a3c.cli.MainTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.a3c.config.HyperParameters;
import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Evaluation of a short catch run: statistics and a GIF that decodes back. */
class EvalCommandTest {
  @TempDir
  static Path tmp;
  static Path runDir;

  @BeforeAll
  static void train() {
    runDir = tmp.resolve("run");
    MainTest.Run r = run("train", "--env", "catch", "--workers", "2", "--max-steps", "3000",
        "--learning-rate", "1e-3", "--seed", "5", "--run-dir", runDir.toString());
    assertEquals(0, r.code(), r.err());
  }

  @Test
  void evalPrintsStatisticsAndRecordsAGif() throws IOException {
    Path gif = tmp.resolve("game.gif");
    MainTest.Run r = run("eval", "--run", runDir.toString(), "--episodes", "5", "--greedy",
        "--record", gif.toString(), "--json");
    assertEquals(0, r.code(), r.err());
    JsonObject o = new Gson().fromJson(r.out().lines().reduce((a, b) -> b).orElseThrow(),
        JsonObject.class);
    assertEquals(5, o.get("episodes").getAsInt());
    double mean = o.get("mean").getAsDouble();
    assertTrue(mean >= -1 && mean <= 1, "catch scores are -1 or +1: " + mean);
    assertTrue(o.get("min").getAsDouble() <= mean && mean <= o.get("max").getAsDouble());
    assertTrue(o.has("std"));

    // The first game: a reset frame plus one per step (8 steps in catch), the default frame
    // size scaled by 4.
    try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
      ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
      reader.setInput(in);
      int frames = reader.getNumImages(true);
      assertEquals(9, frames);
      assertEquals(HyperParameters.DEFAULT_FRAME_SIZE * 4, reader.getWidth(0));
      assertEquals(HyperParameters.DEFAULT_FRAME_SIZE * 4, reader.getHeight(0));
    }
  }

  @Test
  void evalPlaysTheExportedSavedModel() {
    MainTest.Run r = run("eval", "--saved-model", runDir.resolve("saved_model").toString(),
        "--episodes", "3", "--json");
    assertEquals(0, r.code(), r.err());
    JsonObject o = new Gson().fromJson(r.out().lines().reduce((a, b) -> b).orElseThrow(),
        JsonObject.class);
    assertEquals(3, o.get("episodes").getAsInt());
    assertEquals(3, o.getAsJsonArray("lengths").size());
    // Every catch game is 8 steps long, whatever the policy does.
    o.getAsJsonArray("lengths").forEach(l -> assertEquals(8, l.getAsInt()));
  }

  @Test
  void badEvalInput() {
    assertBadInput(run("eval", "--run", tmp.resolve("missing").toString()),
        "run directory not found");
    assertBadInput(run("eval"), "exactly one of --run DIR and --saved-model DIR");
    assertBadInput(run("eval", "--run", runDir.toString(), "--record", "x.mp4"),
        "--record supports .gif files");
    assertBadInput(run("eval", "--run", runDir.toString(), "--episodes", "0"), "--episodes");
    assertBadInput(run("eval", "--saved-model", runDir.toString()), "not an a3c SavedModel");
  }
}
