package io.a3c.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.a3c.config.HyperParameters;
import io.a3c.config.InvalidInputException;
import io.a3c.env.EnvOptions;
import io.a3c.env.EnvSpec;
import io.a3c.env.EnvironmentFactory;
import io.a3c.env.Environments;
import io.a3c.graph.A3CGraph;
import io.a3c.summary.SummarySink;
import io.a3c.train.EpisodeLog;
import io.a3c.train.Trainer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Save and restore: weights, Adam state and global step round-trip exactly into a graph with
 * another worker count; interrupted saves leave the previous checkpoint loadable; corrupt or
 * mismatched checkpoints are clear errors.
 */
class CheckpointerTest {
  @TempDir
  Path dir;

  private static HyperParameters hp(int workers, long steps) {
    return HyperParameters.defaults("catch", workers, 77).withLimits(steps, 0);
  }

  /** Trains on catch until {@code hp.maxSteps()}: weights and Adam slots move. */
  private static void train(A3CGraph graph, EnvironmentFactory factory, HyperParameters hp) {
    Trainer.Outcome outcome = new Trainer(hp, graph, factory, SummarySink.NONE,
        new EpisodeLog(), Trainer.quiet(), 5).run();
    assertEquals(null, outcome.failure());
  }

  /** Every saved variable's value, flattened to doubles. */
  private static List<double[]> values(A3CGraph graph) {
    List<double[]> out = new ArrayList<>();
    for (Variable<?> v : Checkpointer.savedVariables(graph)) {
      try (Result r = graph.session().runner().fetch(v).run()) {
        Tensor t = r.get(0);
        if (t instanceof TFloat32 f) {
          float[] a = new float[(int) f.size()];
          f.copyTo(DataBuffers.of(a, false, false));
          double[] d = new double[a.length];
          for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
          }
          out.add(d);
        } else {
          out.add(new double[] {((TInt64) t).getLong()});
        }
      }
    }
    return out;
  }

  @Test
  void restoresWeightsAdamStateAndStepIntoAGraphWithAnotherWorkerCount() {
    CheckpointStore store = new CheckpointStore(dir);
    List<double[]> saved;
    long step;
    try (EnvironmentFactory factory = Environments.open("catch", EnvOptions.defaults())) {
      HyperParameters two = hp(2, 200);
      try (A3CGraph graph = A3CGraph.build(factory.spec(), two)) {
        Checkpointer checkpointer = Checkpointer.create(graph, store);
        graph.initialize();
        train(graph, factory, two);
        Checkpointer.Checkpoint c = checkpointer.save(31, 12.5);
        step = graph.globalStep();
        assertEquals(step, c.manifest().globalStep());
        assertTrue(step >= 200);
        saved = values(graph);
      }
      // Adam has moved: its slots and beta powers are not at their initial values.
      int n = saved.size();
      assertNotEquals(0.9, saved.get(n - 3)[0], 1e-9);

      HyperParameters one = hp(1, step + 40);
      try (A3CGraph graph = A3CGraph.build(factory.spec(), one)) {
        Checkpointer checkpointer = Checkpointer.create(graph, store);
        graph.initialize();
        Checkpointer.Checkpoint restored = checkpointer.restoreLatest();
        assertEquals(31, restored.manifest().episodes());
        assertEquals(12.5, restored.manifest().elapsedSeconds());
        assertEquals(step, graph.globalStep());
        List<double[]> back = values(graph);
        for (int i = 0; i < saved.size(); i++) {
          assertArrayEquals(saved.get(i), back.get(i), 0.0, "variable " + i);
        }
        // Every worker's local copy was synced from the restored global network.
        float[] global = read(graph, graph.global().all().get(8));
        assertArrayEquals(global, read(graph, graph.workerGraph(0).localVariables().get(8)));
        // Training goes on from there with one worker.
        train(graph, factory, one);
        assertTrue(graph.globalStep() >= step + 40);
      }
    }
  }

  private static float[] read(A3CGraph graph, Variable<TFloat32> v) {
    try (Result r = graph.session().runner().fetch(v).run()) {
      TFloat32 t = (TFloat32) r.get(0);
      float[] a = new float[(int) t.size()];
      t.copyTo(DataBuffers.of(a, false, false));
      return a;
    }
  }

  @Test
  void aSaveInterruptedHalfWayLeavesThePreviousCheckpointLoadable() throws IOException {
    CheckpointStore store = new CheckpointStore(dir);
    try (EnvironmentFactory factory = Environments.open("catch", EnvOptions.defaults());
        A3CGraph graph = A3CGraph.build(factory.spec(), hp(1, 100))) {
      Checkpointer checkpointer = Checkpointer.create(graph, store);
      graph.initialize();
      train(graph, factory, hp(1, 100));
      Checkpointer.Checkpoint first = checkpointer.save(5, 1);
      List<double[]> firstValues = values(graph);

      // The process "dies" after the files are written, before they are committed.
      checkpointer.beforeCommit(() -> {
        throw new IllegalStateException("killed");
      });
      assertThrows(IllegalStateException.class, () -> checkpointer.save(9, 2));
      assertEquals(first.directory(), store.latest().orElseThrow());
      assertEquals(List.of(first.directory()), store.checkpoints());

      // A crash leaves a half-written temporary directory and pointer: both are ignored.
      Path partial = Files.createDirectory(dir.resolve(".tmp-crashed"));
      Files.write(partial.resolve("variables.index"), new byte[] {1, 2, 3});
      Files.writeString(dir.resolve("latest.tmp"), "ckpt-99", StandardCharsets.UTF_8);
      assertEquals(first.directory(), store.latest().orElseThrow());

      try (A3CGraph other = A3CGraph.build(factory.spec(), hp(1, 100))) {
        Checkpointer fresh = Checkpointer.create(other, store);
        assertTrue(Files.exists(partial), "a reader deletes nothing");
        fresh.deleteLeftovers();
        assertFalse(Files.exists(partial), "the owner deletes leftovers of crashed saves");
        other.initialize();
        Checkpointer.Checkpoint restored = fresh.restoreLatest();
        assertEquals(first.manifest().globalStep(), other.globalStep());
        assertEquals(5, restored.manifest().episodes());
        List<double[]> back = values(other);
        for (int i = 0; i < back.size(); i++) {
          assertArrayEquals(firstValues.get(i), back.get(i), 0.0);
        }
      }
    }
  }

  @Test
  void keepsTheNewestThreeAndPointsAtTheLatest() throws IOException {
    CheckpointStore store = new CheckpointStore(dir);
    try (A3CGraph graph = A3CGraph.build(catchSpec(3), hp(1, 100))) {
      Checkpointer checkpointer = Checkpointer.create(graph, store);
      graph.initialize();
      Path last = null;
      for (int i = 0; i < 5; i++) {
        last = checkpointer.save(i, i).directory();
      }
      // Same global step every time: names get a counter and the order is kept.
      assertEquals(List.of("ckpt-0-3", "ckpt-0-4", "ckpt-0-5"),
          store.checkpoints().stream().map(p -> p.getFileName().toString()).toList());
      assertEquals(last, store.latest().orElseThrow());
      assertEquals("ckpt-0-5", Files.readString(dir.resolve("latest")).trim());
      // Without the pointer (a crash between rename and pointer update) the newest is used.
      Files.delete(dir.resolve("latest"));
      assertEquals(last, store.latest().orElseThrow());
      try (Stream<Path> files = Files.list(dir)) {
        assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".tmp-")));
      }
    }
  }

  @Test
  void corruptOrMissingCheckpointsAreClearErrors() throws IOException {
    CheckpointStore store = new CheckpointStore(dir);
    try (A3CGraph graph = A3CGraph.build(catchSpec(3), hp(1, 100))) {
      Checkpointer checkpointer = Checkpointer.create(graph, store);
      graph.initialize();
      InvalidInputException none = assertThrows(InvalidInputException.class,
          checkpointer::restoreLatest);
      assertTrue(none.getMessage().startsWith("no checkpoint in"), none.getMessage());

      Path ckpt = checkpointer.save(0, 0).directory();
      Path data = ckpt.resolve("variables.data-00000-of-00001");
      byte[] bytes = Files.readAllBytes(data);
      for (int i = 100; i < bytes.length; i += 4096) {
        bytes[i] ^= 0x5a;
      }
      Files.write(data, bytes);
      assertMessage(checkpointer, "checkpoint " + ckpt + " is corrupt: ");

      Files.write(ckpt.resolve("variables.index"), new byte[] {0, 1, 2});
      assertMessage(checkpointer, "checkpoint " + ckpt + " is corrupt: ");

      Files.writeString(ckpt.resolve(CheckpointManifest.FILE), "{not json");
      assertMessage(checkpointer, "checkpoint " + ckpt + " is corrupt: manifest.json is not "
          + "valid JSON");

      Files.delete(ckpt.resolve(CheckpointManifest.FILE));
      assertMessage(checkpointer, "checkpoint " + ckpt + " is corrupt or incomplete: no "
          + "manifest.json");
    }
  }

  @Test
  void aCheckpointOfAnotherNetworkIsRejected() {
    CheckpointStore store = new CheckpointStore(dir);
    try (A3CGraph graph = A3CGraph.build(catchSpec(3), hp(1, 100))) {
      Checkpointer checkpointer = Checkpointer.create(graph, store);
      graph.initialize();
      checkpointer.save(0, 0);
    }
    try (A3CGraph graph = A3CGraph.build(catchSpec(4), hp(1, 100))) {
      Checkpointer checkpointer = Checkpointer.create(graph, store);
      graph.initialize();
      InvalidInputException e = assertThrows(InvalidInputException.class,
          checkpointer::restoreLatest);
      assertTrue(e.getMessage().contains("was saved for catch [47, 47, 1] with 3 actions, not "
          + "for catch [47, 47, 1] with 4 actions"), e.getMessage());
      assertEquals(1, e.getMessage().lines().count());
    }
  }

  @Test
  void aVariableOfAnotherShapeIsNamed() {
    CheckpointManifest m = new CheckpointManifest(1, 0, 0, 0, "t", "catch",
        new int[] {47, 47, 1}, List.of("A", "B", "C"), null, null, null,
        List.of(new CheckpointManifest.VariableInfo("global/lstm/weights", "float32",
            new long[] {384, 1024})));
    InvalidInputException e = assertThrows(InvalidInputException.class, () ->
        Checkpointer.checkFits(dir, m, catchSpec(3), List.of(
            new CheckpointManifest.VariableInfo("global/lstm/weights", "float32",
                new long[] {512, 1024}))));
    assertEquals("checkpoint " + dir + " does not fit this network: global/lstm/weights is "
        + "float32 [384, 1024] there, float32 [512, 1024] here", e.getMessage());
    InvalidInputException missing = assertThrows(InvalidInputException.class, () ->
        Checkpointer.checkFits(dir, m, catchSpec(3), List.of(
            new CheckpointManifest.VariableInfo("global_step", "int64", new long[0]))));
    assertTrue(missing.getMessage().endsWith("it has no global_step"));
  }

  private static void assertMessage(Checkpointer checkpointer, String prefix) {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        checkpointer::restoreLatest);
    assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
  }

  private static EnvSpec catchSpec(int actions) {
    List<String> names = new ArrayList<>(List.of("LEFT", "NOOP", "RIGHT", "FIRE"));
    return new EnvSpec("catch", new int[] {47, 47, 1}, names.subList(0, actions));
  }
}
