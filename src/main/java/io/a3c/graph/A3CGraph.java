package io.a3c.graph;

import io.a3c.config.HyperParameters;
import io.a3c.env.EnvSpec;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.random.Multinomial;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The whole training graph, built once before any worker thread starts: the global network, its
 * Adam slots and the global step; for every worker a local copy with its acting step, its
 * statically unrolled training step (losses, gradients w.r.t. the local copy, clipping, ApplyAdam
 * on the global variables) and a sync op. One Session runs it for all threads.
 */
public final class A3CGraph implements AutoCloseable {
  public static final String GLOBAL_SCOPE = "global";
  public static final String GLOBAL_STEP = "global_step";

  private final Graph graph;
  private final Session session;
  private final EnvSpec spec;
  private final HyperParameters hp;
  private final NetworkVariables global;
  private final AdamSlots adam;
  private final Variable<TInt64> globalStep;
  private final List<WorkerGraph> workers;
  private final Op initializeLocals;

  private A3CGraph(Graph graph, EnvSpec spec, HyperParameters hp, NetworkVariables global,
      AdamSlots adam, Variable<TInt64> globalStep, List<WorkerGraph> workers,
      Op initializeLocals) {
    this.graph = graph;
    this.spec = spec;
    this.hp = hp;
    this.global = global;
    this.adam = adam;
    this.globalStep = globalStep;
    this.workers = List.copyOf(workers);
    this.initializeLocals = initializeLocals;
    // Each run is small; one intra-op thread per run lets worker threads use the cores instead
    // of contending inside one op.
    ConfigProto config = ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(1)
        .setInterOpParallelismThreads(Math.max(2, hp.workers()))
        .build();
    this.session = new Session(graph, config);
  }

