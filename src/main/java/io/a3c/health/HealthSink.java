package io.a3c.health;

import io.a3c.summary.SummarySink;
import io.a3c.summary.Tags;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A summary sink that passes everything on and feeds each model summary to a
 * {@link TrainingHealth}; its warnings go to the log (console and {@code train.log}) and to
 * TensorBoard's Text tab under {@link Tags#HEALTH_WARNINGS}, where someone reading the curves
 * sees them next to the figures.
 */
public final class HealthSink implements SummarySink {
  private static final Logger LOG = LogManager.getLogger(HealthSink.class);

  private final SummarySink delegate;
  private final TrainingHealth health;

  public HealthSink(SummarySink delegate, TrainingHealth health) {
    this.delegate = delegate;
    this.health = health;
  }

  @Override
  public void episode(int worker, long globalStep, double score, long length, double fps) {
    delegate.episode(worker, globalStep, score, length, fps);
  }

  @Override
  public void model(int worker, long globalStep, ModelStats stats) {
    delegate.model(worker, globalStep, stats);
    List<HealthEvent> events = health.observe(globalStep, stats.entropy(),
        stats.explainedVariance(), stats.gradientNorm());
    if (events.isEmpty()) {
      return;
    }
    for (HealthEvent e : events) {
      if (e.recovered()) {
        LOG.info(e.message());
      } else {
        LOG.warn(e.message());
      }
    }
    // One text per step: TensorBoard shows one entry per tag and step.
    delegate.text(globalStep, Tags.HEALTH_WARNINGS, events.stream().map(HealthEvent::message)
        .collect(Collectors.joining("\n\n")));
  }

  @Override
  public void throughput(long globalStep, double stepsPerSecond) {
    delegate.throughput(globalStep, stepsPerSecond);
  }

  @Override
  public void evaluation(long globalStep, double mean, double std, double min, double max,
      double meanLength) {
    delegate.evaluation(globalStep, mean, std, min, max, meanLength);
  }

  @Override
  public void text(long globalStep, String tag, String markdown) {
    delegate.text(globalStep, tag, markdown);
  }

  @Override
  public void flush() {
    delegate.flush();
  }

  /** The delegate belongs to whoever created it. */
  @Override
  public void close() {}
}
