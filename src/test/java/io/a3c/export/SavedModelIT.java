package io.a3c.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.a3c.TestPython;
import io.a3c.checkpoint.CheckpointStore;
import io.a3c.checkpoint.Checkpointer;
import io.a3c.cli.Main;
import io.a3c.config.HyperParameters;
import io.a3c.graph.A3CGraph;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Python TensorFlow loads the exported SavedModel and reproduces Java's outputs within 1e-5
 * (python-export/compare_saved_model.py), for a policy trained a little on catch and for an
 * Atari-shaped one; python-export/play.py plays the Atari-shaped one in Gymnasium.
 */
class SavedModelIT {
  private static final Pattern MAX = Pattern.compile("max difference: (\\S+)");

  @TempDir
  Path tmp;

  @Test
  @Timeout(300)
  void trainedOnCatchExportedAtTheEndAndByTheExportCommand() {
    Path run = tmp.resolve("catch");
    assertEquals(0, main("train", "--env", "catch", "--workers", "2", "--max-steps", "2000",
        "--seed", "12", "--run-dir", run.toString()));
    double atEnd = compare(run.resolve("saved_model"));

    Path out = tmp.resolve("exported");
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    int code = Main.run(new PrintStream(text, true, StandardCharsets.UTF_8), System.err,
        "export", "--run", run.toString(), "--out", out.toString());
    String printed = text.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, printed);
    assertTrue(printed.contains("(environment observations)"), printed);
    assertTrue(printed.contains("Java reload max difference 0"), printed);
    double byCommand = compare(out);
    System.out.printf("catch: compare_saved_model.py max difference %.3g (end of training), "
        + "%.3g (a3c export)%n", atEnd, byCommand);
  }

  @Test
  @Timeout(300)
  void atariShapedPolicyComparesAndPlaysInGymnasium() {
    Path out = tmp.resolve("atari");
    try (A3CGraph graph = A3CGraph.build(GraphFiles.ATARI,
        HyperParameters.defaults(GraphFiles.ATARI.id(), 1, 21))) {
      Checkpointer checkpointer = Checkpointer.create(graph,
          new CheckpointStore(tmp.resolve("checkpoints")));
      graph.initialize();
      PolicyExport.Exported e = PolicyExport.export(checkpointer.save(0, 0), out, List.of(),
          Map.of());
      assertEquals(0.0, e.javaReloadMaxDifference());
      System.out.printf("Atari-shaped export: %,d bytes%n", e.bytes());
    }
    double diff = compare(out);
    System.out.printf("Atari-shaped: compare_saved_model.py max difference %.3g%n", diff);

    TestPython.Output play = TestPython.run(Duration.ofSeconds(240), script("play.py"),
        out.toString(), "--episodes", "1", "--max-steps", "400", "--seed", "3");
    System.out.println(play.text());
    assertEquals(0, play.code(), play.text());
    assertTrue(play.text().contains("mean score over 1 episodes of PongDeterministic-v4"),
        play.text());
  }

  /** Runs compare_saved_model.py; asserts it passes and returns the difference it printed. */
  private static double compare(Path savedModel) {
    TestPython.Output r = TestPython.run(Duration.ofSeconds(120), script("compare_saved_model.py"),
        savedModel.toString());
    System.out.println(r.text());
    assertEquals(0, r.code(), r.text());
    Matcher m = MAX.matcher(r.text());
    assertTrue(m.find(), r.text());
    double diff = Double.parseDouble(m.group(1));
    assertTrue(diff <= 1e-5, "max difference " + diff);
    return diff;
  }

  private static String script(String name) {
    Path p = TestPython.projectDir().resolve("python-export").resolve(name);
    assertTrue(Files.isRegularFile(p), p.toString());
    return p.toString();
  }

  private static int main(String... args) {
    return Main.run(System.out, System.err, args);
  }
}
