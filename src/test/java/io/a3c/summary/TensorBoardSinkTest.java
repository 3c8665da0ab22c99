package io.a3c.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.a3c.config.HyperParameters;
import io.a3c.env.EnvSpec;
import io.a3c.graph.A3CGraph;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.Summary;

/**
 * The sink writes every spec tag, histograms, the hyper-parameters, other text and the graph;
 * threads too.
 */
class TensorBoardSinkTest {
  private static final EnvSpec SPEC = new EnvSpec("img", new int[] {31, 31, 1},
      List.of("A", "B"));

  @TempDir
  Path logdir;

  @Test
  void writesEveryTagHistogramsTextAndGraph() throws Exception {
    HyperParameters hp = HyperParameters.defaults("img", 1, 5);
    try (A3CGraph graph = A3CGraph.build(SPEC, hp)) {
      graph.initialize();
      try (TensorBoardSink sink = TensorBoardSink.create(graph, logdir, Map.of("a3c", "test"),
          2)) {
        sink.model(0, 20, stats(0.5));
        sink.model(0, 40, stats(Double.NaN));
        sink.model(0, 60, stats(0.25));
        sink.episode(0, 40, -3, 120, 250.5);
        sink.throughput(60, 1234.5);
        sink.text(60, Tags.HEALTH_WARNINGS, "health: the policy stays uniform");
        // Every worker reports episodes concurrently through the same ops.
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
          int worker = w;
          threads.add(new Thread(() -> {
            for (int i = 0; i < 50; i++) {
              sink.episode(worker, 100 + i, i, 10 + i, 100);
            }
          }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
          t.join();
        }
        // The sink swallows failures: its counter says whether any write failed.
        assertEquals(0, sink.failures());
      }

      List<Event> events = EventFiles.read(logdir);
      Map<String, List<Float>> scalars = new HashMap<>();
      Set<String> histograms = new java.util.HashSet<>();
      String text = null;
      String health = null;
      GraphDef graphDef = null;
      for (Event e : events) {
        if (e.hasGraphDef()) {
          graphDef = GraphDef.parseFrom(e.getGraphDef());
        }
        for (Summary.Value v : e.getSummary().getValueList()) {
          switch (v.getValueCase()) {
            case SIMPLE_VALUE -> scalars.computeIfAbsent(v.getTag(), k -> new ArrayList<>())
                .add(v.getSimpleValue());
            case HISTO -> histograms.add(v.getTag());
            case TENSOR -> {
              assertEquals("text", v.getMetadata().getPluginData().getPluginName());
              String s = v.getTensor().getStringVal(0).toString(StandardCharsets.UTF_8);
              if (v.getTag().equals(Tags.HYPER_PARAMETERS)) {
                text = s;
              } else if (v.getTag().equals(Tags.HEALTH_WARNINGS) && e.getStep() == 60) {
                health = s;
              }
            }
            default -> { }
          }
        }
      }
      for (String tag : Tags.SCALARS) {
        assertTrue(scalars.containsKey(tag), "missing scalar " + tag + " in " + scalars.keySet());
        assertTrue(scalars.get(tag).stream().allMatch(Float::isFinite), tag);
      }
      assertEquals(2, scalars.get(Tags.EXPLAINED_VARIANCE).size(), "NaN is skipped");
      assertEquals(3, scalars.get(Tags.LOSS).size());
      assertEquals(1 + 4 * 50, scalars.get(Tags.EPISODE_REWARD).size());
      Set<String> weights = graph.global().all().stream().map(v -> v.op().name())
          .collect(Collectors.toSet());
      assertEquals(weights, histograms, "a histogram of every global weight");
      assertTrue(text != null && text.contains("| --learning-rate | 1.0E-4 |")
          && text.contains("| a3c | test |"), text);
      assertEquals("health: the policy stays uniform", health);
      assertTrue(graphDef != null && graphDef.getNodeList().stream().map(NodeDef::getName)
          .anyMatch("global/lstm/weights"::equals), "the graph is written");
    }
  }

  @Test
  void callsAfterCloseAreIgnored() throws Exception {
    try (A3CGraph graph = A3CGraph.build(SPEC, HyperParameters.defaults("img", 1, 5))) {
      graph.initialize();
      TensorBoardSink sink = TensorBoardSink.create(graph, logdir);
      sink.close();
      sink.episode(0, 1, 1, 1, 1);
      sink.flush();
      sink.close();
      assertFalse(EventFiles.files(logdir).isEmpty());
    }
  }

  private static SummarySink.ModelStats stats(double explainedVariance) {
    return new SummarySink.ModelStats(1.5, 0.7, 1.6, 1.09, 12.0, 3.5, explainedVariance);
  }
}
