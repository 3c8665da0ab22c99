package io.a3c.graph;

import io.a3c.config.HyperParameters;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Adam's state for the global variables, shared by every worker: one m and v slot per variable
 * and the two beta powers.
 *
 * <p>Built from raw ApplyAdam ops because the framework's Adam optimizer races on the beta-power
 * update and makes separate slots per call; here the beta powers are updated only after every
 * ApplyAdam of the step has run.
 */
public final class AdamSlots {
  private final List<Variable<TFloat32>> m;
  private final List<Variable<TFloat32>> v;
  private final Variable<TFloat32> beta1Power;
  private final Variable<TFloat32> beta2Power;

  private AdamSlots(List<Variable<TFloat32>> m, List<Variable<TFloat32>> v,
      Variable<TFloat32> beta1Power, Variable<TFloat32> beta2Power) {
    this.m = List.copyOf(m);
    this.v = List.copyOf(v);
    this.beta1Power = beta1Power;
    this.beta2Power = beta2Power;
  }

  static AdamSlots create(Ops tf, NetworkVariables global) {
    Ops s = tf.withSubScope("adam");
    Ops init = tf.withInitScope();
    List<Variable<TFloat32>> m = slots(s.withSubScope("m"), init, global);
    List<Variable<TFloat32>> v = slots(s.withSubScope("v"), init, global);
    Variable<TFloat32> b1 = s.withName("beta1_power").variable(
        init.constant((float) HyperParameters.ADAM_BETA1));
    Variable<TFloat32> b2 = s.withName("beta2_power").variable(
        init.constant((float) HyperParameters.ADAM_BETA2));
    return new AdamSlots(m, v, b1, b2);
  }

  /**
   * Zero-initialised slots named like {@code adam/m/conv1/weights}. Each scope is made once:
   * {@code withSubScope} makes a new, numbered scope on every call.
   */
  private static List<Variable<TFloat32>> slots(Ops kind, Ops init, NetworkVariables global) {
    List<Variable<TFloat32>> out = new ArrayList<>();
    for (NetworkVariables.Layer layer : global.layers()) {
      Ops l = kind.withSubScope(layer.name());
      out.add(l.withName("weights").variable(
          init.zeros(init.constant(layer.weights().shape()), TFloat32.class)));
      out.add(l.withName("bias").variable(
          init.zeros(init.constant(layer.bias().shape()), TFloat32.class)));
    }
    return out;
  }

  /** One Adam step of {@code grads} onto {@code vars}; returns the op that completes it. */
  Op apply(Ops tf, List<Variable<TFloat32>> vars, List<Operand<TFloat32>> grads,
      float learningRate) {
    Operand<TFloat32> lr = tf.constant(learningRate);
    Operand<TFloat32> beta1 = tf.constant((float) HyperParameters.ADAM_BETA1);
    Operand<TFloat32> beta2 = tf.constant((float) HyperParameters.ADAM_BETA2);
    Operand<TFloat32> eps = tf.constant((float) HyperParameters.ADAM_EPSILON);
    List<Op> applies = new ArrayList<>();
    for (int i = 0; i < vars.size(); i++) {
      applies.add(tf.train.applyAdam(vars.get(i), m.get(i), v.get(i), beta1Power, beta2Power, lr,
          beta1, beta2, eps, grads.get(i)));
    }
    Ops after = tf.withControlDependencies(applies);
    Op b1 = after.assign(beta1Power, after.math.mul(beta1Power, beta1));
    Op b2 = after.assign(beta2Power, after.math.mul(beta2Power, beta2));
    return tf.withName("apply").withControlDependencies(List.of(b1, b2)).noOp();
  }

  public List<Variable<TFloat32>> m() {
    return m;
  }

  public List<Variable<TFloat32>> v() {
    return v;
  }

  public Variable<TFloat32> beta1Power() {
    return beta1Power;
  }

  public Variable<TFloat32> beta2Power() {
    return beta2Power;
  }
}
