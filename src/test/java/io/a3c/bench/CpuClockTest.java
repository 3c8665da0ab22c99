package io.a3c.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CpuClockTest {
  @Test
  void userPlusSystemTimeIsReadAfterTheCommandName() {
    // A name with spaces and a ')' inside: fields count from the last ')'.
    String stat = "4242 (java (a3c) x) S 1 4242 4242 0 -1 4194560 500 0 0 0 "
        + "1234 567 0 0 20 0 30 0 100 0 0";
    assertEquals((1234 + 567) / 100.0, CpuClock.parseStat(stat), 1e-9);
  }

  @Test
  void thisJvmHasUsedSomeCpu() {
    double before = CpuClock.now().jvmSeconds();
    long spin = System.nanoTime() + 300_000_000L;
    double x = 0;
    while (System.nanoTime() < spin) {
      x += Math.sqrt(x + 1);
    }
    double after = CpuClock.now().jvmSeconds();
    assertTrue(x > 0);
    assertTrue(after - before >= 0.1, "300 ms of spinning: " + (after - before) + " s");
  }
}
