package io.a3c.graph;

import io.a3c.env.EnvSpec;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Runs one worker's part of the shared graph. Plain Java arrays in, plain Java arrays out: every
 * input tensor and every {@link Result} is closed before a method returns, because unclosed
 * results leak native memory that the garbage collector never sees.
 *
 * <p>One instance per worker thread; the underlying Session is shared and thread-safe.
 */
public final class WorkerNetwork {
  private static final int UNITS = Architecture.LSTM_UNITS;

  private final Session session;
  private final WorkerGraph g;
  private final int[] observationShape;
  private final int observationSize;

  WorkerNetwork(Session session, EnvSpec spec, WorkerGraph graph) {
    this.session = session;
    this.g = graph;
    this.observationShape = spec.observationShape();
    this.observationSize = spec.observationSize();
  }

  /** What the policy did for each of K rows. */
  public record Act(int[] actions, float[] values, float[] logits, float[] c, float[] h) {}

  /**
   * One training batch: K sequences of T rows, sequence-major. {@code mask} is 0 on padding rows;
   * {@code resets} is 1 where an episode starts inside the rollout.
   */
  public record Batch(float[] x, float[] c, float[] h, float[] mask, float[] resets,
      int[] actions, float[] advantages, float[] returns) {}

  /** Losses are sums over the batch's valid rows, as in the reference. */
  public record TrainStats(long globalStep, float loss, float policyLoss, float valueLoss,
      float entropy, float gradientNorm, float variableNorm) {}

  /** The training path's forward outputs (no update), for checks and tests. */
  public record Forward(float[] logits, float[] values, float[] c, float[] h) {}

  public WorkerGraph graph() {
    return g;
  }

  /**
   * One step for {@code rows} sequences.
   *
   * @param x {@code rows} observations, flat
   * @param c LSTM cell states, {@code rows x 256}
   * @param h LSTM outputs, {@code rows x 256}
   * @param greedy take the most likely action instead of sampling
   */
  public Act act(float[] x, float[] c, float[] h, boolean greedy) {
    int rows = c.length / UNITS;
    try (TFloat32 tx = floats(x, observations(rows));
        TFloat32 tc = floats(c, Shape.of(rows, UNITS));
        TFloat32 th = floats(h, Shape.of(rows, UNITS));
        Result r = session.runner()
            .feed(g.actX(), tx).feed(g.actC(), tc).feed(g.actH(), th)
            .fetch(greedy ? g.actGreedy() : g.actSample())
            .fetch(g.actValue()).fetch(g.actLogits()).fetch(g.actNextC()).fetch(g.actNextH())
            .run()) {
      TInt64 a = (TInt64) r.get(0);
      int[] actions = new int[rows];
      for (int i = 0; i < rows; i++) {
        actions[i] = (int) a.getLong(i);
      }
      return new Act(actions, copy(r.get(1), rows), copy(r.get(2), (int) r.get(2).size()),
          copy(r.get(3), rows * UNITS), copy(r.get(4), rows * UNITS));
    }
  }

  /** Copies the global weights into this worker's local copy. */
  public void sync() {
    session.run(g.sync());
  }

  /**
   * Computes the gradients of the batch on the local copy, clips them and applies them to the
   * global network with Adam; adds the batch's valid steps to the global step.
   *
   * @param withVariableNorm also fetch the global norm of the local weights (for summaries)
   */
  public TrainStats train(Batch b, boolean withVariableNorm) {
    try (Inputs in = new Inputs(b)) {
      Session.Runner runner = in.feed(session.runner())
          .addTarget(g.train())
          .fetch(g.globalStepAfterTrain())
          .fetch(g.loss()).fetch(g.policyLoss()).fetch(g.valueLoss()).fetch(g.entropy())
          .fetch(g.gradientNorm());
      if (withVariableNorm) {
        runner.fetch(g.variableNorm());
      }
      try (Result r = runner.run()) {
        return new TrainStats(((TInt64) r.get(0)).getLong(), scalar(r.get(1)), scalar(r.get(2)),
            scalar(r.get(3)), scalar(r.get(4)), scalar(r.get(5)),
            withVariableNorm ? scalar(r.get(6)) : Float.NaN);
      }
    }
  }