  /**
   * Builds the graph for {@code hp.workers()} workers, each with {@code hp.envsPerWorker()}
   * sequences of {@code hp.localSteps()} steps, and opens its session (not yet initialised).
   */
  public static A3CGraph build(EnvSpec spec, HyperParameters hp) {
    if (spec.isImage()
        && Math.min(spec.observationShape()[0], spec.observationShape()[1])
            < Architecture.minimumFrameSide(hp.network())) {
      throw new IllegalArgumentException("frames must be at least "
          + Architecture.minimumFrameSide(hp.network()) + " pixels for the " + hp.network()
          + " network: " + spec);
    }
    Graph graph = new Graph();
    try {
      Ops tf = Ops.create(graph);
      NetworkVariables global = NetworkVariables.create(tf, GLOBAL_SCOPE, spec, hp.network(),
          NetworkVariables.Init.RANDOM, hp.seed());
      Ops init = tf.withInitScope();
      Variable<TInt64> step = tf.withName(GLOBAL_STEP).variable(init.constant(0L));
      AdamSlots adam = AdamSlots.create(tf, global);
      List<WorkerGraph> workers = new ArrayList<>();
      List<Op> localInits = new ArrayList<>();
      for (int w = 0; w < hp.workers(); w++) {
        WorkerGraph wg = buildWorker(tf.withSubScope("worker_" + w), w, spec, hp, global, adam,
            step);
        workers.add(wg);
        localInits.add(wg.sync());
      }
      Op initLocals = tf.withName("sync_all").withControlDependencies(localInits).noOp();
      return new A3CGraph(graph, spec, hp, global, adam, step, workers, initLocals);
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  private static WorkerGraph buildWorker(Ops tf, int index, EnvSpec spec, HyperParameters hp,
      NetworkVariables global, AdamSlots adam, Variable<TInt64> globalStep) {
    int k = hp.envsPerWorker();
    int t = hp.localSteps();
    int units = Architecture.LSTM_UNITS;
    int numActions = spec.numActions();
    NetworkVariables local = NetworkVariables.create(tf, "local", spec, hp.network(),
        NetworkVariables.Init.ZEROS, 0);
    boolean image = spec.isImage();

    // Acting: one step for each of K sequences.
    Ops act = tf.withSubScope("act");
    Placeholder<TFloat32> actX = act.withName("x").placeholder(TFloat32.class,
        Placeholder.shape(observationShape(spec, -1)));
    Placeholder<TFloat32> actC = act.withName("c").placeholder(TFloat32.class,
        Placeholder.shape(Shape.of(-1, units)));
    Placeholder<TFloat32> actH = act.withName("h").placeholder(TFloat32.class,
        Placeholder.shape(Shape.of(-1, units)));
    ActorCritic.LstmState next = ActorCritic.lstmStep(act, local,
        ActorCritic.torso(act, local, actX, image), actC, actH);
    Operand<TFloat32> actLogits = act.withName("logits").identity(
        ActorCritic.logits(act, local, next.h()));
    Operand<TFloat32> actValue = act.withName("value").identity(
        ActorCritic.value(act, local, next.h()));
    Operand<TInt64> sample = act.withName("action").reshape(
        act.random.multinomial(actLogits, act.constant(1), TInt64.class,
            Multinomial.seed(hp.seed()), Multinomial.seed2(1_000L + index)),
        act.constant(new long[] {-1}));
    Operand<TInt64> greedy = act.withName("greedy_action").math.argMax(actLogits,
        act.constant(1), TInt64.class);
    Operand<TFloat32> actNextC = act.withName("c_out").identity(next.c());
    Operand<TFloat32> actNextH = act.withName("h_out").identity(next.h());

    // Training: K sequences of T steps, the LSTM unrolled statically (gradients through a
    // TensorFlow while loop abort the JVM in this TensorFlow version).
    Ops tr = tf.withSubScope("train");
    Placeholder<TFloat32> x = tr.withName("x").placeholder(TFloat32.class,
        Placeholder.shape(observationShape(spec, (long) k * t)));
    Placeholder<TFloat32> c0 = tr.withName("c").placeholder(TFloat32.class,
        Placeholder.shape(Shape.of(k, units)));
    Placeholder<TFloat32> h0 = tr.withName("h").placeholder(TFloat32.class,
        Placeholder.shape(Shape.of(k, units)));
    Placeholder<TFloat32> mask = tr.withName("mask").placeholder(TFloat32.class,
        Placeholder.shape(Shape.of((long) k * t)));
    Placeholder<TFloat32> resets = tr.withName("resets").placeholder(TFloat32.class,
        Placeholder.shape(Shape.of((long) k * t)));
    Placeholder<TInt32> actions = tr.withName("actions").placeholder(TInt32.class,
        Placeholder.shape(Shape.of((long) k * t)));
    Placeholder<TFloat32> advantages = tr.withName("advantages").placeholder(TFloat32.class,
        Placeholder.shape(Shape.of((long) k * t)));
    Placeholder<TFloat32> returns = tr.withName("returns").placeholder(TFloat32.class,
        Placeholder.shape(Shape.of((long) k * t)));

    Operand<TFloat32> features = ActorCritic.torso(tr, local, x, image);
    long f = local.lstm().weights().shape().size(0) - units;
    Operand<TFloat32> sequences = tr.reshape(features, tr.constant(new long[] {k, t, f}));
    List<Operand<TFloat32>> inputs = unstack(tr, sequences, t);
    List<Operand<TFloat32>> masks = unstack(tr,
        tr.reshape(mask, tr.constant(new long[] {k, t, 1})), t);
    List<Operand<TFloat32>> keeps = unstack(tr, tr.reshape(tr.math.sub(tr.constant(1f), resets),
        tr.constant(new long[] {k, t, 1})), t);
    Operand<TFloat32> c = c0;
    Operand<TFloat32> h = h0;
    List<Operand<TFloat32>> outputs = new ArrayList<>();
    Operand<TFloat32> one = tr.constant(1f);
    for (int s = 0; s < t; s++) {
      // A new episode starting inside the rollout starts from a zero state.
      c = tr.math.mul(c, keeps.get(s));
      h = tr.math.mul(h, keeps.get(s));
      ActorCritic.LstmState st = ActorCritic.lstmStep(tr, local, inputs.get(s), c, h);
      outputs.add(st.h());
      // Padding rows keep the state, so the final state is the state after the last real step.
      Operand<TFloat32> m = masks.get(s);
      Operand<TFloat32> keep = tr.math.sub(one, m);
      c = tr.math.add(tr.math.mul(m, st.c()), tr.math.mul(keep, c));
      h = tr.math.add(tr.math.mul(m, st.h()), tr.math.mul(keep, h));
    }
    Operand<TFloat32> lstmOut = tr.reshape(
        tr.stack(outputs, org.tensorflow.op.core.Stack.axis(1L)),
        tr.constant(new long[] {(long) k * t, units}));
    Operand<TFloat32> logits = tr.withName("logits").identity(
        ActorCritic.logits(tr, local, lstmOut));
    Operand<TFloat32> value = tr.withName("value").identity(
        ActorCritic.value(tr, local, lstmOut));

    // Losses summed over the valid rows of the rollout, as in the reference.
    Ops lo = tr.withSubScope("loss");
    Operand<TInt32> axis1 = lo.constant(1);
    Operand<TInt32> axis0 = lo.constant(0);
    Operand<TFloat32> logProbs = lo.nn.logSoftmax(logits);
    Operand<TFloat32> probs = lo.nn.softmax(logits);
    // Cross-entropy from logSoftmax: SparseSoftmaxCrossEntropyWithLogits has no gradient here.
    Operand<TFloat32> crossEntropy = lo.math.neg(lo.sum(lo.math.mul(
        lo.oneHot(actions, lo.constant(numActions), lo.constant(1f), lo.constant(0f)),
        logProbs), axis1));
    Operand<TFloat32> entropyPerStep = lo.math.neg(lo.sum(lo.math.mul(probs, logProbs), axis1));
    Operand<TFloat32> entropy = lo.withName("entropy").sum(lo.math.mul(entropyPerStep, mask),
        axis0);
    Operand<TFloat32> policyLoss = lo.withName("policy_loss").math.sub(
        lo.sum(lo.math.mul(lo.math.mul(advantages, crossEntropy), mask), axis0),
        lo.math.mul(lo.constant((float) hp.entropyRegularization()), entropy));
    Operand<TFloat32> valueLoss = lo.withName("value_loss").math.mul(lo.constant(0.5f),
        lo.sum(lo.math.mul(mask, lo.math.square(lo.math.sub(value, returns))), axis0));
    Operand<TFloat32> loss = lo.withName("loss").math.add(policyLoss,
        lo.math.mul(lo.constant((float) HyperParameters.VALUE_LOSS_WEIGHT), valueLoss));

    // Gradients w.r.t. the local copy, clipped by global norm, applied by Adam to the global one.
    List<Variable<TFloat32>> localVars = local.all();
    var grads = tr.gradients(loss, localVars);
    List<Operand<TFloat32>> gradients = new ArrayList<>();
    for (int i = 0; i < localVars.size(); i++) {
      gradients.add(grads.<TFloat32>dy(i));
    }
    Ops cl = tr.withSubScope("clip");
    Operand<TFloat32> gradNorm = cl.withName("gradient_global_norm").identity(
        ActorCritic.globalNorm(cl, gradients));
    Operand<TFloat32> clip = cl.constant((float) hp.maxGradientNorm());
    Operand<TFloat32> scale = cl.math.div(clip, cl.math.maximum(gradNorm, clip));
    List<Operand<TFloat32>> clipped = gradients.stream()
        .map(g -> (Operand<TFloat32>) cl.math.mul(g, scale))
        .toList();
    Op apply = adam.apply(tr.withSubScope("adam"), global.all(), clipped,
        (float) hp.learningRate());
    Operand<TInt64> steps = tr.dtypes.cast(lo.sum(mask, axis0), TInt64.class);
    Operand<TInt64> stepAfter = tr.withControlDependencies(List.of(apply))
        .withName("global_step_add").assignAdd(globalStep, steps);
    Op train = tr.withName("train").withControlDependencies(List.of(apply, stepAfter)).noOp();
    Operand<TFloat32> varNorm = tr.withName("variable_global_norm").identity(
        ActorCritic.globalNorm(tr, localVars));

    List<Op> assigns = new ArrayList<>();
    List<Variable<TFloat32>> globalVars = global.all();
    for (int i = 0; i < localVars.size(); i++) {
      assigns.add(tf.assign(localVars.get(i), globalVars.get(i)));
    }
    Op sync = tf.withName("sync").withControlDependencies(assigns).noOp();

    return new WorkerGraph(index, k, t, local, actX, actC, actH, sample, greedy, actLogits,
        actValue, actNextC, actNextH, x, c0, h0, mask, resets, actions, advantages, returns, logits,
        value, tr.withName("final_c").identity(c), tr.withName("final_h").identity(h), loss,
        policyLoss, valueLoss, entropy, gradNorm, varNorm, gradients, clipped, stepAfter, train,
        sync, localVars);
  }

  private static List<Operand<TFloat32>> unstack(Ops tf, Operand<TFloat32> value, int n) {
    Unstack<TFloat32> parts = tf.unstack(value, (long) n, Unstack.axis(1L));
    return new ArrayList<>(parts.output());
  }

  /** {@code [rows, H, W, C]} or {@code [rows, n]}; -1 rows for any batch. */
  static Shape observationShape(EnvSpec spec, long rows) {
    int[] s = spec.observationShape();
    long[] dims = new long[s.length + 1];
    dims[0] = rows;
    for (int i = 0; i < s.length; i++) {
      dims[i + 1] = s[i];
    }
    return Shape.of(dims);
  }

  /** Runs every initializer and copies the global weights into each worker's local copy. */
  public void initialize() {
    session.initialize();
    session.run(initializeLocals);
  }

  /** The current global step (environment steps trained on). */
  public long globalStep() {
    try (Result r = session.runner().fetch(globalStep).run()) {
      return ((TInt64) r.get(0)).getLong();
    }
  }

  public WorkerNetwork worker(int index) {
    return new WorkerNetwork(session, spec, workers.get(index));
  }

  public WorkerGraph workerGraph(int index) {
    return workers.get(index);
  }

  public int workers() {
    return workers.size();
  }

  public NetworkVariables global() {
    return global;
  }

  public AdamSlots adam() {
    return adam;
  }

  public Variable<TInt64> globalStepVariable() {
    return globalStep;
  }

  public EnvSpec spec() {
    return spec;
  }

  public HyperParameters hyperParameters() {
    return hp;
  }

  public Graph graph() {
    return graph;
  }

  public Session session() {
    return session;
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
