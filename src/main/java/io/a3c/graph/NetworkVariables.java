package io.a3c.graph;

import io.a3c.config.Network;
import io.a3c.env.EnvSpec;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.random.RandomStandardNormal;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;

/**
 * The weights of one copy of the actor-critic network (the global one or a worker's local one),
 * created under one name scope such as {@code global} or {@code worker_0}.
 */
public final class NetworkVariables {

  /** Weights and bias of one layer. */
  public record Layer(String name, Variable<TFloat32> weights, Variable<TFloat32> bias) {}

  private final String scope;
  private final Network network;
  private final List<Layer> torso;
  private final Layer lstm;
  private final Layer logits;
  private final Layer value;

  private NetworkVariables(String scope, Network network, List<Layer> torso, Layer lstm,
      Layer logits, Layer value) {
    this.scope = scope;
    this.network = network;
    this.torso = List.copyOf(torso);
    this.lstm = lstm;
    this.logits = logits;
    this.value = value;
  }

  /**
   * How the weights start: RANDOM as {@link Network} says (Glorot-uniform, and for
   * {@link Network#normalizedHeads()} heads with normalised Gaussian columns), or zeros for the
   * copies that a sync overwrites.
   */
  public enum Init { RANDOM, ZEROS }

  /** Norm of each column of the logits head's first weights: a near-uniform first policy. */
  static final float LOGITS_COLUMN_NORM = 0.01f;
  /** Norm of the value head's first weights. */
  static final float VALUE_COLUMN_NORM = 1.0f;

  /**
   * Creates the variables of one network copy.
   *
   * @param seed op-level seed of the random initialisers; every variable gets its own stream
   */
  public static NetworkVariables create(Ops tf, String scope, EnvSpec spec, Network network,
      Init init, long seed) {
    Ops s = tf.withSubScope(scope);
    Factory f = new Factory(s, init, seed);
    List<Layer> torso = new ArrayList<>();
    int features;
    if (spec.isImage()) {
      int channels = spec.observationShape()[2];
      for (int i = 0; i < Architecture.CONV_LAYERS; i++) {
        int in = i == 0 ? channels : Architecture.CONV_FILTERS;
        torso.add(f.layer("conv" + (i + 1),
            Shape.of(Architecture.CONV_KERNEL, Architecture.CONV_KERNEL, in,
                Architecture.CONV_FILTERS),
            Architecture.CONV_KERNEL * Architecture.CONV_KERNEL * in,
            Architecture.CONV_KERNEL * Architecture.CONV_KERNEL * Architecture.CONV_FILTERS));
      }
      int side = Architecture.convOutputSide(network, spec.observationShape()[0]);
      features = side * side * Architecture.CONV_FILTERS;
    } else {
      int in = spec.observationShape()[0];
      for (int i = 0; i < Architecture.DENSE_LAYERS; i++) {
        torso.add(f.dense("dense" + (i + 1), in, Architecture.DENSE_UNITS));
        in = Architecture.DENSE_UNITS;
      }
      features = in;
    }
    int units = Architecture.LSTM_UNITS;
    Layer lstm = f.dense("lstm", features + units, 4 * units);
    Layer logits = network.normalizedHeads()
        ? f.normalizedColumns("logits", units, spec.numActions(), LOGITS_COLUMN_NORM)
        : f.dense("logits", units, spec.numActions());
    Layer value = network.normalizedHeads()
        ? f.normalizedColumns("value", units, 1, VALUE_COLUMN_NORM)
        : f.dense("value", units, 1);
    return new NetworkVariables(scope, network, torso, lstm, logits, value);
  }

  /** The network's details (padding, activation, forget bias) that the forward pass follows. */
  public Network network() {
    return network;
  }

  public String scope() {
    return scope;
  }

  public List<Layer> torso() {
    return torso;
  }

  public Layer lstm() {
    return lstm;
  }

  public Layer logits() {
    return logits;
  }

  public Layer value() {
    return value;
  }

  /** Every variable in a fixed order: torso layers, LSTM, logits, value; weights before bias. */
  public List<Variable<TFloat32>> all() {
    List<Variable<TFloat32>> out = new ArrayList<>();
    for (Layer l : layers()) {
      out.add(l.weights());
      out.add(l.bias());
    }
    return out;
  }

  public List<Layer> layers() {
    List<Layer> out = new ArrayList<>(torso);
    out.add(lstm);
    out.add(logits);
    out.add(value);
    return out;
  }

  /** Builds variables with their initialisers in TensorFlow's init scope. */
  private static final class Factory {
    private final Ops tf;
    private final Ops init;
    private final Init kind;
    private final long seed;
    private long stream = 1;

    Factory(Ops tf, Init kind, long seed) {
      this.tf = tf;
      this.init = tf.withInitScope();
      this.kind = kind;
      this.seed = seed;
    }

    Layer dense(String name, int in, int out) {
      return layer(name, Shape.of(in, out), in, out);
    }

    Layer layer(String name, Shape shape, long fanIn, long fanOut) {
      return layer(name, initial(shape, fanIn, fanOut), shape);
    }

    /** A dense layer whose weight columns are Gaussian, each scaled to norm {@code norm}. */
    Layer normalizedColumns(String name, int in, int out, float norm) {
      Shape shape = Shape.of(in, out);
      if (kind == Init.ZEROS) {
        return layer(name, init.zeros(init.constant(shape), TFloat32.class), shape);
      }
      Operand<TFloat32> n = init.random.randomStandardNormal(init.constant(shape),
          TFloat32.class, RandomStandardNormal.seed(seed), RandomStandardNormal.seed2(stream++));
      Operand<TFloat32> columnNorms = init.math.sqrt(init.reduceSum(init.math.square(n),
          init.constant(0), ReduceSum.keepDims(true)));
      return layer(name, init.math.mul(init.math.div(n, columnNorms), init.constant(norm)),
          shape);
    }

    private Layer layer(String name, Operand<TFloat32> initialWeights, Shape shape) {
      Ops s = tf.withSubScope(name);
      Variable<TFloat32> w = s.withName("weights").variable(initialWeights);
      Variable<TFloat32> b =
          s.withName("bias").variable(init.zeros(init.constant(Shape.of(shape.size(-1))),
              TFloat32.class));
      return new Layer(name, w, b);
    }

    private Operand<TFloat32> initial(Shape shape, long fanIn, long fanOut) {
      if (kind == Init.ZEROS) {
        return init.zeros(init.constant(shape), TFloat32.class);
      }
      // Glorot uniform: U(-limit, limit) with limit = sqrt(6 / (fan_in + fan_out)).
      float limit = (float) Math.sqrt(6.0 / (fanIn + fanOut));
      Operand<TFloat32> u = init.random.randomUniform(init.constant(shape), TFloat32.class,
          RandomUniform.seed(seed), RandomUniform.seed2(stream++));
      return init.math.mul(init.math.sub(init.math.mul(u, init.constant(2f)), init.constant(1f)),
          init.constant(limit));
    }
  }
}
