package io.a3c.graph;

import static io.a3c.graph.TfTestSupport.batch;
import static io.a3c.graph.TfTestSupport.hp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.a3c.config.HyperParameters;
import io.a3c.env.EnvSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * The losses the graph builds, computed again by hand from its logits and values: policy loss
 * (advantage-weighted cross-entropy minus the entropy bonus), value loss (half the squared
 * error), entropy and total loss, summed over the valid rows only; and the gradients they give
 * the logits and value heads' biases, which equal the losses' gradients on the logits and values
 * summed over rows. A flipped sign or a missing 0.5 anywhere fails here; the finite-difference
 * checks in {@link A3CGraphTest} cannot see it, since they differentiate whatever was built.
 */
class LossByHandTest {
  private static final int T = 4;
  private static final int VALID = 3;

  @Test
  void lossesAndHeadGradientsEqualTheFormulas() {
    EnvSpec spec = TfTestSupport.VECTOR;
    HyperParameters hp = hp(1, 1, T);
    double beta = hp.entropyRegularization();
    try (A3CGraph g = A3CGraph.build(spec, hp)) {
      g.initialize();
      WorkerNetwork net = g.worker(0);
      WorkerNetwork.Batch random = batch(new Random(3), spec, T, new int[] {VALID}, 3);
      // Known actions, advantages and returns; the padding row (3) has values that would show
      // if it were counted.
      int[] actions = {0, 2, 1, 2};
      float[] advantages = {1.5f, -0.5f, 2.0f, 90f};
      float[] returns = {1.0f, -2.0f, 0.5f, 70f};
      WorkerNetwork.Batch b = new WorkerNetwork.Batch(random.x(), random.c(), random.h(),
          random.mask(), random.resets(), actions, advantages, returns);
      WorkerGraph wg = net.graph();
      List<Operand<TFloat32>> fetches = new ArrayList<>(List.of(wg.trainLogits(),
          wg.trainValue(), wg.policyLoss(), wg.valueLoss(), wg.entropy(), wg.loss()));
      NetworkVariables local = wg.local();
      int logitsBias = local.all().indexOf(local.logits().bias());
      int valueBias = local.all().indexOf(local.value().bias());
      fetches.add(wg.gradients().get(logitsBias));
      fetches.add(wg.gradients().get(valueBias));
      List<float[]> out = A3CGraphTest.fetchWithBatch(g, net, b, fetches);
      float[] logits = out.get(0);
      float[] values = out.get(1);

      int a = spec.numActions();
      double policy = 0;
      double value = 0;
      double entropy = 0;
      double[] logitGradient = new double[a];
      double valueGradient = 0;
      for (int r = 0; r < VALID; r++) {
        double[] p = softmax(logits, r * a, a);
        double h = 0;
        for (double pj : p) {
          h -= pj * Math.log(pj);
        }
        entropy += h;
        policy += advantages[r] * -Math.log(p[actions[r]]) - beta * h;
        double error = values[r] - returns[r];
        value += 0.5 * error * error;
        // d(cross-entropy)/dz_j = p_j - [j = a]; dH/dz_j = -p_j (log p_j + H).
        for (int j = 0; j < a; j++) {
          double crossEntropy = p[j] - (j == actions[r] ? 1 : 0);
          double dEntropy = -p[j] * (Math.log(p[j]) + h);
          logitGradient[j] += advantages[r] * crossEntropy - beta * dEntropy;
        }
        // total = policy + 0.5 * value, value = 0.5 * sum error^2: d total / d v = 0.5 * error.
        valueGradient += HyperParameters.VALUE_LOSS_WEIGHT * error;
      }
      double total = policy + HyperParameters.VALUE_LOSS_WEIGHT * value;

      assertClose(policy, out.get(2)[0], "policy loss");
      assertClose(value, out.get(3)[0], "value loss");
      assertClose(entropy, out.get(4)[0], "entropy");
      assertClose(total, out.get(5)[0], "total loss");
      for (int j = 0; j < a; j++) {
        assertClose(logitGradient[j], out.get(6)[j], "gradient on logit " + j);
      }
      assertClose(valueGradient, out.get(7)[0], "gradient on the value");

      // The signs that make it learn: a positive advantage pushes the taken action's logit up
      // (a negative gradient of the loss), a value above its return pushes the value down.
      WorkerNetwork.Batch one = new WorkerNetwork.Batch(random.x(), random.c(), random.h(),
          new float[] {1, 0, 0, 0}, random.resets(), new int[] {1, 0, 0, 0},
          new float[] {1, 0, 0, 0}, new float[] {values[0] - 1, 0, 0, 0});
      List<float[]> signs = A3CGraphTest.fetchWithBatch(g, net, one,
          List.of(wg.gradients().get(logitsBias), wg.gradients().get(valueBias)));
      assertTrue(signs.get(0)[1] < 0, "taken action's logit gradient " + signs.get(0)[1]);
      assertTrue(signs.get(0)[0] > 0 && signs.get(0)[2] > 0, "the other logits go down");
      assertTrue(signs.get(1)[0] > 0, "value above its return: gradient " + signs.get(1)[0]);
    }
  }

  private static double[] softmax(float[] logits, int offset, int n) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < n; j++) {
      max = Math.max(max, logits[offset + j]);
    }
    double[] p = new double[n];
    double sum = 0;
    for (int j = 0; j < n; j++) {
      p[j] = Math.exp(logits[offset + j] - max);
      sum += p[j];
    }
    for (int j = 0; j < n; j++) {
      p[j] /= sum;
    }
    return p;
  }

  private static void assertClose(double expected, float actual, String what) {
    assertEquals(expected, actual, 1e-5 + 1e-4 * Math.abs(expected), what);
  }
}
