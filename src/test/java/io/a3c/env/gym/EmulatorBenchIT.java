package io.a3c.env.gym;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.a3c.env.EnvOptions;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints raw-emulator and bridged figures for one Pong environment with short measurements;
 * asserts only that they are measured (timings belong to benchmarks, not to test verdicts). For
 * real figures (1 and 2 environments, 5 s each) run {@code EmulatorBench}.
 */
class EmulatorBenchIT {
  @TempDir
  Path logs;

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void measuresRawAndBridgedSpeeds() {
    EnvOptions options = EnvOptions.defaults().withLogDir(logs);
    try (GymEnvironmentFactory factory = GymEnvironmentFactory.open("PongDeterministic-v4",
        options)) {
      EmulatorBench.Figures f = EmulatorBench.measure(factory, 1, 1.0);
      System.out.printf(Locale.ROOT, "PongDeterministic-v4, 1 env: raw %,.0f, raw with "
          + "preprocessing %,.0f, bridged %,.0f steps/s%n", f.raw(), f.rawWithPreprocessing(),
          f.bridged());
      assertTrue(f.raw() > 0 && f.rawWithPreprocessing() > 0 && f.bridged() > 0, f.toString());
    }
  }
}
