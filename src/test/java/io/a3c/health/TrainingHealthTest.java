package io.a3c.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.a3c.health.HealthEvent.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Summaries every 100 steps, a warm-up of 1,000 steps, windows of 5 summaries, 3 actions. */
class TrainingHealthTest {
  private static final double LN3 = Math.log(3);
  private static final HealthThresholds THRESHOLDS =
      HealthThresholds.defaults().withWarmUp(1_000).withWindow(5);
  private static final double CLIP = 40;
  /** Healthy figures: a policy well below uniform, a critic that explains returns, no clipping. */
  private static final double LEARNED_ENTROPY = 0.5;
  private static final double GOOD_EV = 0.6;
  private static final double SMALL_NORM = 5;

  private final TrainingHealth health = new TrainingHealth(THRESHOLDS, 3, CLIP);

  /** Feeds summaries at steps 100, 200, ... {@code steps}; returns every event. */
  private List<HealthEvent> feed(long steps, LongToDoubleFunction entropy,
      LongToDoubleFunction explainedVariance, LongToDoubleFunction gradientNorm) {
    List<HealthEvent> events = new ArrayList<>();
    for (long step = 100; step <= steps; step += 100) {
      events.addAll(health.observe(step, entropy.applyAsDouble(step),
          explainedVariance.applyAsDouble(step), gradientNorm.applyAsDouble(step)));
    }
    return events;
  }

  private static List<Condition> warnings(List<HealthEvent> events) {
    return events.stream().filter(e -> !e.recovered()).map(HealthEvent::condition).toList();
  }

  @Test
  void aPolicyThatStaysUniformPastTheWarmUpWarnsExactlyOnce() {
    // Noisy around ln 3, as the Pong run that prompted this (1.08-1.10).
    List<HealthEvent> events = feed(10_000, s -> s % 200 == 0 ? 1.085 : 1.098, s -> GOOD_EV,
        s -> SMALL_NORM);
    assertEquals(List.of(Condition.UNIFORM_POLICY), warnings(events));
    HealthEvent e = events.get(0);
    assertEquals(1_000, e.globalStep(), "warned at the first summary after the warm-up");
    assertTrue(e.message().startsWith("health: after 1,000 steps the policy entropy is 1.090"),
        e.message());
    assertTrue(e.message().contains("99.2% of uniform (ln 3 = 1.099)"), e.message());
    assertTrue(e.message().contains("preprocessing"), "says what to try: " + e.message());
  }

  @Test
  void aPolicyWhoseEntropyDropsDoesNotWarn() {
    // 1.07 is 97.4% of ln 3, below the 98% line.
    List<HealthEvent> events = feed(10_000, s -> s < 600 ? LN3 : 1.07, s -> GOOD_EV,
        s -> SMALL_NORM);
    assertEquals(List.of(), events);
  }

  @Test
  void theEntropyIsJudgedOnTheWindowNotOneSample() {
    // One uniform summary among learned ones leaves the mean far from ln 3.
    List<HealthEvent> events = feed(5_000, s -> s == 2_000 ? LN3 : 0.9, s -> GOOD_EV,
        s -> SMALL_NORM);
    assertEquals(List.of(), events);
  }

  @Test
  void nothingWarnsBeforeTheWarmUp() {
    List<HealthEvent> events = feed(900, s -> LN3, s -> -0.5, s -> 1_000);
    assertEquals(List.of(), events);
    assertTrue(health.warned().isEmpty());
    // The very next summary, at the warm-up, reports all three at once.
    assertEquals(3, health.observe(1_000, LN3, -0.5, 1_000).size());
  }

  @Test
  void anExplainedVarianceAtOrBelowZeroWarns() {
    List<HealthEvent> events = feed(10_000, s -> LEARNED_ENTROPY,
        s -> s % 200 == 0 ? -0.3 : 0.0, s -> SMALL_NORM);
    assertEquals(List.of(Condition.VALUE_NOT_LEARNING), warnings(events));
    assertTrue(events.get(0).message().contains("explained variance is -0.300 (median"),
        events.get(0).message());
  }

