package io.a3c.export;

import io.a3c.config.HyperParameters;
import io.a3c.env.EnvSpec;
import io.a3c.graph.A3CGraph;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Signature;

/**
 * The checked-in description of the network in {@code graphs/}: the GraphDef of a 1-worker
 * Atari-shaped training graph, the GraphDef of the exported policy graph, and a readable listing
 * of their variables and the SavedModel signature ({@code variables.txt}, which a test compares
 * with freshly built graphs).
 *
 * <pre>java -cp "target/a3c.jar:target/lib/*" io.a3c.export.GraphFiles graphs/</pre>
 */
public final class GraphFiles {
  public static final String TRAINING_GRAPH = "training-graph.pb";
  public static final String POLICY_GRAPH = "policy-graph.pb";
  public static final String VARIABLES = "variables.txt";

  /** The shape the files describe: a default Atari game with a 3-action space, one worker. */
  public static final EnvSpec ATARI = new EnvSpec("PongDeterministic-v4",
      new int[] {HyperParameters.DEFAULT_FRAME_SIZE, HyperParameters.DEFAULT_FRAME_SIZE, 1}, List.of("NOOP", "RIGHT", "LEFT"));
  private static final long SEED = 0;

  private GraphFiles() {}

  public static void main(String[] args) throws IOException {
    Path dir = Paths.get(args.length > 0 ? args[0] : "graphs");
    write(dir);
    System.out.println("wrote " + dir.resolve(TRAINING_GRAPH) + ", " + dir.resolve(POLICY_GRAPH)
        + ", " + dir.resolve(VARIABLES));
  }

  /** Writes the three files into {@code dir}. */
  public static void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    try (A3CGraph training = trainingGraph(); PolicyGraph policy = PolicyGraph.build(ATARI,
        HyperParameters.DEFAULT_NETWORK)) {
      Files.write(dir.resolve(TRAINING_GRAPH), training.graph().toGraphDef().toByteArray());
      Files.write(dir.resolve(POLICY_GRAPH), policy.graph().toGraphDef().toByteArray());
      Files.writeString(dir.resolve(VARIABLES), listing(training, policy),
          StandardCharsets.UTF_8);
    }
  }

  /** The listing {@code graphs/variables.txt} holds, from freshly built graphs. */
  public static String listing() {
    try (A3CGraph training = trainingGraph(); PolicyGraph policy = PolicyGraph.build(ATARI,
        HyperParameters.DEFAULT_NETWORK)) {
      return listing(training, policy);
    }
  }

  static A3CGraph trainingGraph() {
    return A3CGraph.build(ATARI, HyperParameters.defaults(ATARI.id(), 1, SEED));
  }

  private static String listing(A3CGraph training, PolicyGraph policy) {
    StringBuilder out = new StringBuilder();
    HyperParameters hp = training.hyperParameters();
    out.append("# Variables of the a3c graphs (name, dtype, shape). Regenerate with:\n")
        .append("#   java -cp \"target/a3c.jar:target/lib/*\" io.a3c.export.GraphFiles graphs/\n")
        .append("# GraphFilesTest fails when freshly built graphs no longer match this file.\n\n")
        .append(String.format(Locale.ROOT,
            "## training graph (%s): observation %s, %d actions, %d worker, %d steps x %d "
                + "sequence(s)%n", TRAINING_GRAPH, Arrays.toString(ATARI.observationShape()),
            ATARI.numActions(), hp.workers(), hp.localSteps(), hp.envsPerWorker()));
    variables(training.graph(), out);
    out.append(String.format(Locale.ROOT, "%n## policy graph (%s, the SavedModel)%n",
        POLICY_GRAPH));
    variables(policy.graph(), out);
    Signature sig = policy.signature();
    out.append(String.format(Locale.ROOT, "%n## signature %s%n", sig.key()));
    signature("input", List.of(PolicyGraph.X, PolicyGraph.C, PolicyGraph.H), sig.getInputs(),
        out);
    signature("output", PolicyGraph.OUTPUTS, sig.getOutputs(), out);
    return out.toString();
  }

  private static void variables(Graph graph, StringBuilder out) {
    for (Iterator<GraphOperation> it = graph.operations(); it.hasNext(); ) {
      GraphOperation op = it.next();
      if (op.type().equals("VariableV2")) {
        out.append(op.name()).append(' ').append(dtype(op.output(0).dataType().name()))
            .append(' ').append(Arrays.toString(op.output(0).shape().asArray())).append('\n');
      }
    }
  }

  private static void signature(String kind, List<String> names,
      Map<String, Signature.TensorDescription> tensors, StringBuilder out) {
    for (String name : names) {
      Signature.TensorDescription t = tensors.get(name);
      out.append(kind).append(' ').append(name).append(' ').append(dtype(t.dataType.name()))
          .append(' ').append(Arrays.toString(t.shape.asArray())).append('\n');
    }
  }

  /** {@code DT_FLOAT_REF} -> {@code float32}. */
  static String dtype(String dataType) {
    String t = dataType.replace("DT_", "").replace("_REF", "").toLowerCase(Locale.ROOT);
    return switch (t) {
      case "float" -> "float32";
      case "double" -> "float64";
      default -> t;
    };
  }
}
