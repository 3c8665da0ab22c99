package io.a3c.checkpoint;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import io.a3c.config.InvalidInputException;
import io.a3c.config.Network;
import io.a3c.config.Preprocessing;
import io.a3c.env.EnvSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code manifest.json} of a checkpoint: the counters to resume with, the environment the network
 * was built for, and the name, type and shape of every saved variable (checked before restoring).
 *
 * @param format version of this layout
 * @param globalStep the global step saved with the variables
 * @param episodes games finished up to the save, resumed runs included
 * @param elapsedSeconds training time up to the save, resumed runs included
 * @param savedAt ISO-8601 time of the save
 * @param env environment id
 * @param observationShape the network's observation shape
 * @param actions meaning of each action index
 * @param actionSpace the raw game actions of the action indices, or null for the game's default
 * @param preprocessing how frames were prepared; null in checkpoints written before the choice
 *     existed, which used the reference's
 * @param network the network's details; null means the reference's, as for preprocessing
 * @param variables every saved variable
 */
public record CheckpointManifest(int format, long globalStep, long episodes,
    double elapsedSeconds, String savedAt, String env, int[] observationShape,
    List<String> actions, List<Integer> actionSpace, Preprocessing preprocessing,
    Network network, List<VariableInfo> variables) {

  public CheckpointManifest {
    preprocessing = preprocessing == null ? Preprocessing.REFERENCE : preprocessing;
    network = network == null ? Network.REFERENCE : network;
  }

  public static final int FORMAT = 1;
  public static final String FILE = "manifest.json";
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting()
      .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES).create();

  /** A saved tensor: its name in the checkpoint, dtype ({@code float32}, {@code int64}), shape. */
  public record VariableInfo(String name, String dtype, long[] shape) {
    @Override
    public boolean equals(Object o) {
      return o instanceof VariableInfo v && name.equals(v.name) && dtype.equals(v.dtype)
          && Arrays.equals(shape, v.shape);
    }

    @Override
    public int hashCode() {
      return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
      return name + " " + dtype + " " + Arrays.toString(shape);
    }
  }

  /** The environment spec the saved network was built for. */
  public EnvSpec envSpec() {
    return new EnvSpec(env, observationShape, actions);
  }

  void write(Path file) {
    try {
      Files.writeString(file, GSON.toJson(this) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /**
   * Reads the manifest of the checkpoint in {@code dir}.
   *
   * @throws InvalidInputException if it is missing or unreadable
   */
  public static CheckpointManifest read(Path dir) {
    Path file = dir.resolve(FILE);
    try {
      CheckpointManifest m = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8),
          CheckpointManifest.class);
      if (m == null || m.variables() == null || m.env() == null || m.observationShape() == null
          || m.actions() == null) {
        throw new InvalidInputException("checkpoint " + dir + " is corrupt: " + FILE
            + " is incomplete");
      }
      if (m.format() != FORMAT) {
        throw new InvalidInputException("checkpoint " + dir + " has format " + m.format()
            + "; this version reads format " + FORMAT);
      }
      return m;
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("checkpoint " + dir + " is corrupt or incomplete: no "
          + FILE);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read checkpoint " + dir + ": " + e.getMessage());
    } catch (JsonParseException | IllegalArgumentException e) {
      throw new InvalidInputException("checkpoint " + dir + " is corrupt: " + FILE
          + " is not valid JSON");
    }
  }
}
