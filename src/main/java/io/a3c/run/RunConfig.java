package io.a3c.run;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import io.a3c.config.HyperParameters;
import io.a3c.config.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;

/** {@code config.json}: every hyper-parameter (seed included) and the versions of the run. */
public final class RunConfig {
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting()
      .serializeSpecialFloatingPointValues().create();

  private RunConfig() {}

  /** Writes the configuration atomically. */
  public static void write(Path file, HyperParameters hp, Map<String, ?> extra) {
    JsonObject root = new JsonObject();
    root.add("hyper_parameters", GSON.toJsonTree(hp));
    root.add("versions", GSON.toJsonTree(Versions.java()));
    extra.forEach((k, v) -> root.add(k, GSON.toJsonTree(v)));
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, GSON.toJson(root) + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /**
   * The minutes between evaluations and the games per evaluation the run recorded, as options
   * ({@code --eval-every}, {@code --eval-episodes}); empty for a run from before evaluation
   * during training, or a file that does not say.
   */
  public static Optional<double[]> readEvaluation(Path file) {
    try {
      JsonObject root = GSON.fromJson(Files.readString(file), JsonObject.class);
      if (root == null || !root.has("evaluation") || !root.get("evaluation").isJsonObject()) {
        return Optional.empty();
      }
      JsonObject evaluation = root.getAsJsonObject("evaluation");
      if (!evaluation.has("every_minutes") || !evaluation.has("episodes")) {
        return Optional.empty();
      }
      return Optional.of(new double[] {evaluation.get("every_minutes").getAsDouble(),
          evaluation.get("episodes").getAsDouble()});
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // read() reports what is wrong with the file
    }
  }

  /** Reads the hyper-parameters back (for resume and evaluation). */
  public static HyperParameters read(Path file) {
    try {
      JsonObject root = GSON.fromJson(Files.readString(file), JsonObject.class);
      if (root == null || !root.has("hyper_parameters")) {
        throw new InvalidInputException(file + " has no hyper_parameters");
      }
      return GSON.fromJson(root.get("hyper_parameters"), HyperParameters.class);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + file + ": " + e.getMessage());
    } catch (JsonParseException e) {
      throw new InvalidInputException("malformed " + file + ": " + e.getMessage());
    }
  }
}
