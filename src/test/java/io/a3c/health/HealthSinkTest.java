package io.a3c.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.a3c.summary.SummarySink;
import io.a3c.summary.Tags;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sink passes every summary on and writes each health event once, as TensorBoard text. */
class HealthSinkTest {

  /** Records what reaches the real sink. */
  private static final class Recording implements SummarySink {
    final List<Long> models = new ArrayList<>();
    final List<String> texts = new ArrayList<>();

    @Override
    public void episode(int worker, long globalStep, double score, long length, double fps) {}

    @Override
    public void model(int worker, long globalStep, ModelStats stats) {
      models.add(globalStep);
    }

    @Override
    public void throughput(long globalStep, double stepsPerSecond) {}

    @Override
    public void text(long globalStep, String tag, String markdown) {
      texts.add(globalStep + " " + tag + " " + markdown);
    }
  }

  private static SummarySink.ModelStats stats(double entropy, double explainedVariance) {
    return new SummarySink.ModelStats(1, 1, 1, entropy, 10, 5, explainedVariance);
  }

  @Test
  void warningsOfOneSummaryBecomeOneTextAndAreNotRepeated() {
    Recording real = new Recording();
    HealthSink sink = new HealthSink(real, new TrainingHealth(
        HealthThresholds.defaults().withWarmUp(300).withWindow(2), 3, 40));
    for (long step = 100; step <= 1_000; step += 100) {
      sink.model(0, step, stats(Math.log(3), -0.2));
    }
    assertEquals(10, real.models.size(), "every summary reaches the real sink");
    assertEquals(1, real.texts.size(), real.texts.toString());
    String text = real.texts.get(0);
    assertTrue(text.startsWith("300 " + Tags.HEALTH_WARNINGS + " health: after 300 steps the "
        + "policy entropy is 1.099"), text);
    assertTrue(text.contains("\n\nhealth: after 300 steps the explained variance is -0.200"),
        text);
  }

  @Test
  void aHealthyRunWritesNoText() {
    Recording real = new Recording();
    HealthSink sink = new HealthSink(real, new TrainingHealth(
        HealthThresholds.defaults().withWarmUp(300).withWindow(2), 3, 40));
    for (long step = 100; step <= 1_000; step += 100) {
      sink.model(0, step, stats(0.4, 0.7));
    }
    assertEquals(List.of(), real.texts);
  }
}
