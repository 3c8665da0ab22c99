package io.a3c.cli;

import com.google.gson.GsonBuilder;
import io.a3c.eval.Evaluation;
import io.a3c.eval.Evaluator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code a3c eval}: whole games with a trained policy; mean, std, min and max score. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Play whole games (no life-loss rule, unclipped scores) with a run's latest "
        + "checkpoint or an exported SavedModel.")
public final class EvalCommand implements Callable<Integer> {
  @Option(names = "--run", paramLabel = "DIR", description = "A run directory.")
  Path run;

  @Option(names = "--saved-model", paramLabel = "DIR", description = "An exported SavedModel.")
  Path savedModel;

  @Option(names = "--env", paramLabel = "ID",
      description = "Environment id. Default: the one the policy was trained on.")
  String env;

  @Option(names = "--episodes", paramLabel = "N", description = "Games. Default: ${DEFAULT-VALUE}.")
  int episodes = 10;

  @Option(names = "--greedy", description = "Take the most likely action instead of sampling.")
  boolean greedy;

  @Option(names = "--record", paramLabel = "FILE.gif",
      description = "Record the first game, in full colour, as an animated GIF.")
  Path record;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Option(names = "--seed", paramLabel = "SEED", description = "Default: ${DEFAULT-VALUE}.")
  long seed = 0;

  @Option(names = "--max-steps-per-game", paramLabel = "N",
      description = "Cut a game off after N steps. Default: ${DEFAULT-VALUE}.")
  long maxStepsPerGame = Evaluator.DEFAULT_MAX_STEPS_PER_GAME;

  @Mixin
  PythonOption python;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Evaluation.Request request = new Evaluation.Request(run, savedModel, env, episodes, greedy,
        record, seed, python.path, maxStepsPerGame);
    Evaluator.Scores s = Evaluation.run(request, (i, score, length) -> {
      if (!json) {
        out.printf(Locale.ROOT, "game %d: score %.1f, %d steps%n", i + 1, score, length);
      }
    });
    if (json) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("episodes", s.scores().size());
      o.put("mean", s.mean());
      o.put("std", s.std());
      o.put("min", s.min());
      o.put("max", s.max());
      o.put("scores", s.scores());
      o.put("lengths", s.lengths());
      o.put("greedy", greedy);
      o.put("seed", seed);
      if (record != null) {
        o.put("record", record.toString());
      }
      out.println(new GsonBuilder().serializeSpecialFloatingPointValues().create().toJson(o));
    } else {
      out.printf(Locale.ROOT, "%d games (environment seed %d): mean %.2f, std %.2f, min %.1f, "
          + "max %.1f%n", s.scores().size(), seed, s.mean(), s.std(), s.min(), s.max());
      if (record != null) {
        out.println("recorded the first game to " + record);
      }
    }
    return Main.OK;
  }
}
