package io.a3c.graph;

import static io.a3c.graph.TfTestSupport.batch;
import static io.a3c.graph.TfTestSupport.hp;
import static io.a3c.graph.TfTestSupport.read;
import static io.a3c.graph.TfTestSupport.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.a3c.config.HyperParameters;
import io.a3c.config.Network;
import io.a3c.config.Preprocessing;
import io.a3c.env.EnvSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

class A3CGraphTest {
  private static final int UNITS = Architecture.LSTM_UNITS;

  @Test
  void networkHasTheSpecifiedShapes() {
    EnvSpec atari = new EnvSpec("atari", new int[] {47, 47, 1}, List.of("N", "R", "L"));
    try (A3CGraph g = A3CGraph.build(atari, hp(1, 1, 20))) {
      NetworkVariables net = g.global();
      List<String> shapes = net.all().stream().map(v -> v.shape().toString()).toList();
      assertEquals(List.of("[3, 3, 1, 32]", "[32]", "[3, 3, 32, 32]", "[32]", "[3, 3, 32, 32]",
          "[32]", "[3, 3, 32, 32]", "[32]", "[384, 1024]", "[1024]", "[256, 3]", "[3]",
          "[256, 1]", "[1]"), shapes);
      assertEquals(2, Architecture.convOutputSide(Network.REFERENCE, 47));
      assertEquals(3, Architecture.convOutputSide(Network.ELU_SAME, 42));
      assertEquals("global/conv1/weights", net.all().get(0).op().name());
    }
  }

  @Test
  void eluSameNetworkHas288FeaturesAndHeadsOfTheirColumnNorms() {
    EnvSpec atari = new EnvSpec("atari", new int[] {42, 42, 1}, List.of("N", "R", "L"));
    try (A3CGraph g = A3CGraph.build(atari, hp(1, 1, 20).withNetwork(Network.ELU_SAME))) {
      g.initialize();
      NetworkVariables net = g.global();
      assertEquals("[544, 1024]", net.lstm().weights().shape().toString(), "288 + 256 inputs");
      float[] logits = read(g.session(), net.logits().weights());
      float[] value = read(g.session(), net.value().weights());
      for (int column = 0; column < 3; column++) {
        assertEquals(NetworkVariables.LOGITS_COLUMN_NORM, columnNorm(logits, 3, column), 1e-6);
      }
      assertEquals(NetworkVariables.VALUE_COLUMN_NORM, columnNorm(value, 1, 0), 1e-5);
      // Not a constant: the columns are random directions.
      assertTrue(Math.abs(logits[0] - logits[3]) > 1e-6);
    }
  }

  private static double columnNorm(float[] rowMajor, int columns, int column) {
    double sum = 0;
    for (int i = column; i < rowMajor.length; i += columns) {
      sum += (double) rowMajor[i] * rowMajor[i];
    }
    return Math.sqrt(sum);
  }

  @Test
  void unrolledLstmEqualsSingleStepsAlsoForShortRollouts() {
    for (Network network : Network.values()) {
      for (EnvSpec spec : List.of(TfTestSupport.VECTOR, TfTestSupport.IMAGE)) {
        unrolledLstmEqualsSingleSteps(spec, network);
      }
    }
  }

  private void unrolledLstmEqualsSingleSteps(EnvSpec spec, Network network) {
    int t = 5;
    try (A3CGraph g = A3CGraph.build(spec, hp(1, 2, t).withNetwork(network))) {
      g.initialize();
      WorkerNetwork net = g.worker(0);
      int[] lengths = {5, 3};
      WorkerNetwork.Batch b = batch(new Random(1), spec, t, lengths, spec.numActions());
      // An episode starts at row 2 of sequence 0: the state entering it is zero.
      b.resets()[2] = 1;
      WorkerNetwork.Forward unrolled = net.forward(b);
      int obs = spec.observationSize();
      int a = spec.numActions();
      for (int s = 0; s < 2; s++) {
        float[] c = Arrays.copyOfRange(b.c(), s * UNITS, (s + 1) * UNITS);
        float[] h = Arrays.copyOfRange(b.h(), s * UNITS, (s + 1) * UNITS);
        for (int step = 0; step < lengths[s]; step++) {
          int row = s * t + step;
          if (b.resets()[row] == 1) {
            c = new float[UNITS];
            h = new float[UNITS];
          }
          WorkerNetwork.Act one = net.act(
              Arrays.copyOfRange(b.x(), row * obs, (row + 1) * obs), c, h, false);
          assertArrayEquals(Arrays.copyOfRange(unrolled.logits(), row * a, (row + 1) * a),
              one.logits(), 1e-5f, spec.id() + " logits row " + row);
          assertEquals(unrolled.values()[row], one.values()[0], 1e-5, "value row " + row);
          c = one.c();
          h = one.h();
        }
        assertArrayEquals(Arrays.copyOfRange(unrolled.c(), s * UNITS, (s + 1) * UNITS), c,
            1e-5f, spec.id() + " final c of sequence " + s);
        assertArrayEquals(Arrays.copyOfRange(unrolled.h(), s * UNITS, (s + 1) * UNITS), h,
            1e-5f, spec.id() + " final h of sequence " + s);
      }
    }
  }

