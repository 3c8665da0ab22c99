package io.a3c.eval;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.a3c.checkpoint.CheckpointStore;
import io.a3c.checkpoint.Checkpointer;
import io.a3c.config.HyperParameters;
import io.a3c.config.InvalidInputException;
import io.a3c.config.Preprocessing;
import io.a3c.env.EnvOptions;
import io.a3c.env.Environment;
import io.a3c.env.EnvironmentFactory;
import io.a3c.env.Environments;
import io.a3c.env.RgbFrame;
import io.a3c.export.PolicyExport;
import io.a3c.graph.A3CGraph;
import io.a3c.logging.Failures;
import io.a3c.report.GifWriter;
import io.a3c.run.RunConfig;
import io.a3c.run.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code a3c eval}: plays whole games with a run's latest checkpoint or an exported SavedModel,
 * optionally recording the first game as an animated GIF in full colour.
 */
public final class Evaluation {
  /** Milliseconds per GIF frame: Atari at frameskip 4 plays at real speed (60 / 4 fps). */
  public static final int GIF_DELAY_MS = 67;

  /**
   * What to evaluate and how.
   *
   * @param run a run directory (its latest checkpoint), or null
   * @param savedModel an exported SavedModel directory, or null
   * @param env environment id, or null for the one the policy was trained on
   * @param record a .gif file for the first game, or null
   */
  public record Request(Path run, Path savedModel, String env, int games, boolean greedy,
      Path record, long seed, Path python, long maxStepsPerGame) {
    public Request {
      if ((run == null) == (savedModel == null)) {
        throw new InvalidInputException("give exactly one of --run DIR and --saved-model DIR");
      }
      if (games < 1) {
        throw new InvalidInputException("--episodes must be at least 1 (got " + games + ")");
      }
      if (maxStepsPerGame < 1) {
        throw new InvalidInputException("--max-steps-per-game must be at least 1");
      }
      if (record != null && !record.getFileName().toString().toLowerCase().endsWith(".gif")) {
        throw new InvalidInputException("--record supports .gif files: " + record);
      }
    }
  }

  private Evaluation() {}

  /** Plays the games; {@code onGame} hears about each one. */
  public static Evaluator.Scores run(Request r, Evaluator.GameListener onGame) {
    return r.run() != null ? fromRun(r, onGame) : fromSavedModel(r, onGame);
  }

  private static Evaluator.Scores fromRun(Request r, Evaluator.GameListener onGame) {
    RunDirectory run = RunDirectory.existing(r.run());
    HyperParameters hp = RunConfig.read(run.config()).withWorkers(1).withEnvsPerWorker(1);
    EnvOptions options = new EnvOptions(hp.frameSize(), hp.preprocessing(), hp.actionSpace(),
        false, r.python(), null, r.record() != null);
    try (EnvironmentFactory factory = Environments.open(envOf(r, hp.env()), options);
        A3CGraph graph = A3CGraph.build(factory.spec(), hp)) {
      Checkpointer checkpointer = Checkpointer.create(graph,
          new CheckpointStore(run.checkpoints()));
      graph.initialize();
      checkpointer.restoreLatest();
      graph.worker(0).sync();
      return play(factory, new GraphPolicy(graph.worker(0), r.greedy()), r, onGame);
    }
  }

  private static Evaluator.Scores fromSavedModel(Request r, Evaluator.GameListener onGame) {
    JsonObject policy = readPolicyJson(r.savedModel());
    String env = envOf(r, policy.get("env").getAsString());
    List<Integer> actionSpace = null;
    if (policy.has("action_space") && policy.get("action_space").isJsonArray()) {
      actionSpace = new ArrayList<>();
      for (var a : policy.getAsJsonArray("action_space")) {
        actionSpace.add(a.getAsInt());
      }
    }
    JsonArray shape = policy.getAsJsonArray("observation_shape");
    int[] observationShape = new int[shape.size()];
    for (int i = 0; i < observationShape.length; i++) {
      observationShape[i] = shape.get(i).getAsInt();
    }
    int frameSize = observationShape.length == 3 ? observationShape[0]
        : HyperParameters.DEFAULT_FRAME_SIZE;
    EnvOptions options = new EnvOptions(frameSize, preprocessingOf(policy), actionSpace, false,
        r.python(), null,
        r.record() != null);
    try (EnvironmentFactory factory = Environments.open(env, options);
        SavedModelPolicy p = new SavedModelPolicy(r.savedModel(), observationShape, r.greedy(),
            r.seed())) {
      return play(factory, p, r, onGame);
    }
  }

  /**
   * The preprocessing a policy was trained with. Exports written before there was a choice
   * describe the reference's in words.
   */
  static Preprocessing preprocessingOf(JsonObject policy) {
    if (policy.has("preprocessing") && policy.get("preprocessing").isJsonPrimitive()) {
      String name = policy.get("preprocessing").getAsString();
      for (Preprocessing p : Preprocessing.values()) {
        if (p.id().equals(name)) {
          return p;
        }
      }
    }
    return Preprocessing.REFERENCE;
  }

  private static Evaluator.Scores play(EnvironmentFactory factory, Policy policy, Request r,
      Evaluator.GameListener onGame) {
    try (Environment env = factory.create(0, r.seed())) {
      if (r.record() == null) {
        return Evaluator.play(env, policy, r.games(), r.maxStepsPerGame(), null, onGame);
      }
      try (GifRecorder gif = new GifRecorder(r.record())) {
        Evaluator.Scores scores =
            Evaluator.play(env, policy, r.games(), r.maxStepsPerGame(), gif, onGame);
        if (gif.frames() == 0) {
          throw new InvalidInputException("environment " + factory.spec().id()
              + " gives no frames to record");
        }
        return scores;
      }
    }
  }

  /** Opens the GIF at the first frame, scaled so small games (catch) are big enough to see. */
  private static final class GifRecorder implements Consumer<RgbFrame>, AutoCloseable {
    private final Path path;
    private GifWriter writer;

    GifRecorder(Path path) {
      this.path = path;
    }

    @Override
    public void accept(RgbFrame frame) {
      if (writer == null) {
        writer = GifWriter.open(path, GIF_DELAY_MS, Math.max(1, 200 / frame.width()));
      }
      writer.add(frame);
    }

    int frames() {
      return writer == null ? 0 : writer.frames();
    }

    @Override
    public void close() {
      if (writer != null) {
        writer.close();
      }
    }
  }

  private static String envOf(Request r, String trainedOn) {
    return r.env() != null ? r.env() : trainedOn;
  }

  private static JsonObject readPolicyJson(Path savedModel) {
    Path file = savedModel.resolve(PolicyExport.EXTRA).resolve(PolicyExport.POLICY_JSON);
    if (!Files.isDirectory(savedModel)) {
      throw new InvalidInputException("SavedModel directory not found: " + savedModel);
    }
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException("not an a3c SavedModel (no " + PolicyExport.POLICY_JSON
          + "): " + savedModel);
    }
    try {
      return new Gson().fromJson(Files.readString(file), JsonObject.class);
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException("cannot read " + file + " (" + Failures.describe(e) + ")");
    }
  }
}
