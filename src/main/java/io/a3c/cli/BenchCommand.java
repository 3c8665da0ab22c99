package io.a3c.cli;

import com.google.gson.GsonBuilder;
import io.a3c.bench.Bench;
import io.a3c.config.HyperParameters;
import io.a3c.config.InvalidInputException;
import io.a3c.env.EnvOptions;
import io.a3c.env.EnvironmentFactory;
import io.a3c.env.Environments;
import io.a3c.env.gym.EmulatorBench;
import io.a3c.env.gym.GymEnvironmentFactory;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code a3c bench}: network, environment and whole-trainer steps per second. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure steps per second: the network alone, the environments alone and the "
        + "whole trainer.")
public final class BenchCommand implements Callable<Integer> {
  @Mixin
  HyperParameterOptions options;

  @Option(names = "--seconds", paramLabel = "S",
      description = "Seconds to measure each figure (after a 3 s warm-up). "
          + "Default: ${DEFAULT-VALUE}.")
  double seconds = 10;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Mixin
  PythonOption python;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    if (!(seconds > 0 && seconds <= 3600)) {
      throw new InvalidInputException("--seconds must be in (0, 3600] (got " + seconds + ")");
    }
    HyperParameters hp = options.toHyperParameters();
    PrintWriter out = spec.commandLine().getOut();
    EnvOptions envOptions = new EnvOptions(hp.frameSize(), hp.preprocessing(), hp.actionSpace(),
        true, python.path, null, false);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("env", hp.env());
    result.put("workers", hp.workers());
    result.put("envs_per_worker", hp.envsPerWorker());
    result.put("local_steps", hp.localSteps());
    try (EnvironmentFactory factory = Environments.open(hp.env(), envOptions)) {
      progress(out, "network only");
      result.put("network_steps_per_second",
          round(Bench.networkStepsPerSecond(factory.spec(), hp, seconds)));
      int envs = hp.workers() * hp.envsPerWorker();
      progress(out, "environments only, as the trainer sees them");
      result.put("env_steps_per_second",
          round(Bench.envStepsPerSecond(factory, envs, seconds)));
      if (factory instanceof GymEnvironmentFactory gym) {
        // The bare emulator inside Python, no bridge: what the bridge costs, side by side.
        progress(out, "raw emulator in Python");
        result.put("emulator_steps_per_second",
            round(EmulatorBench.rawStepsPerSecond(gym, envs, seconds, false)));
      }
      progress(out, "whole trainer");
      result.put("trainer_steps_per_second",
          round(Bench.trainerStepsPerSecond(factory, hp, seconds)));
    }
    if (json) {
      out.println(new GsonBuilder().create().toJson(result));
    } else {
      out.printf(Locale.ROOT, "%-28s %12s%n", "figure (" + hp.env() + ", " + hp.workers()
          + " workers)", "steps/s");
      result.forEach((k, v) -> {
        if (k.endsWith("_per_second")) {
          out.printf(Locale.ROOT, "%-28s %,12.0f%n", k.replace("_per_second", ""), (double) v);
        }
      });
    }
    return Main.OK;
  }

  private void progress(PrintWriter out, String what) {
    if (!json) {
      out.println("measuring " + what + " ...");
    }
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