  @Test
  void gradientsAgreeWithFiniteDifferences() {
    for (Network network : Network.values()) {
      for (EnvSpec spec : List.of(TfTestSupport.VECTOR, TfTestSupport.IMAGE)) {
        gradientsAgreeWithFiniteDifferences(spec, network);
      }
    }
  }

  private void gradientsAgreeWithFiniteDifferences(EnvSpec spec, Network network) {
    try (A3CGraph g = A3CGraph.build(spec, hp(1, 1, 4).withNetwork(network))) {
      g.initialize();
      WorkerNetwork net = g.worker(0);
      WorkerNetwork.Batch b = batch(new Random(2), spec, 4, new int[] {3}, spec.numActions());
      float[][] lossAndGrads = net.lossAndGradients(b);
      List<Variable<TFloat32>> vars = net.graph().localVariables();
      Setter setter = new Setter(g, vars);
      for (int i = 0; i < vars.size(); i++) {
        float[] theta = read(g.session(), vars.get(i));
        float[] grad = lossAndGrads[i + 1];
        // Along the gradient itself the directional derivative is |g|, as large as it gets,
        // so float32 rounding of the loss stays far below it; a wrong gradient shows as a
        // smaller (or negative) slope.
        double norm = 0;
        for (float v : grad) {
          norm += (double) v * v;
        }
        norm = Math.sqrt(norm);
        String what = network + " " + spec.id() + " " + vars.get(i).op().name();
        assertTrue(norm > 1e-4, what + " has a gradient");
        float[] d = new float[grad.length];
        for (int j = 0; j < d.length; j++) {
          d[j] = (float) (grad[j] / norm);
        }
        double eps = 3e-3;
        setter.set(i, theta, d, eps);
        double plus = net.lossAndGradients(b)[0][0];
        setter.set(i, theta, d, -eps);
        double minus = net.lossAndGradients(b)[0][0];
        setter.set(i, theta, d, 0);
        double numeric = (plus - minus) / (2 * eps);
        assertEquals(norm, numeric, 1e-4 + 0.05 * norm,
            what + ": |g| " + norm + ", finite difference " + numeric);
      }
    }
  }

  /** Assigns theta + eps * d to a local variable, through ops added for the test. */
  private static final class Setter {
    private final Session session;
    private final List<Placeholder<TFloat32>> feeds = new ArrayList<>();
    private final List<Op> assigns = new ArrayList<>();
    private final List<Variable<TFloat32>> vars;

    Setter(A3CGraph g, List<Variable<TFloat32>> vars) {
      this.session = g.session();
      this.vars = vars;
      Ops tf = Ops.create(g.graph()).withSubScope("test_setter");
      for (Variable<TFloat32> v : vars) {
        Placeholder<TFloat32> p = tf.placeholder(TFloat32.class, Placeholder.shape(v.shape()));
        feeds.add(p);
        assigns.add(tf.assign(v, p));
      }
    }

    void set(int i, float[] theta, float[] d, double eps) {
      float[] value = new float[theta.length];
      for (int j = 0; j < theta.length; j++) {
        value[j] = (float) (theta[j] + eps * d[j]);
      }
      Shape shape = vars.get(i).shape();
      try (TFloat32 t = WorkerNetwork.floats(value, shape)) {
        session.runner().feed(feeds.get(i), t).addTarget(assigns.get(i)).run().close();
      }
    }
  }

