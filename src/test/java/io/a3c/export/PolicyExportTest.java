package io.a3c.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.a3c.checkpoint.CheckpointStore;
import io.a3c.checkpoint.Checkpointer;
import io.a3c.config.HyperParameters;
import io.a3c.config.InvalidInputException;
import io.a3c.graph.A3CGraph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.GraphOperation;
import org.tensorflow.SavedModelBundle;

/** The SavedModel holds the global policy only, reloads exactly, and carries its extras. */
class PolicyExportTest {
  @TempDir
  Path dir;

  @Test
  void exportsThePolicyOnlyWithExtrasAndReloadsExactly() throws IOException {
    Checkpointer.Checkpoint checkpoint = checkpoint(GraphFiles.ATARI);
    Path out = dir.resolve("saved_model");
    PolicyExport.Exported e = PolicyExport.export(checkpoint, out, List.of(),
        Map.of("note", "test"));
    assertEquals(0.0, e.javaReloadMaxDifference(), "Java's reload matches exactly");
    assertEquals("random", e.inputs());
    assertEquals(3, e.cases());
    assertTrue(Files.isRegularFile(out.resolve("saved_model.pb")));
    assertTrue(e.bytes() > 1_000_000 && e.bytes() < 4_000_000, "policy only: " + e.bytes());

    JsonObject policy = JsonParser.parseString(Files.readString(
        out.resolve(PolicyExport.EXTRA).resolve(PolicyExport.POLICY_JSON))).getAsJsonObject();
    assertEquals("PongDeterministic-v4", policy.get("env").getAsString());
    assertEquals("[\"NOOP\",\"RIGHT\",\"LEFT\"]", policy.get("actions").toString());
    assertEquals("test", policy.get("note").getAsString());
    try (ZipFile npz = new ZipFile(
        out.resolve(PolicyExport.EXTRA).resolve(PolicyExport.COMPARISON).toFile())) {
      for (String name : List.of("x_0", "c_1", "h_2", "logits_1", "value_0", "c_out_2",
          "h_out_1", "probabilities_0")) {
        assertTrue(npz.getEntry(name + ".npy") != null, name);
      }
    }

    try (SavedModelBundle bundle = SavedModelBundle.load(out.toString(),
        SavedModelBundle.DEFAULT_TAG)) {
      List<String> variables = new ArrayList<>();
      for (Iterator<GraphOperation> it = bundle.graph().operations(); it.hasNext(); ) {
        GraphOperation op = it.next();
        if (op.type().equals("VariableV2")) {
          variables.add(op.name());
        }
      }
      assertEquals(14, variables.size(), variables.toString());
      assertTrue(variables.stream().allMatch(v -> v.startsWith("global/")), variables.toString());
      assertEquals(List.of("serving_default"),
          bundle.signatures().stream().map(s -> s.key()).toList());
    }
  }

  @Test
  void reExportReplacesTheDirectoryAndUsesRealObservations() throws IOException {
    Checkpointer.Checkpoint checkpoint = checkpoint(GraphFiles.ATARI);
    Path out = dir.resolve("model");
    PolicyExport.export(checkpoint, out, List.of(), Map.of());
    Files.writeString(out.resolve("stale.txt"), "old");
    List<float[]> frames = new ArrayList<>();
    for (int i = 0; i < PolicyExport.OBSERVATIONS_WANTED; i++) {
      float[] f = new float[GraphFiles.ATARI.observationSize()];
      java.util.Arrays.fill(f, i / 30f);
      frames.add(f);
    }
    PolicyExport.Exported e = PolicyExport.export(checkpoint, out, frames, Map.of());
    assertEquals("environment", e.inputs());
    assertTrue(Files.notExists(out.resolve("stale.txt")));
    try (Stream<Path> siblings = Files.list(dir)) {
      assertEquals(List.of("checkpoints", "model"),
          siblings.map(p -> p.getFileName().toString()).sorted().toList(), "no leftovers");
    }
    // Observations of another size are not used.
    assertEquals("random", PolicyExport.export(checkpoint, out,
        List.of(new float[] {1, 2, 3}), Map.of()).inputs());
  }

  @Test
  void aCorruptCheckpointIsAClearError() throws IOException {
    Checkpointer.Checkpoint checkpoint = checkpoint(GraphFiles.ATARI);
    Files.write(checkpoint.directory().resolve("variables.index"), new byte[] {9, 9});
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> PolicyExport.export(checkpoint, dir.resolve("out"), List.of(), Map.of()));
    assertTrue(e.getMessage().startsWith("checkpoint " + checkpoint.directory()
        + " is corrupt: "), e.getMessage());
    assertTrue(Files.notExists(dir.resolve("out")));
  }

  private Checkpointer.Checkpoint checkpoint(io.a3c.env.EnvSpec spec) {
    try (A3CGraph graph = A3CGraph.build(spec, HyperParameters.defaults(spec.id(), 1, 4))) {
      Checkpointer checkpointer = Checkpointer.create(graph,
          new CheckpointStore(dir.resolve("checkpoints")));
      graph.initialize();
      return checkpointer.save(3, 2);
    }
  }
}
