package io.a3c.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.a3c.report.StatusLine.Status;
import org.junit.jupiter.api.Test;

class StatusLineTest {

  @Test
  void withAStepLimit() {
    // 942 s elapsed; (50,000,000 - 1,234,560) / 1,310 = 37,225.5 s left.
    Status s = new Status(1_234_560, 50_000_000, 1310, 412, -20.3, 942.7, 0);
    assertEquals("step 1,234,560/50,000,000 (2.5%)  1,310 steps/s  episodes 412"
        + "  mean score -20.3 (last 100)  elapsed 0:15:42  ETA 10:20:25", StatusLine.format(s));
  }

  @Test
  void withoutLimitsThereIsNoEta() {
    Status s = new Status(1_234_560, 0, 1309.6, 1_412, 3.04, 942, 0);
    assertEquals("step 1,234,560  1,310 steps/s  episodes 1,412  mean score 3.0 (last 100)"
        + "  elapsed 0:15:42", StatusLine.format(s));
  }

  @Test
  void theEarlierLimitGivesTheEta() {
    // The step limit is 10:20:25 away, the one-hour limit 0:44:18.
    Status s = new Status(1_234_560, 50_000_000, 1310, 412, -20.3, 942, 3600);
    assertEquals("step 1,234,560/50,000,000 (2.5%)  1,310 steps/s  episodes 412"
        + "  mean score -20.3 (last 100)  elapsed 0:15:42/1:00:00  ETA 0:44:18",
        StatusLine.format(s));
  }

  @Test
  void atTheStartNothingIsKnownYet() {
    Status s = new Status(0, 50_000_000, 0, 0, Double.NaN, 0, 0);
    assertEquals("step 0/50,000,000 (0.0%)  0 steps/s  episodes 0  mean score n/a"
        + "  elapsed 0:00:00  ETA n/a", StatusLine.format(s));
  }

  @Test
  void overshootingTheLimitShowsDone() {
    // Workers finish their rollouts after the limit is reached.
    Status s = new Status(10_000_060, 10_000_000, 5000, 3, 1.5, 90_061, 0);
    assertEquals("step 10,000,060/10,000,000 (100.0%)  5,000 steps/s  episodes 3"
        + "  mean score 1.5 (last 100)  elapsed 25:01:01  ETA 0:00:00", StatusLine.format(s));
  }
}