  /** The training path's outputs for a batch, without training. */
  public Forward forward(Batch b) {
    int n = b.mask().length;
    try (Inputs in = new Inputs(b);
        Result r = in.feed(session.runner())
            .fetch(g.trainLogits()).fetch(g.trainValue())
            .fetch(g.trainFinalC()).fetch(g.trainFinalH())
            .run()) {
      return new Forward(copy(r.get(0), (int) r.get(0).size()), copy(r.get(1), n),
          copy(r.get(2), g.sequences() * UNITS), copy(r.get(3), g.sequences() * UNITS));
    }
  }

  /** The loss and the unclipped gradients of the local copy, in {@code local().all()} order. */
  public float[][] lossAndGradients(Batch b) {
    try (Inputs in = new Inputs(b)) {
      var runner = in.feed(session.runner()).fetch(g.loss());
      g.gradients().forEach(runner::fetch);
      try (Result r = runner.run()) {
        float[][] out = new float[g.gradients().size() + 1][];
        for (int i = 0; i < out.length; i++) {
          out[i] = copy(r.get(i), (int) r.get(i).size());
        }
        return out;
      }
    }
  }

  private Shape observations(long rows) {
    long[] dims = new long[observationShape.length + 1];
    dims[0] = rows;
    for (int i = 0; i < observationShape.length; i++) {
      dims[i + 1] = observationShape[i];
    }
    return Shape.of(dims);
  }

  /** The training feeds of one batch, closed together. */
  private final class Inputs implements AutoCloseable {
    private final TFloat32 x;
    private final TFloat32 c;
    private final TFloat32 h;
    private final TFloat32 mask;
    private final TFloat32 resets;
    private final TInt32 actions;
    private final TFloat32 advantages;
    private final TFloat32 returns;

    Inputs(Batch b) {
      int n = g.sequences() * g.steps();
      if (b.mask().length != n || b.x().length != n * observationSize) {
        throw new IllegalArgumentException("batch must have " + n + " rows");
      }
      Shape rows = Shape.of(n);
      Shape state = Shape.of(g.sequences(), UNITS);
      x = floats(b.x(), observations(n));
      c = floats(b.c(), state);
      h = floats(b.h(), state);
      mask = floats(b.mask(), rows);
      resets = floats(b.resets(), rows);
      actions = TInt32.tensorOf(rows, DataBuffers.of(b.actions(), true, false));
      advantages = floats(b.advantages(), rows);
      returns = floats(b.returns(), rows);
    }

    Session.Runner feed(Session.Runner r) {
      return r.feed(g.trainX(), x).feed(g.trainC(), c).feed(g.trainH(), h)
          .feed(g.trainMask(), mask).feed(g.trainResets(), resets)
          .feed(g.trainActions(), actions)
          .feed(g.trainAdvantages(), advantages).feed(g.trainReturns(), returns);
    }

    @Override
    public void close() {
      x.close();
      c.close();
      h.close();
      mask.close();
      resets.close();
      actions.close();
      advantages.close();
      returns.close();
    }
  }

  static TFloat32 floats(float[] values, Shape shape) {
    if (values.length != shape.size()) {
      throw new IllegalArgumentException(
          "expected " + shape.size() + " values for shape " + shape + ", got " + values.length);
    }
    return TFloat32.tensorOf(shape, DataBuffers.of(values, true, false));
  }

  static float[] copy(Tensor t, int n) {
    float[] out = new float[n];
    ((TFloat32) t).copyTo(DataBuffers.of(out, false, false));
    return out;
  }

  static float scalar(Tensor t) {
    return ((TFloat32) t).getFloat();
  }
}
