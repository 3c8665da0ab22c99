package io.a3c.summary;

/**
 * Where training reports what TensorBoard shows. Implementations must be thread-safe: every
 * worker calls them.
 */
public interface SummarySink extends AutoCloseable {

  /** A finished game: unclipped score, length in steps, steps per second of play. */
  void episode(int worker, long globalStep, double score, long length, double fps);

  /** Model figures of one training step; losses already divided by the batch size. */
  void model(int worker, long globalStep, ModelStats stats);

  /** Trainer throughput, environment steps per second over the last reporting interval. */
  void throughput(long globalStep, double stepsPerSecond);

  /**
   * An evaluation during training: statistics of whole greedy games played with the weights of
   * global step {@code globalStep}.
   */
  default void evaluation(long globalStep, double mean, double std, double min, double max,
      double meanLength) {}

  /** Markdown for TensorBoard's Text tab (warnings, say); sinks without text drop it. */
  default void text(long globalStep, String tag, String markdown) {}

  /** Writes what is buffered. */
  default void flush() {}

  @Override
  default void close() {}

  /**
   * @param loss total loss / batch size
   * @param policyLoss policy loss / batch size
   * @param valueLoss value loss / batch size
   * @param entropy policy entropy / batch size
   * @param variableNorm global norm of the network's weights
   * @param gradientNorm global norm of the gradients before clipping
   * @param explainedVariance 1 - Var(R - V) / Var(R) over the batch
   */
  record ModelStats(double loss, double policyLoss, double valueLoss, double entropy,
      double variableNorm, double gradientNorm, double explainedVariance) {}

  /** A sink that drops everything, for tests and benchmarks. */
  SummarySink NONE = new SummarySink() {
    @Override
    public void episode(int worker, long globalStep, double score, long length, double fps) {}

    @Override
    public void model(int worker, long globalStep, ModelStats stats) {}

    @Override
    public void throughput(long globalStep, double stepsPerSecond) {}
  };
}
