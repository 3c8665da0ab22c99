package io.a3c.graph;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Split;
import org.tensorflow.types.TFloat32;

/**
 * The network's forward computation as pure graph-building functions over one
 * {@link NetworkVariables}: conv (or dense) torso, one BasicLSTMCell step, logits and value heads.
 */
public final class ActorCritic {
  private ActorCritic() {}

  /** The LSTM state after a step; {@code h} is also the step's output. */
  public record LstmState(Operand<TFloat32> c, Operand<TFloat32> h) {}

  /** Torso features {@code [B, F]} of observations {@code x} ({@code [B, H, W, C]} or {@code [B, n]}). */
  public static Operand<TFloat32> torso(Ops tf, NetworkVariables net, Operand<TFloat32> x,
      boolean image) {
    Operand<TFloat32> out = x;
    for (NetworkVariables.Layer layer : net.torso()) {
      Operand<TFloat32> pre = image
          ? tf.nn.biasAdd(tf.nn.conv2d(out, layer.weights(),
              List.of(1L, (long) Architecture.CONV_STRIDE, (long) Architecture.CONV_STRIDE, 1L),
              net.network().padding()), layer.bias())
          : tf.math.add(tf.linalg.matMul(out, layer.weights()), layer.bias());
      out = net.network().elu() ? tf.nn.elu(pre) : tf.nn.relu(pre);
    }
    if (image) {
      long features = net.lstm().weights().shape().size(0) - Architecture.LSTM_UNITS;
      out = tf.reshape(out, tf.constant(new long[] {-1, features}));
    }
    return out;
  }

  /**
   * One BasicLSTMCell step: a single matmul of concat(input, h) into gates i, j, f, o; then
   * {@code c' = c*sigmoid(f + forgetBias) + sigmoid(i)*tanh(j)} and
   * {@code h' = tanh(c')*sigmoid(o)}, with the network's forget bias (1 in the reference).
   */
  public static LstmState lstmStep(Ops tf, NetworkVariables net, Operand<TFloat32> input,
      Operand<TFloat32> c, Operand<TFloat32> h) {
    return lstmStep(tf, net.lstm().weights(), net.lstm().bias(), net.network().forgetBias(),
        input, c, h);
  }

  /**
   * The same step with the LSTM's kernel and bias given as operands, for graphs that cannot see
   * the variables themselves (the body of the export graph's while loop).
   */
  public static LstmState lstmStep(Ops tf, Operand<TFloat32> kernel, Operand<TFloat32> bias,
      float forgetBias, Operand<TFloat32> input, Operand<TFloat32> c, Operand<TFloat32> h) {
    Operand<TFloat32> z = tf.math.add(
        tf.linalg.matMul(tf.concat(List.of(input, h), tf.constant(1)), kernel), bias);
    Split<TFloat32> gates = tf.split(tf.constant(1), z, 4L);
    Operand<TFloat32> i = gates.output().get(0);
    Operand<TFloat32> j = gates.output().get(1);
    Operand<TFloat32> f = gates.output().get(2);
    Operand<TFloat32> o = gates.output().get(3);
    Operand<TFloat32> newC = tf.math.add(
        tf.math.mul(c, tf.math.sigmoid(tf.math.add(f, tf.constant(forgetBias)))),
        tf.math.mul(tf.math.sigmoid(i), tf.math.tanh(j)));
    Operand<TFloat32> newH = tf.math.mul(tf.math.tanh(newC), tf.math.sigmoid(o));
    return new LstmState(newC, newH);
  }

  /** Action logits {@code [B, A]} from LSTM outputs {@code [B, 256]}. */
  public static Operand<TFloat32> logits(Ops tf, NetworkVariables net, Operand<TFloat32> h) {
    return tf.math.add(tf.linalg.matMul(h, net.logits().weights()), net.logits().bias());
  }

  /** State values {@code [B]} from LSTM outputs {@code [B, 256]}. */
  public static Operand<TFloat32> value(Ops tf, NetworkVariables net, Operand<TFloat32> h) {
    return tf.reshape(
        tf.math.add(tf.linalg.matMul(h, net.value().weights()), net.value().bias()),
        tf.constant(new long[] {-1}));
  }

  /** Global L2 norm of several tensors: sqrt(sum_i ||t_i||^2). */
  public static Operand<TFloat32> globalNorm(Ops tf, List<? extends Operand<TFloat32>> tensors) {
    List<Operand<TFloat32>> squares = tensors.stream()
        .map(t -> (Operand<TFloat32>) tf.math.mul(tf.constant(2f), tf.nn.l2Loss(t)))
        .toList();
    return tf.math.sqrt(tf.math.addN(squares));
  }
}
