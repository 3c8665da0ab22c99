package io.a3c.export;

import com.google.gson.GsonBuilder;
import io.a3c.checkpoint.CheckpointManifest;
import io.a3c.checkpoint.Checkpointer;
import io.a3c.config.InvalidInputException;
import io.a3c.env.EnvSpec;
import io.a3c.graph.Architecture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * Exports a checkpoint's global policy as a SavedModel ({@link PolicyGraph}: signature
 * {@code serving_default}) and, in its {@code assets.extra/} directory, what Python needs to use
 * and check it:
 * <ul>
 *   <li>{@code policy.json}: environment id, observation shape, action meanings and raw game
 *       actions, preprocessing, the signature, the checkpoint's counters;
 *   <li>{@code comparison.npz}: a few recorded inputs (real observations when given, otherwise
 *       random frames in [0, 1]) and Java's outputs for them, for
 *       {@code python-export/compare_saved_model.py}.
 * </ul>
 * The export is written next to {@code out} and renamed into place, then reloaded with
 * {@link SavedModelBundle#load} and checked against the recorded outputs.
 */
public final class PolicyExport {
  private static final Logger LOG = LogManager.getLogger(PolicyExport.class);

  /** SavedModel's directory for files TensorFlow does not load. */
  public static final String EXTRA = "assets.extra";
  public static final String POLICY_JSON = "policy.json";
  public static final String COMPARISON = "comparison.npz";
  /** Observations {@link #export} would like: one case of 1 row, one of this many rows. */
  public static final int LONG_CASE_ROWS = 20;
  public static final int OBSERVATIONS_WANTED = 1 + LONG_CASE_ROWS;
  private static final int RANDOM_CASE_ROWS = 5;
  private static final int UNITS = Architecture.LSTM_UNITS;

  /**
   * What an export wrote.
   *
   * @param directory the SavedModel directory
   * @param globalStep the checkpoint's global step
   * @param bytes size of the directory, extras included
   * @param inputs where the recorded inputs came from: {@code environment} or {@code random}
   * @param cases number of recorded input cases
   * @param javaReloadMaxDifference largest difference between the reloaded SavedModel's outputs
   *     and the exporting session's (0 expected)
   */
  public record Exported(Path directory, long globalStep, long bytes, String inputs, int cases,
      double javaReloadMaxDifference) {}

  /** One recorded call: {@code rows} observations and the state before them. */
  record Case(float[] x, int rows, float[] c, float[] h) {}

  private PolicyExport() {}

  /**
   * Exports the policy of {@code checkpoint} to {@code out}, replacing what is there.
   *
   * @param observations recorded observations to use as inputs (at least
   *     {@link #OBSERVATIONS_WANTED} for them to be used), or an empty list for random frames
   * @param raw extra fields for {@code policy.json} (the raw game actions, say)
   * @throws InvalidInputException if the checkpoint does not fit or cannot be read
   */
  public static Exported export(Checkpointer.Checkpoint checkpoint, Path out,
      List<float[]> observations, Map<String, ?> raw) {
    CheckpointManifest manifest = checkpoint.manifest();
    try (PolicyGraph policy = PolicyGraph.build(manifest.envSpec(), manifest.network())) {
      policy.restore(checkpoint);
      return export(policy, manifest, out, observations, raw);
    }
  }

  /**
   * Exports {@code policy}, whose weights were restored from the checkpoint {@code manifest}
   * describes, to {@code out}, replacing what is there (the best policy during training, say).
   *
   * @param observations as for {@link #export(Checkpointer.Checkpoint, Path, List, Map)}
   */
  public static Exported export(PolicyGraph policy, CheckpointManifest manifest, Path out,
      List<float[]> observations, Map<String, ?> raw) {
    EnvSpec spec = manifest.envSpec();
    Path temp = out.toAbsolutePath().resolveSibling(
        "." + out.getFileName() + ".tmp-" + UUID.randomUUID());
    try {
      boolean real = observations.size() >= OBSERVATIONS_WANTED
          && observations.stream().allMatch(o -> o.length == spec.observationSize());
      List<Case> cases = cases(spec, real ? observations : List.of(),
          manifest.globalStep(), policy);
      List<PolicyGraph.Outputs> outputs = new ArrayList<>();
      for (Case k : cases) {
        outputs.add(policy.run(k.x(), k.rows(), k.c(), k.h()));
      }
      Files.createDirectories(temp.getParent());
      SavedModelBundle.exporter(temp.toString()).withSession(policy.session())
          .withSignature(policy.signature()).export();
      Path extra = Files.createDirectories(temp.resolve(EXTRA));
      writeComparison(extra.resolve(COMPARISON), policy, cases, outputs);
      writePolicyJson(extra.resolve(POLICY_JSON), manifest, real, cases.size(), raw);
      double reload = reloadDifference(temp, policy, cases, outputs);
      if (reload != 0) {
        LOG.warn("the reloaded SavedModel differs from the exporting session by {}", reload);
      }
      replace(temp, out);
      long bytes = size(out);
      LOG.info("exported the policy of global step {} to {} ({} KB)", manifest.globalStep(), out,
          bytes / 1024);
      return new Exported(out, manifest.globalStep(), bytes, real ? "environment" : "random",
          cases.size(), reload);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot export the SavedModel to " + out, e);
    } finally {
      deleteQuietly(temp);
    }
  }

  /**
   * Three recorded calls: one row from a zero state; {@link #LONG_CASE_ROWS} rows from the state
   * the first call left; a few random frames from a random state.
   */
  static List<Case> cases(EnvSpec spec, List<float[]> observations, long seed,
      PolicyGraph policy) {
    SplittableRandom random = new SplittableRandom(seed);
    int size = spec.observationSize();
    List<float[]> frames = new ArrayList<>(observations);
    while (frames.size() < OBSERVATIONS_WANTED) {
      frames.add(uniform(random, size));
    }
    float[] zero = new float[UNITS];
    Case first = new Case(frames.get(0).clone(), 1, zero, zero);
    PolicyGraph.Outputs after = policy.run(first.x(), 1, zero, zero);
    Case second = new Case(concat(frames.subList(1, 1 + LONG_CASE_ROWS), size), LONG_CASE_ROWS,
        after.c(), after.h());
    List<float[]> randomFrames = new ArrayList<>();
    for (int i = 0; i < RANDOM_CASE_ROWS; i++) {
      randomFrames.add(uniform(random, size));
    }
    Case third = new Case(concat(randomFrames, size), RANDOM_CASE_ROWS,
        gaussian(random, UNITS), gaussian(random, UNITS));
    return List.of(first, second, third);
  }

  private static float[] concat(List<float[]> rows, int size) {
    float[] out = new float[rows.size() * size];
    for (int i = 0; i < rows.size(); i++) {
      System.arraycopy(rows.get(i), 0, out, i * size, size);
    }
    return out;
  }

  private static float[] uniform(SplittableRandom random, int n) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) random.nextDouble();
    }
    return out;
  }

  private static float[] gaussian(SplittableRandom random, int n) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      // Box-Muller; scale 0.5 keeps the state in the range the LSTM produces.
      double u = 1 - random.nextDouble();
      double v = random.nextDouble();
      out[i] = (float) (0.5 * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
    }
    return out;
  }

  private static void writeComparison(Path file, PolicyGraph policy, List<Case> cases,
      List<PolicyGraph.Outputs> outputs) throws IOException {
    Npz npz = new Npz();
    int actions = policy.spec().numActions();
    for (int k = 0; k < cases.size(); k++) {
      Case c = cases.get(k);
      PolicyGraph.Outputs o = outputs.get(k);
      npz.put(PolicyGraph.X + "_" + k, c.x(), policy.observations(c.rows()).asArray())
          .put(PolicyGraph.C + "_" + k, c.c(), 1, UNITS)
          .put(PolicyGraph.H + "_" + k, c.h(), 1, UNITS)
          .put(PolicyGraph.LOGITS + "_" + k, o.logits(), c.rows(), actions)
          .put(PolicyGraph.VALUE + "_" + k, o.value(), c.rows())
          .put(PolicyGraph.PROBABILITIES + "_" + k, o.probabilities(), c.rows(), actions)
          .put(PolicyGraph.C_OUT + "_" + k, o.c(), 1, UNITS)
          .put(PolicyGraph.H_OUT + "_" + k, o.h(), 1, UNITS);
    }
    npz.write(file);
  }

  private static void writePolicyJson(Path file, CheckpointManifest m, boolean real, int cases,
      Map<String, ?> raw) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("format", 1);
    json.put("env", m.env());
    json.put("observation_shape", m.observationShape());
    json.put("actions", m.actions());
    json.put("action_space", m.actionSpace());
    // play.py and a3c eval --saved-model prepare frames by this name, exactly as training did.
    json.put("preprocessing", m.preprocessing().id());
    json.put("network", m.network().id());
    json.put("lstm_units", UNITS);
    Map<String, Object> signature = new LinkedHashMap<>();
    signature.put("key", Signature.DEFAULT_KEY);
    signature.put("inputs", List.of(PolicyGraph.X, PolicyGraph.C, PolicyGraph.H));
    signature.put("outputs", PolicyGraph.OUTPUTS);
    signature.put("x", "B consecutive time steps of ONE sequence; c and h: the LSTM state "
        + "before them");
    json.put("signature", signature);
    json.put("global_step", m.globalStep());
    json.put("episodes", m.episodes());
    json.put("elapsed_seconds", m.elapsedSeconds());
    Map<String, Object> comparison = new LinkedHashMap<>();
    comparison.put("file", COMPARISON);
    comparison.put("cases", cases);
    comparison.put("inputs", real ? "environment" : "random");
    json.put("comparison", comparison);
    json.putAll(raw);
    Files.writeString(file, new GsonBuilder().setPrettyPrinting()
        .serializeSpecialFloatingPointValues().serializeNulls().disableHtmlEscaping().create().toJson(json) + "\n",
        StandardCharsets.UTF_8);
  }

  /** Loads the SavedModel back in Java and returns the largest difference from the recording. */
  static double reloadDifference(Path dir, PolicyGraph policy, List<Case> cases,
      List<PolicyGraph.Outputs> outputs) {
    double max = 0;
    try (SavedModelBundle bundle = SavedModelBundle.load(dir.toString(),
        SavedModelBundle.DEFAULT_TAG)) {
      for (int k = 0; k < cases.size(); k++) {
        PolicyGraph.Outputs reloaded = call(bundle, policy, cases.get(k));
        for (String name : PolicyGraph.OUTPUTS) {
          max = Math.max(max, maxDifference(reloaded.get(name), outputs.get(k).get(name)));
        }
      }
    }
    return max;
  }

  /** Calls a loaded SavedModel's {@code serving_default} on one case. */
  static PolicyGraph.Outputs call(SavedModelBundle bundle, PolicyGraph policy, Case k) {
    try (TFloat32 x = TFloat32.tensorOf(policy.observations(k.rows()),
            DataBuffers.of(k.x(), true, false));
        TFloat32 c = TFloat32.tensorOf(Shape.of(1, UNITS), DataBuffers.of(k.c(), true, false));
        TFloat32 h = TFloat32.tensorOf(Shape.of(1, UNITS), DataBuffers.of(k.h(), true, false))) {
      Map<String, Tensor> inputs = new HashMap<>();
      inputs.put(PolicyGraph.X, x);
      inputs.put(PolicyGraph.C, c);
      inputs.put(PolicyGraph.H, h);
      try (Result r = bundle.function(Signature.DEFAULT_KEY).call(inputs)) {
        float[][] v = new float[PolicyGraph.OUTPUTS.size()][];
        for (int i = 0; i < v.length; i++) {
          TFloat32 t = (TFloat32) r.get(PolicyGraph.OUTPUTS.get(i)).orElseThrow();
          v[i] = new float[(int) t.size()];
          t.copyTo(DataBuffers.of(v[i], false, false));
        }
        return new PolicyGraph.Outputs(v[0], v[1], v[2], v[3], v[4]);
      }
    }
  }

  static double maxDifference(float[] a, float[] b) {
    if (a.length != b.length) {
      return Double.POSITIVE_INFINITY;
    }
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs((double) a[i] - b[i]));
    }
    return max;
  }

  private static void replace(Path temp, Path out) throws IOException {
    Path old = null;
    if (Files.exists(out)) {
      old = out.toAbsolutePath().resolveSibling(
          "." + out.getFileName() + ".old-" + UUID.randomUUID());
      Files.move(out, old, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(temp, out, StandardCopyOption.ATOMIC_MOVE);
    if (old != null) {
      deleteQuietly(old);
    }
  }

  static long size(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      long total = 0;
      for (Path p : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(p)) {
          total += Files.size(p);
        }
      }
      return total;
    }
  }

  private static void deleteQuietly(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // left behind; harmless
        }
      });
    } catch (IOException e) {
      // left behind; harmless
    }
  }
}