  @Test
  void gradientsAreClippedByGlobalNorm() {
    HyperParameters small = new HyperParameters("test", 1, 1, 4, 1000, 0, 1e-3, 0.01, 0.05,
        0.99, 1.0, 10, 30, 47, Preprocessing.REFERENCE, Network.REFERENCE, null, 5);
    EnvSpec spec = TfTestSupport.VECTOR;
    try (A3CGraph g = A3CGraph.build(spec, small)) {
      g.initialize();
      WorkerNetwork net = g.worker(0);
      WorkerGraph wg = net.graph();
      WorkerNetwork.Batch b = batch(new Random(4), spec, 4, new int[] {4}, 3);
      List<float[]> raw = fetchWithBatch(g, net, b, wg.gradients());
      List<float[]> clipped = fetchWithBatch(g, net, b, wg.clippedGradients());
      double sumSq = 0;
      for (float[] gr : raw) {
        for (float v : gr) {
          sumSq += (double) v * v;
        }
      }
      double norm = Math.sqrt(sumSq);
      assertTrue(norm > 0.05, "the test needs clipping to be active, norm " + norm);
      float reported = fetchWithBatch(g, net, b, List.of(wg.gradientNorm())).get(0)[0];
      assertEquals(norm, reported, norm * 1e-5);
      double scale = 0.05 / Math.max(norm, 0.05);
      double clippedSq = 0;
      for (int i = 0; i < raw.size(); i++) {
        for (int j = 0; j < raw.get(i).length; j++) {
          assertEquals(raw.get(i)[j] * scale, clipped.get(i)[j], 1e-7 + 1e-5 * Math.abs(
              raw.get(i)[j] * scale));
          clippedSq += (double) clipped.get(i)[j] * clipped.get(i)[j];
        }
      }
      assertEquals(0.05, Math.sqrt(clippedSq), 1e-6);
    }
  }

  @Test
  void oneTrainStepIsAdamOnTheGlobalVariablesOnly() {
    EnvSpec spec = TfTestSupport.VECTOR;
    HyperParameters hp = hp(2, 1, 4);
    try (A3CGraph g = A3CGraph.build(spec, hp)) {
      g.initialize();
      Session s = g.session();
      WorkerNetwork w0 = g.worker(0);
      List<float[]> global0 = readAll(s, g.global().all());
      List<float[]> local0 = readAll(s, w0.graph().localVariables());
      List<float[]> other0 = readAll(s, g.workerGraph(1).localVariables());
      for (int i = 0; i < global0.size(); i++) {
        assertArrayEquals(global0.get(i), local0.get(i), "initialize syncs the local copies");
      }
      WorkerNetwork.Batch b = batch(new Random(5), spec, 4, new int[] {3}, 3);

      // First step: fetch the clipped gradients of the very run that applies them.
      List<float[]> grads = trainFetching(g, w0, b);
      List<float[]> global1 = readAll(s, g.global().all());
      double lr = hp.learningRate();
      double b1 = HyperParameters.ADAM_BETA1;
      double b2 = HyperParameters.ADAM_BETA2;
      double eps = HyperParameters.ADAM_EPSILON;
      double lrT = lr * Math.sqrt(1 - b2) / (1 - b1);
      List<double[]> m = new ArrayList<>();
      List<double[]> v = new ArrayList<>();
      boolean changed = false;
      for (int i = 0; i < global0.size(); i++) {
        double[] mi = new double[grads.get(i).length];
        double[] vi = new double[grads.get(i).length];
        for (int j = 0; j < mi.length; j++) {
          double gr = grads.get(i)[j];
          mi[j] = (1 - b1) * gr;
          vi[j] = (1 - b2) * gr * gr;
          double expected = global0.get(i)[j] - lrT * mi[j] / (Math.sqrt(vi[j]) + eps);
          assertEquals(expected, global1.get(i)[j], 1e-6, "Adam step, variable " + i);
          changed |= global1.get(i)[j] != global0.get(i)[j];
        }
        m.add(mi);
        v.add(vi);
      }
      assertTrue(changed, "the global weights moved");
      assertEquals((float) (b1 * b1), read(s, g.adam().beta1Power())[0], 1e-7);
      assertEquals((float) (b2 * b2), read(s, g.adam().beta2Power())[0], 1e-7);
      assertEquals(3, g.globalStep(), "global step counts the valid rows");

      // Only the global variables changed: both workers' local copies are untouched.
      List<float[]> local1 = readAll(s, w0.graph().localVariables());
      List<float[]> other1 = readAll(s, g.workerGraph(1).localVariables());
      for (int i = 0; i < local0.size(); i++) {
        assertArrayEquals(local0.get(i), local1.get(i), "train leaves the local copy alone");
        assertArrayEquals(other0.get(i), other1.get(i), "train leaves other workers alone");
      }

      // Second step from the same (stale) local copy: Adam's moments carry over.
      List<float[]> grads2 = trainFetching(g, w0, b);
      List<float[]> global2 = readAll(s, g.global().all());
      double lrT2 = lr * Math.sqrt(1 - b2 * b2) / (1 - b1 * b1);
      for (int i = 0; i < global0.size(); i++) {
        for (int j = 0; j < grads2.get(i).length; j++) {
          double gr = grads2.get(i)[j];
          double mj = b1 * m.get(i)[j] + (1 - b1) * gr;
          double vj = b2 * v.get(i)[j] + (1 - b2) * gr * gr;
          double expected = global1.get(i)[j] - lrT2 * mj / (Math.sqrt(vj) + eps);
          assertEquals(expected, global2.get(i)[j], 1e-6, "second Adam step, variable " + i);
        }
      }

      // Sync copies global to local and leaves global untouched.
      w0.sync();
      List<float[]> local2 = readAll(s, w0.graph().localVariables());
      List<float[]> global3 = readAll(s, g.global().all());
      for (int i = 0; i < global2.size(); i++) {
        assertArrayEquals(global2.get(i), local2.get(i), "sync copies global to local");
        assertArrayEquals(global2.get(i), global3.get(i), "sync leaves global alone");
      }
    }
  }

