package io.a3c.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import io.a3c.TestPython;
import io.a3c.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Pong policy shipped in {@code models/pong-a3c} wins in Java and in Python TensorFlow, and
 * the two play the same games: the same environment seed, the same frames (play.py runs the
 * bridge's own preprocessing), the same greedy actions, so the same scores and lengths.
 */
class ShippedPongModelIT {
  private static final int GAMES = 2;

  @Test
  @Timeout(400)
  void winsInJavaAndPythonWithTheSameGames() {
    Path model = TestPython.projectDir().resolve("models").resolve("pong-a3c");
    assertTrue(Files.isRegularFile(model.resolve("saved_model.pb")), model.toString());

    ByteArrayOutputStream text = new ByteArrayOutputStream();
    int code = Main.run(new PrintStream(text, true, StandardCharsets.UTF_8), System.err,
        "eval", "--saved-model", model.toString(), "--greedy", "--episodes",
        Integer.toString(GAMES), "--seed", "0", "--json");
    String javaOut = text.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, javaOut);
    JsonObject java = lastJson(javaOut);

    TestPython.Output play = TestPython.run(Duration.ofSeconds(300),
        TestPython.projectDir().resolve("python-export").resolve("play.py").toString(),
        model.toString(), "--greedy", "--episodes", Integer.toString(GAMES), "--seed", "0",
        "--json");
    assertEquals(0, play.code(), play.text());
    JsonObject python = lastJson(play.text());
    System.out.printf("shipped Pong policy: Java %s, Python %s%n", java, python);

    assertTrue(java.get("mean").getAsDouble() >= 18, "Java greedy mean " + java);
    assertEquals(java.get("scores"), python.get("scores"), "same scores");
    assertEquals(java.get("lengths"), python.get("lengths"), "same games, step for step");
  }

  private static JsonObject lastJson(String output) {
    String line = output.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no JSON line in: " + output));
    return new Gson().fromJson(line, JsonObject.class);
  }
}
