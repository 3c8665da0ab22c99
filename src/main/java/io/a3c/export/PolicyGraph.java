package io.a3c.export;

import io.a3c.checkpoint.CheckpointManifest;
import io.a3c.checkpoint.Checkpointer;
import io.a3c.config.InvalidInputException;
import io.a3c.config.Network;
import io.a3c.env.EnvSpec;
import io.a3c.graph.A3CGraph;
import io.a3c.graph.ActorCritic;
import io.a3c.graph.Architecture;
import io.a3c.graph.NetworkVariables;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The global policy alone, in a graph of its own, as exported in the SavedModel: no worker
 * copies, no optimizer slots, no training ops.
 *
 * <p>Input {@code x} holds B consecutive time steps of ONE sequence, as in the reference: the
 * torso runs on all B rows at once, then the LSTM steps through the rows in order from the state
 * ({@code c}, {@code h}), inside a TensorFlow while loop so that B is any size. The loop is
 * forward only (gradients through while loops abort the JVM in this TensorFlow version; the
 * training graph unrolls instead). Outputs: {@code logits} [B, A], {@code value} [B],
 * {@code probabilities} [B, A] and the state after the last row, {@code c_out} and {@code h_out}.
 *
 * <p>The variables have the training graph's names ({@code global/...}), so a checkpoint
 * restores into them directly.
 */
public final class PolicyGraph implements AutoCloseable {
  public static final String X = "x";
  public static final String C = "c";
  public static final String H = "h";
  public static final String LOGITS = "logits";
  public static final String VALUE = "value";
  public static final String PROBABILITIES = "probabilities";
  public static final String C_OUT = "c_out";
  public static final String H_OUT = "h_out";
  /** The outputs of the signature, in the order {@link Outputs} holds them. */
  public static final List<String> OUTPUTS = List.of(LOGITS, VALUE, PROBABILITIES, C_OUT, H_OUT);
  private static final int UNITS = Architecture.LSTM_UNITS;

  /** One call's outputs, flat row-major arrays. */
  public record Outputs(float[] logits, float[] value, float[] probabilities, float[] c,
      float[] h) {
    public float[] get(String name) {
      return switch (name) {
        case LOGITS -> logits;
        case VALUE -> value;
        case PROBABILITIES -> probabilities;
        case C_OUT -> c;
        case H_OUT -> h;
        default -> throw new IllegalArgumentException("no output " + name);
      };
    }
  }

  private final Graph graph;
  private final Session session;
  private final EnvSpec spec;
  private final NetworkVariables net;
  private final Signature signature;
  private final Placeholder<TFloat32> x;
  private final Placeholder<TFloat32> c;
  private final Placeholder<TFloat32> h;
  private final List<Operand<TFloat32>> outputs;

  private PolicyGraph(Graph graph, EnvSpec spec, NetworkVariables net, Placeholder<TFloat32> x,
      Placeholder<TFloat32> c, Placeholder<TFloat32> h, List<Operand<TFloat32>> outputs) {
    this.graph = graph;
    this.spec = spec;
    this.net = net;
    this.x = x;
    this.c = c;
    this.h = h;
    this.outputs = List.copyOf(outputs);
    Signature.Builder sig = Signature.builder().key(Signature.DEFAULT_KEY)
        .input(X, x).input(C, c).input(H, h);
    for (int i = 0; i < OUTPUTS.size(); i++) {
      sig.output(OUTPUTS.get(i), outputs.get(i));
    }
    this.signature = sig.build();
    this.session = new Session(graph);
  }