  /** Runs the train target and fetches the clipped gradients it applied. */
  private static List<float[]> trainFetching(A3CGraph g, WorkerNetwork net,
      WorkerNetwork.Batch b) {
    List<Operand<TFloat32>> fetches = net.graph().clippedGradients();
    return fetchWithBatch(g, net, b, fetches, true);
  }

  static List<float[]> fetchWithBatch(A3CGraph g, WorkerNetwork net,
      WorkerNetwork.Batch b, List<Operand<TFloat32>> fetches) {
    return fetchWithBatch(g, net, b, fetches, false);
  }

  static List<float[]> fetchWithBatch(A3CGraph g, WorkerNetwork net,
      WorkerNetwork.Batch b, List<Operand<TFloat32>> fetches, boolean train) {
    WorkerGraph wg = net.graph();
    EnvSpec spec = g.spec();
    int n = b.mask().length;
    try (TFloat32 x = WorkerNetwork.floats(b.x(), A3CGraph.observationShape(spec, n));
        TFloat32 c = WorkerNetwork.floats(b.c(), Shape.of(wg.sequences(), UNITS));
        TFloat32 h = WorkerNetwork.floats(b.h(), Shape.of(wg.sequences(), UNITS));
        TFloat32 mask = WorkerNetwork.floats(b.mask(), Shape.of(n));
        TFloat32 resets = WorkerNetwork.floats(b.resets(), Shape.of(n));
        var actions = org.tensorflow.types.TInt32.tensorOf(Shape.of(n),
            org.tensorflow.ndarray.buffer.DataBuffers.of(b.actions(), true, false));
        TFloat32 adv = WorkerNetwork.floats(b.advantages(), Shape.of(n));
        TFloat32 ret = WorkerNetwork.floats(b.returns(), Shape.of(n))) {
      var runner = g.session().runner().feed(wg.trainX(), x).feed(wg.trainC(), c)
          .feed(wg.trainH(), h).feed(wg.trainMask(), mask).feed(wg.trainResets(), resets)
          .feed(wg.trainActions(), actions)
          .feed(wg.trainAdvantages(), adv).feed(wg.trainReturns(), ret);
      fetches.forEach(runner::fetch);
      if (train) {
        runner.addTarget(wg.train());
      }
      try (Result r = runner.run()) {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < fetches.size(); i++) {
          out.add(WorkerNetwork.copy(r.get(i), (int) r.get(i).size()));
        }
        return out;
      }
    }
  }

  @Test
  void actingSamplesValidActionsAndGreedyTakesTheArgmax() {
    EnvSpec spec = TfTestSupport.VECTOR;
    try (A3CGraph g = A3CGraph.build(spec, hp(1, 3, 5))) {
      g.initialize();
      WorkerNetwork net = g.worker(0);
      Random rnd = new Random(9);
      float[] x = TfTestSupport.random(rnd, 3 * 3, 1);
      float[] c = new float[3 * UNITS];
      float[] h = new float[3 * UNITS];
      WorkerNetwork.Act greedy = net.act(x, c, h, true);
      for (int row = 0; row < 3; row++) {
        int best = 0;
        for (int a = 1; a < 3; a++) {
          if (greedy.logits()[row * 3 + a] > greedy.logits()[row * 3 + best]) {
            best = a;
          }
        }
        assertEquals(best, greedy.actions()[row]);
      }
      for (int i = 0; i < 50; i++) {
        for (int a : net.act(x, c, h, false).actions()) {
          assertTrue(a >= 0 && a < 3);
        }
      }
      assertEquals(0L, g.globalStep(), "acting does not count steps");
    }
  }
}
