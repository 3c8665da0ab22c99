package io.a3c.cli;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.a3c.config.InvalidInputException;
import io.a3c.logging.Failures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --config FILE}: hyper-parameters from a JSON file, either a run's {@code config.json}
 * (its {@code hyper_parameters}) or a flat object such as {@code {"env": "catch",
 * "learning-rate": 0.001}}. The file's values become options placed before the command line's
 * own, so options given on the command line win.
 */
final class ConfigFileArgs {
  /** Keys that name options of train/bench; camelCase (as in config.json) or kebab-case. */
  private static final Set<String> OPTIONS = Set.of("env", "workers", "envs-per-worker",
      "local-steps", "max-steps", "max-minutes", "learning-rate", "entropy-regularization",
      "max-gradient-norm", "discount", "gae-lambda", "summary-interval", "checkpoint-seconds",
      "frame-size", "preprocessing", "network", "action-space", "seed");

  private ConfigFileArgs() {}

  /** Returns {@code args} with any {@code --config FILE} replaced by the file's options. */
  static String[] expand(String[] args) {
    List<String> out = new ArrayList<>();
    List<String> fromFile = null;
    int insertAt = -1;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String file = null;
      if (a.equals("--config")) {
        if (i + 1 >= args.length) {
          throw new InvalidInputException("--config needs a FILE");
        }
        file = args[++i];
      } else if (a.startsWith("--config=")) {
        file = a.substring("--config=".length());
      }
      if (file == null) {
        out.add(a);
        continue;
      }
      if (fromFile != null) {
        throw new InvalidInputException("--config may be given once");
      }
      fromFile = read(Path.of(file));
      insertAt = out.size();
    }
    if (fromFile == null) {
      return args;
    }
    // Right after the subcommand: the file's options come first and the command line's win.
    int subcommand = out.isEmpty() || out.get(0).startsWith("-") ? 0 : 1;
    out.addAll(Math.min(subcommand, insertAt), fromFile);
    return out.toArray(String[]::new);
  }

  static List<String> read(Path file) {
    JsonElement parsed;
    try {
      parsed = JsonParser.parseString(Files.readString(file));
    } catch (IOException e) {
      throw new InvalidInputException("cannot read config file " + file + " ("
          + Failures.describe(e) + ")");
    } catch (JsonParseException e) {
      throw new InvalidInputException("malformed config file " + file + ": "
          + firstLine(e.getMessage()));
    }
    if (parsed == null || parsed.isJsonNull()) {
      throw new InvalidInputException("config file " + file + " is empty");
    }
    if (!parsed.isJsonObject()) {
      throw new InvalidInputException("config file " + file + " must hold a JSON object of "
          + "options, {\"option\": value, ...}");
    }
    JsonObject root = parsed.getAsJsonObject();
    JsonObject params = root.has("hyper_parameters") && root.get("hyper_parameters").isJsonObject()
        ? root.getAsJsonObject("hyper_parameters") : root;
    List<String> args = new ArrayList<>();
    for (Map.Entry<String, JsonElement> e : params.entrySet()) {
      String option = kebab(e.getKey());
      if (!OPTIONS.contains(option)) {
        if (root != params) {
          continue; // config.json may carry fields that are not options
        }
        throw new InvalidInputException("unknown key '" + e.getKey() + "' in config file " + file
            + " (keys: " + String.join(", ", OPTIONS.stream().sorted().toList()) + ")");
      }
      JsonElement v = e.getValue();
      if (v.isJsonNull()) {
        continue;
      }
      args.add("--" + option);
      if (v.isJsonArray() && v.getAsJsonArray().asList().stream()
          .allMatch(JsonElement::isJsonPrimitive)) {
        JsonArray values = v.getAsJsonArray();
        values.forEach(x -> args.add(x.getAsString()));
      } else if (v.isJsonPrimitive()) {
        args.add(v.getAsString());
      } else {
        throw new InvalidInputException("config file " + file + ": '" + e.getKey()
            + "' must be a number, a string or a list of them");
      }
    }
    return args;
  }

  private static String kebab(String key) {
    return key.replaceAll("([a-z])([A-Z])", "$1-$2").replace('_', '-').toLowerCase();
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }
}