  /**
   * Builds the policy graph of a {@code network} for {@code spec} and opens its session (weights
   * not yet set).
   */
  public static PolicyGraph build(EnvSpec spec, Network network) {
    Graph graph = new Graph();
    try {
      Ops tf = Ops.create(graph);
      NetworkVariables net = NetworkVariables.create(tf, A3CGraph.GLOBAL_SCOPE, spec, network,
          NetworkVariables.Init.ZEROS, 0);
      int[] obs = spec.observationShape();
      long[] dims = new long[obs.length + 1];
      dims[0] = -1;
      for (int i = 0; i < obs.length; i++) {
        dims[i + 1] = obs[i];
      }
      Placeholder<TFloat32> x = tf.withName(X).placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(dims)));
      Placeholder<TFloat32> c = tf.withName(C).placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(1, UNITS)));
      Placeholder<TFloat32> h = tf.withName(H).placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(1, UNITS)));

      Ops p = tf.withSubScope("policy");
      Operand<TFloat32> features = ActorCritic.torso(p, net, x, spec.isImage());
      Operand<TInt32> rows = p.gather(p.shape(x), p.constant(0), p.constant(0));
      Operand<TFloat32> noOutputs = p.zeros(p.stack(List.of(rows, p.constant(UNITS))),
          TFloat32.class);
      Output<?>[] loop = graph.whileLoop(new Output<?>[] {
          p.constant(0).asOutput(), rows.asOutput(), c.asOutput(), h.asOutput(),
          features.asOutput(), p.identity(net.lstm().weights()).asOutput(),
          p.identity(net.lstm().bias()).asOutput(), noOutputs.asOutput()},
          (g, in, out) -> out[0] = Ops.create(g).math.less(int32(in[0]), int32(in[1])).asOutput(),
          (g, in, out) -> lstmBody(g, in, out, network.forgetBias()), "lstm");
      Operand<TFloat32> lstmOut = p.reshape(float32(loop[7]), p.constant(new long[] {-1, UNITS}));
      Operand<TFloat32> logits = tf.withName(LOGITS).identity(
          ActorCritic.logits(p, net, lstmOut));
      Operand<TFloat32> value = tf.withName(VALUE).identity(ActorCritic.value(p, net, lstmOut));
      Operand<TFloat32> probabilities = tf.withName(PROBABILITIES).nn.softmax(logits);
      Operand<TFloat32> cOut = tf.withName(C_OUT).reshape(float32(loop[2]),
          tf.constant(new long[] {1, UNITS}));
      Operand<TFloat32> hOut = tf.withName(H_OUT).reshape(float32(loop[3]),
          tf.constant(new long[] {1, UNITS}));
      return new PolicyGraph(graph, spec, net, x, c, h,
          List.of(logits, value, probabilities, cOut, hOut));
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  /**
   * One LSTM step on row {@code i}: loop variables (i, n, c, h, features, weights, bias,
   * outputs), through the same {@link ActorCritic#lstmStep} as training. A while body cannot see
   * the outer graph's variables, so the weights come in as loop variables.
   */
  private static void lstmBody(Graph g, Output<?>[] in, Output<?>[] out, float forgetBias) {
    Ops tf = Ops.create(g);
    Operand<TInt32> i = int32(in[0]);
    Operand<TFloat32> c = float32(in[2]);
    Operand<TFloat32> h = float32(in[3]);
    Operand<TFloat32> row = tf.gather(float32(in[4]), tf.reshape(i, tf.constant(new long[] {1})),
        tf.constant(0));
    ActorCritic.LstmState next = ActorCritic.lstmStep(tf, float32(in[5]), float32(in[6]),
        forgetBias, row, c, h);
    Operand<TFloat32> newC = next.c();
    Operand<TFloat32> newH = next.h();
    Operand<TFloat32> outputs = tf.tensorScatterNdUpdate(float32(in[7]),
        tf.reshape(i, tf.constant(new long[] {1, 1})), newH);
    out[0] = tf.math.add(i, tf.constant(1)).asOutput();
    out[1] = in[1];
    out[2] = newC.asOutput();
    out[3] = newH.asOutput();
    out[4] = in[4];
    out[5] = in[5];
    out[6] = in[6];
    out[7] = outputs.asOutput();
  }

  @SuppressWarnings("unchecked")
  private static Operand<TInt32> int32(Output<?> o) {
    return (Operand<TInt32>) o;
  }

  @SuppressWarnings("unchecked")
  private static Operand<TFloat32> float32(Output<?> o) {
    return (Operand<TFloat32>) o;
  }

  /** The variables, as a checkpoint manifest lists them (to check a checkpoint fits). */
  public List<CheckpointManifest.VariableInfo> variables() {
    List<CheckpointManifest.VariableInfo> out = new ArrayList<>();
    for (Variable<TFloat32> v : net.all()) {
      out.add(new CheckpointManifest.VariableInfo(v.op().name(), "float32", v.shape().asArray()));
    }
    return out;
  }

  /**
   * Runs the policy on {@code rows} consecutive observations from state (c, h).
   *
   * @param x {@code rows} observations, flat
   * @param c cell state, 256 floats
   * @param h output state, 256 floats
   */
  public Outputs run(float[] x, int rows, float[] c, float[] h) {
    try (TFloat32 tx = TFloat32.tensorOf(observations(rows), DataBuffers.of(x, true, false));
        TFloat32 tc = TFloat32.tensorOf(Shape.of(1, UNITS), DataBuffers.of(c, true, false));
        TFloat32 th = TFloat32.tensorOf(Shape.of(1, UNITS), DataBuffers.of(h, true, false))) {
      Session.Runner runner = session.runner().feed(this.x, tx).feed(this.c, tc).feed(this.h, th);
      outputs.forEach(runner::fetch);
      try (Result r = runner.run()) {
        float[][] values = new float[outputs.size()][];
        for (int i = 0; i < values.length; i++) {
          TFloat32 t = (TFloat32) r.get(i);
          values[i] = new float[(int) t.size()];
          t.copyTo(DataBuffers.of(values[i], false, false));
        }
        return new Outputs(values[0], values[1], values[2], values[3], values[4]);
      }
    }
  }

  /**
   * Sets the weights to a checkpoint's, after checking that it holds this network.
   *
   * @throws InvalidInputException if the checkpoint does not fit or cannot be read
   */
  public void restore(Checkpointer.Checkpoint checkpoint) {
    Checkpointer.checkFits(checkpoint.directory(), checkpoint.manifest(), spec, variables());
    try {
      session.restore(checkpoint.variablesPrefix().toString());
    } catch (TensorFlowException e) {
      throw new InvalidInputException("checkpoint " + checkpoint.directory()
          + " is corrupt: " + e.getMessage().strip().lines().findFirst().orElse(""), e);
    }
  }

  /** Shape of {@code rows} observations. */
  public Shape observations(long rows) {
    int[] obs = spec.observationShape();
    long[] dims = new long[obs.length + 1];
    dims[0] = rows;
    for (int i = 0; i < obs.length; i++) {
      dims[i + 1] = obs[i];
    }
    return Shape.of(dims);
  }

  public EnvSpec spec() {
    return spec;
  }

  public Signature signature() {
    return signature;
  }

  public Graph graph() {
    return graph;
  }

  public Session session() {
    return session;
  }

  public NetworkVariables network() {
    return net;
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