  @Test
  void aRunResumedPastItsWarmUpIsNotToldItsCriticNeverLearned() {
    // E3 of docs/experiments.md, resumed at 0.85M steps with medians of -7 to -27: a healthy
    // Pong run whose earlier, positive explained variance the resumed process never saw.
    health.resumedAt(5_000);
    List<HealthEvent> events = new ArrayList<>();
    for (long step = 5_100; step <= 10_000; step += 100) {
      events.addAll(health.observe(step, LEARNED_ENTROPY, -12.0, step >= 8_000 ? 100 : 5));
    }
    assertEquals(List.of(Condition.ALWAYS_CLIPPED), warnings(events),
        "the conditions about recent summaries are still judged");

    TrainingHealth early = new TrainingHealth(THRESHOLDS, 3, CLIP);
    early.resumedAt(500);
    List<HealthEvent> fromEarly = new ArrayList<>();
    for (long step = 600; step <= 10_000; step += 100) {
      fromEarly.addAll(early.observe(step, LEARNED_ENTROPY, -0.3, SMALL_NORM));
    }
    assertEquals(List.of(Condition.VALUE_NOT_LEARNING), warnings(fromEarly),
        "resumed within the warm-up, the critic is judged on what follows");
  }

  @Test
  void oneBatchWithAHugelyNegativeExplainedVarianceDoesNotWarn() {
    // Seen in healthy catch runs: a batch whose returns barely vary scores -10 or less.
    List<HealthEvent> events = feed(10_000, s -> LEARNED_ENTROPY,
        s -> s % 500 == 0 ? -12 : GOOD_EV, s -> SMALL_NORM);
    assertEquals(List.of(), events);
  }

  @Test
  void aCriticThatLearnedAndThenDipsBelowZeroDoesNotWarn() {
    // The default Pong run: medians 0.6 early, -27 while the score climbed, 0.9 at the end.
    List<HealthEvent> events = feed(10_000, s -> LEARNED_ENTROPY,
        s -> s < 800 ? GOOD_EV : s < 6_000 ? -27 : 0.9, s -> SMALL_NORM);
    assertEquals(List.of(), events);
  }

  @Test
  void aRisingExplainedVarianceDoesNotWarn() {
    List<HealthEvent> events = feed(10_000, s -> LEARNED_ENTROPY, s -> s / 10_000.0,
        s -> SMALL_NORM);
    assertEquals(List.of(), events);
  }

  @Test
  void batchesWithoutExplainedVarianceAreSkipped() {
    // NaN (all returns equal) must neither count as 0 nor poison the mean.
    List<HealthEvent> events = feed(10_000, s -> LEARNED_ENTROPY,
        s -> s % 200 == 0 ? Double.NaN : GOOD_EV, s -> SMALL_NORM);
    assertEquals(List.of(), events);
  }

  @Test
  void gradientsClippedOnEveryUpdateWarn() {
    List<HealthEvent> events = feed(10_000, s -> LEARNED_ENTROPY, s -> GOOD_EV,
        s -> 41 + s % 7);
    assertEquals(List.of(Condition.ALWAYS_CLIPPED), warnings(events));
    assertTrue(events.get(0).message().contains("100% of the last 5 sampled updates had a "
        + "gradient norm above --max-gradient-norm 40"), events.get(0).message());
  }

  @Test
  void gradientsClippedNowAndThenDoNotWarn() {
    // One summary in five is clipped: 80% at most in any window, below 95%.
    List<HealthEvent> events = feed(10_000, s -> LEARNED_ENTROPY, s -> GOOD_EV,
        s -> s % 500 == 0 ? 100 : 20);
    assertEquals(List.of(), events);
  }

  @Test
  void aConditionThatClearsIsReportedOnceAndNeverWarnsAgain() {
    List<HealthEvent> events = feed(10_000,
        s -> s < 3_000 || s > 6_000 ? LN3 : LEARNED_ENTROPY, s -> GOOD_EV, s -> SMALL_NORM);
    assertEquals(2, events.size(), events.toString());
    assertFalse(events.get(0).recovered());
    assertTrue(events.get(1).recovered());
    assertTrue(events.get(1).message().contains("has started learning"),
        events.get(1).message());
  }

  @Test
  void aSingleActionHasNoPolicyToLearn() {
    TrainingHealth one = new TrainingHealth(THRESHOLDS, 1, CLIP);
    for (long step = 100; step <= 5_000; step += 100) {
      assertEquals(List.of(), one.observe(step, 0, GOOD_EV, SMALL_NORM));
    }
  }

  @Test
  void shortRunsGetAShorterWarmUp() {
    assertEquals(300_000, HealthThresholds.forRun(50_000_000).warmUpSteps());
    assertEquals(20_000, HealthThresholds.forRun(80_000).warmUpSteps());
  }
}
