package io.a3c.checkpoint;

import io.a3c.config.HyperParameters;
import io.a3c.config.InvalidInputException;
import io.a3c.env.EnvSpec;
import io.a3c.graph.A3CGraph;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.train.Restore;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * Saves and restores what a run needs to go on: the global network, Adam's slots and beta powers,
 * and the global step. Worker copies are not saved (they are synced from the global network), so
 * a run resumes with any number of workers.
 *
 * <p>The SaveV2/RestoreV2 ops are built into the training graph once, by {@link #create}, before
 * any worker thread starts; {@code Session.save} would instead save every variable of the graph,
 * worker copies included, and add ops to the graph on first use. Files are written through a
 * {@link CheckpointStore}, which makes each save atomic.
 *
 * <p>A save taken while workers train reads each variable once, without stopping the workers,
 * as TensorFlow's own periodic saver does; the global step saved is the one in the manifest.
 */
public final class Checkpointer {
  private static final Logger LOG = LogManager.getLogger(Checkpointer.class);

  /** Name scope of the checkpoint ops in the graph. */
  public static final String SCOPE = "checkpoint";
  /** File prefix of the variables inside a checkpoint directory. */
  public static final String VARIABLES = "variables";

  /** A checkpoint on disk and what it holds. */
  public record Checkpoint(Path directory, CheckpointManifest manifest) {
    /** The prefix RestoreV2 reads: {@code <directory>/variables}. */
    public Path variablesPrefix() {
      return directory.resolve(VARIABLES);
    }
  }

  private final A3CGraph graph;
  private final Session session;
  private final CheckpointStore store;
  private final List<CheckpointManifest.VariableInfo> variables;
  private final Placeholder<TString> prefix;
  private final Operand<TInt64> savedStep;
  private final Op restore;
  /** Runs between writing the files and committing them (tests simulate a crash here). */
  private Runnable beforeCommit = () -> {};

  private Checkpointer(A3CGraph graph, CheckpointStore store,
      List<CheckpointManifest.VariableInfo> variables, Placeholder<TString> prefix,
      Operand<TInt64> savedStep, Op restore) {
    this.graph = graph;
    this.session = graph.session();
    this.store = store;
    this.variables = List.copyOf(variables);
    this.prefix = prefix;
    this.savedStep = savedStep;
    this.restore = restore;
  }

  /**
   * Adds the save and restore ops to {@code graph}. Reads and writes nothing yet: a reader of a
   * run that another process trains must not touch its directory.
   */
  public static Checkpointer create(A3CGraph graph, CheckpointStore store) {
    List<Variable<?>> vars = savedVariables(graph);
    Ops tf = Ops.create(graph.graph()).withSubScope(SCOPE);
    Placeholder<TString> prefix = tf.withName("prefix").placeholder(TString.class,
        Placeholder.shape(Shape.scalar()));
    String[] names = new String[vars.size()];
    String[] slices = new String[vars.size()];
    List<CheckpointManifest.VariableInfo> infos = new ArrayList<>();
    List<Class<? extends TType>> types = new ArrayList<>();
    for (int i = 0; i < vars.size(); i++) {
      Variable<?> v = vars.get(i);
      names[i] = v.op().name();
      slices[i] = "";
      infos.add(new CheckpointManifest.VariableInfo(names[i], dtype(v.type()), v.shape().asArray()));
      types.add(v.type());
    }
    Operand<TString> nameTensor = tf.constant(NdArrays.vectorOfObjects(names));
    Operand<TString> sliceTensor = tf.constant(NdArrays.vectorOfObjects(slices));

    // The step is copied once and both saved and returned, so the manifest matches the files.
    // A copy, not an Identity: Identity of a ref variable aliases its buffer, which workers keep
    // incrementing while the save runs.
    Operand<TInt64> step = tf.withName("step_snapshot").deepCopy(graph.globalStepVariable());
    List<Operand<?>> tensors = new ArrayList<>();
    for (Variable<?> v : vars) {
      tensors.add(v == graph.globalStepVariable() ? step : v);
    }
    Op save = tf.withName("save").train.save(prefix, nameTensor, sliceTensor, tensors);
    Operand<TInt64> savedStep = tf.withControlDependencies(List.of(save)).withName("saved_step")
        .identity(step);

    Restore restored = tf.withName("restore_v2").train.restore(prefix, nameTensor, sliceTensor,
        types);
    List<Op> assigns = new ArrayList<>();
    for (int i = 0; i < vars.size(); i++) {
      assigns.add(assign(tf, vars.get(i), restored.tensors().get(i)));
    }
    Op restoreAll = tf.withName("restore").withControlDependencies(assigns).noOp();
    return new Checkpointer(graph, store, infos, prefix, savedStep, restoreAll);
  }

  /**
   * Deletes what saves that crashed left in the store's directory. Only the run's owner (the
   * training process) may call it: in another process's run it could delete a save in progress.
   */
  public void deleteLeftovers() {
    int removed = store.deleteLeftovers();
    if (removed > 0) {
      LOG.warn("deleted {} incomplete checkpoint(s) left by an interrupted save in {}", removed,
          store.directory());
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Op assign(Ops tf, Variable<?> v, Operand<?> value) {
    return tf.assign((Variable) v, (Operand) value);
  }

  /** The variables a checkpoint holds, in a fixed order. */
  static List<Variable<?>> savedVariables(A3CGraph graph) {
    List<Variable<?>> out = new ArrayList<>(graph.global().all());
    out.addAll(graph.adam().m());
    out.addAll(graph.adam().v());
    out.add(graph.adam().beta1Power());
    out.add(graph.adam().beta2Power());
    out.add(graph.globalStepVariable());
    return out;
  }

  static String dtype(Class<?> type) {
    if (type == TFloat32.class) {
      return "float32";
    }
    if (type == TInt64.class) {
      return "int64";
    }
    return type.getSimpleName();
  }

  /** What this graph saves, in order. */
  public List<CheckpointManifest.VariableInfo> variables() {
    return variables;
  }

  public CheckpointStore store() {
    return store;
  }

  /** For tests: runs between the files being written and their commit. */
  void beforeCommit(Runnable hook) {
    this.beforeCommit = hook;
  }

  /**
   * Writes a checkpoint atomically and deletes old ones.
   *
   * @param episodes games finished so far, resumed runs included
   * @param elapsedSeconds training time so far, resumed runs included
   */
  public synchronized Checkpoint save(long episodes, double elapsedSeconds) {
    long start = System.nanoTime();
    Path temp = store.begin();
    try {
      long step;
      try (TString p = TString.scalarOf(temp.resolve(VARIABLES).toString());
          Result r = session.runner().feed(prefix, p).fetch(savedStep).run()) {
        step = ((TInt64) r.get(0)).getLong();
      }
      HyperParameters hp = graph.hyperParameters();
      EnvSpec spec = graph.spec();
      CheckpointManifest manifest = new CheckpointManifest(CheckpointManifest.FORMAT, step,
          episodes, elapsedSeconds, OffsetDateTime.now().toString(), spec.id(),
          spec.observationShape(), spec.actions(), hp.actionSpace(), hp.preprocessing(),
          hp.network(), variables);
      manifest.write(temp.resolve(CheckpointManifest.FILE));
      beforeCommit.run();
      Path dir = store.commit(temp, step);
      LOG.info("checkpoint {} (global step {}) saved in {} ms", dir.getFileName(), step,
          (System.nanoTime() - start) / 1_000_000);
      return new Checkpoint(dir, manifest);
    } catch (RuntimeException | Error e) {
      store.abort(temp);
      throw e;
    }
  }

  /**
   * Restores the newest checkpoint and syncs every worker's copy from it.
   *
   * @throws InvalidInputException if there is none, it is corrupt, or it does not fit this graph
   */
  public synchronized Checkpoint restoreLatest() {
    Path dir = store.latest().orElseThrow(() -> new InvalidInputException(
        "no checkpoint in " + store.directory() + " to resume from"));
    return restore(dir);
  }

  /** Restores the checkpoint in {@code dir}; see {@link #restoreLatest()}. */
  public synchronized Checkpoint restore(Path dir) {
    CheckpointManifest manifest = CheckpointManifest.read(dir);
    checkFits(dir, manifest, graph.spec(), variables);
    try (TString p = TString.scalarOf(dir.resolve(VARIABLES).toString());
        Result r = session.runner().feed(prefix, p).addTarget(restore).run()) {
      // restored
    } catch (TensorFlowException e) {
      throw new InvalidInputException("checkpoint " + dir + " is corrupt: "
          + firstLine(e.getMessage()), e);
    }
    for (int w = 0; w < graph.workers(); w++) {
      graph.worker(w).sync();
    }
    long step = graph.globalStep();
    if (step != manifest.globalStep()) {
      throw new InvalidInputException("checkpoint " + dir + " is corrupt: its manifest says "
          + "global step " + manifest.globalStep() + ", its variables " + step);
    }
    LOG.info("restored checkpoint {} (global step {}, {} episodes)", dir.getFileName(), step,
        manifest.episodes());
    return new Checkpoint(dir, manifest);
  }

  /**
   * Checks that a checkpoint was saved from a network like this one: same observation shape and
   * action count, and the same variables with the same types and shapes.
   *
   * @param expected the variables that will be restored; the checkpoint may hold more
   * @throws InvalidInputException naming the first difference
   */
  public static void checkFits(Path dir, CheckpointManifest manifest, EnvSpec spec,
      List<CheckpointManifest.VariableInfo> expected) {
    if (!Arrays.equals(manifest.observationShape(), spec.observationShape())
        || manifest.actions().size() != spec.numActions()) {
      throw new InvalidInputException("checkpoint " + dir + " was saved for " + manifest.env()
          + " " + Arrays.toString(manifest.observationShape()) + " with "
          + manifest.actions().size() + " actions, not for " + spec.id() + " "
          + Arrays.toString(spec.observationShape()) + " with " + spec.numActions()
          + " actions");
    }
    Map<String, CheckpointManifest.VariableInfo> saved = new HashMap<>();
    manifest.variables().forEach(v -> saved.put(v.name(), v));
    for (CheckpointManifest.VariableInfo want : expected) {
      CheckpointManifest.VariableInfo have = saved.get(want.name());
      if (have == null) {
        throw new InvalidInputException("checkpoint " + dir + " does not fit this network: it "
            + "has no " + want.name());
      }
      if (!have.equals(want)) {
        throw new InvalidInputException("checkpoint " + dir + " does not fit this network: "
            + want.name() + " is " + have.dtype() + " " + Arrays.toString(have.shape())
            + " there, " + want.dtype() + " " + Arrays.toString(want.shape()) + " here");
      }
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    String line = message.strip().lines().findFirst().orElse(message);
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }
}
