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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

  @Option(names = "--table", description = "Measure the whole trainer for each number of "
      + "environments per worker in --table-envs, with one and with two environment groups "
      + "(acting for one half while the other half plays), side by side with the raw emulator, "
      + "and print a table: steps/s, start-up, CPU per step in the JVM and in the environment "
      + "processes.")
  boolean table;

  @Option(names = "--table-envs", paramLabel = "K", split = ",",
      description = "Environments per worker for --table. Default: ${DEFAULT-VALUE}.")
  int[] tableEnvs = {1, 4, 8, 16};

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
    if (table) {
      for (int k : tableEnvs) {
        if (k < 1 || k > 64) {
          throw new InvalidInputException("--table-envs takes numbers between 1 and 64 (got "
              + k + ")");
        }
      }
    }
    try (EnvironmentFactory factory = Environments.open(hp.env(), envOptions)) {
      if (table) {
        return table(out, factory, hp, result);
      }
      progress(out, "network only");
      result.put("network_steps_per_second",
          round(Bench.networkStepsPerSecond(factory.spec(), hp, seconds)));
      progress(out, "environments only, as the trainer sees them");
      result.put("env_steps_per_second", round(Bench.envStepsPerSecond(factory, hp.workers(),
          hp.envsPerWorker(), seconds)));
      if (factory instanceof GymEnvironmentFactory gym) {
        // The bare emulator inside Python, no bridge: what the bridge costs, side by side.
        progress(out, "raw emulator in Python");
        result.put("emulator_steps_per_second", round(EmulatorBench.rawStepsPerSecond(gym,
            hp.workers() * hp.envsPerWorker(), seconds, false)));
      }
      progress(out, "whole trainer");
      Bench.TrainerFigures trainer = Bench.trainer(factory, hp, seconds, 0);
      result.put("trainer_steps_per_second", round(trainer.stepsPerSecond()));
      result.put("trainer_startup_seconds", round(trainer.startupSeconds()));
      result.put("trainer_jvm_cpu_ms_per_step", round3(trainer.jvmCpuMillisPerStep()));
      result.put("trainer_env_cpu_ms_per_step", round3(trainer.envCpuMillisPerStep()));
    }
    if (json) {
      out.println(new GsonBuilder().serializeSpecialFloatingPointValues().create()
          .toJson(result));
    } else {
      out.printf(Locale.ROOT, "%-28s %12s%n", "figure (" + hp.env() + ", " + hp.workers()
          + " workers, " + hp.envsPerWorker() + " env/worker)", "steps/s");
      result.forEach((k, v) -> {
        if (k.endsWith("_per_second")) {
          out.printf(Locale.ROOT, "%-28s %,12.0f%n", k.replace("_per_second", ""), (double) v);
        }
      });
      out.printf(Locale.ROOT, "trainer start-up %.1f s; CPU per step: JVM %.3f ms, environment "
          + "processes %.3f ms%n", (double) result.get("trainer_startup_seconds"),
          (double) result.get("trainer_jvm_cpu_ms_per_step"),
          (double) result.get("trainer_env_cpu_ms_per_step"));
    }
    return Main.OK;
  }

  /** The --table run: every K, one and two groups, and the raw emulator for comparison. */
  private int table(PrintWriter out, EnvironmentFactory factory, HyperParameters hp,
      Map<String, Object> result) {
    double raw = Double.NaN;
    if (factory instanceof GymEnvironmentFactory gym) {
      // One emulator per core is what the cores can give; measured in this run, so that the
      // ratios compare figures taken under the same load.
      progress(out, "raw emulator in Python, " + hp.workers() + " processes");
      raw = EmulatorBench.rawStepsPerSecond(gym, hp.workers(), seconds, false);
      result.put("emulator_steps_per_second", round(raw));
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    double best = 0;
    for (int k : tableEnvs) {
      for (int groups = 1; groups <= Math.min(2, k); groups++) {
        progress(out, "whole trainer, " + k + " env/worker, " + groups + " group(s)");
        Bench.TrainerFigures f = Bench.trainer(factory, hp.withEnvsPerWorker(k), seconds,
            groups);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("workers", f.workers());
        row.put("envs_per_worker", f.envsPerWorker());
        row.put("groups", f.groups());
        row.put("steps_per_second", round(f.stepsPerSecond()));
        row.put("of_emulator", round3(f.stepsPerSecond() / raw));
        row.put("startup_seconds", round(f.startupSeconds()));
        row.put("jvm_cpu_ms_per_step", round3(f.jvmCpuMillisPerStep()));
        row.put("env_cpu_ms_per_step", round3(f.envCpuMillisPerStep()));
        rows.add(row);
        best = Math.max(best, f.stepsPerSecond());
      }
    }
    result.put("rows", rows);
    result.put("trainer_steps_per_second", round(best));
    if (json) {
      out.println(new GsonBuilder().serializeSpecialFloatingPointValues().create()
          .toJson(result));
      return Main.OK;
    }
    out.printf(Locale.ROOT, "whole trainer, %s, %d workers (best %,.0f steps/s)%n", hp.env(),
        hp.workers(), best);
    out.printf(Locale.ROOT, "%8s %7s %9s %9s %10s %11s %11s%n", "env/wkr", "groups",
        "steps/s", "of raw", "start-up s", "JVM ms/stp", "env ms/stp");
    for (Map<String, Object> row : rows) {
      out.printf(Locale.ROOT, "%8d %7d %,9.0f %9.3f %10.1f %11.3f %11.3f%n",
          row.get("envs_per_worker"), row.get("groups"), row.get("steps_per_second"),
          row.get("of_emulator"), row.get("startup_seconds"), row.get("jvm_cpu_ms_per_step"),
          row.get("env_cpu_ms_per_step"));
    }
    if (!Double.isNaN(raw)) {
      out.printf(Locale.ROOT, "raw emulator, %d processes, random actions: %,.0f steps/s%n",
          hp.workers(), raw);
    }
    return Main.OK;
  }

  private void progress(PrintWriter out, String what) {
    if (!json) {
      out.println("measuring " + what + " ...");
    }
  }

  private static double round(double v) {
    return Double.isFinite(v) ? Math.round(v * 10) / 10.0 : v;
  }

  private static double round3(double v) {
    return Double.isFinite(v) ? Math.round(v * 1000) / 1000.0 : v;
  }
}
