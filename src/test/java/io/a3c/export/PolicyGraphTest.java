package io.a3c.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.a3c.checkpoint.CheckpointStore;
import io.a3c.checkpoint.Checkpointer;
import io.a3c.config.HyperParameters;
import io.a3c.config.Network;
import io.a3c.env.EnvSpec;
import io.a3c.graph.A3CGraph;
import io.a3c.graph.Architecture;
import io.a3c.graph.WorkerNetwork;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported policy computes what the training graph's acting step computes: B rows through
 * the while loop equal B single steps carrying the LSTM state.
 */
class PolicyGraphTest {
  private static final int UNITS = Architecture.LSTM_UNITS;

  @TempDir
  Path dir;

  @Test
  void loopOverRowsEqualsSteppingTheTrainingGraph() {
    check(new EnvSpec("img", new int[] {31, 31, 1}, List.of("A", "B", "C")));
  }

  @Test
  void vectorObservationsUseTheDenseTorso() {
    check(new EnvSpec("vec", new int[] {4}, List.of("L", "R")));
  }

  private void check(EnvSpec spec) {
    for (Network network : Network.values()) {
      check(spec, network);
    }
  }

  private void check(EnvSpec spec, Network network) {
    Random random = new Random(3);
    HyperParameters hp = HyperParameters.defaults(spec.id(), 1, 11).withNetwork(network);
    try (A3CGraph training = A3CGraph.build(spec, hp)) {
      Checkpointer checkpointer = Checkpointer.create(training, new CheckpointStore(dir));
      training.initialize();
      Checkpointer.Checkpoint saved = checkpointer.save(0, 0);
      WorkerNetwork worker = training.worker(0);
      try (PolicyGraph policy = PolicyGraph.build(spec, network)) {
        policy.session().restore(saved.variablesPrefix().toString());
        for (int rows : new int[] {1, 6}) {
          int size = spec.observationSize();
          float[] x = new float[rows * size];
          for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat();
          }
          float[] c = gaussian(random);
          float[] h = gaussian(random);
          PolicyGraph.Outputs all = policy.run(x, rows, c, h);

          float[] stepC = c;
          float[] stepH = h;
          for (int r = 0; r < rows; r++) {
            WorkerNetwork.Act act = worker.act(Arrays.copyOfRange(x, r * size, (r + 1) * size),
                stepC, stepH, true);
            int a = spec.numActions();
            assertArrayEquals(act.logits(), Arrays.copyOfRange(all.logits(), r * a, (r + 1) * a),
                1e-5f, "logits of row " + r);
            assertEquals(act.values()[0], all.value()[r], 1e-5f, "value of row " + r);
            double sum = 0;
            for (int i = r * a; i < (r + 1) * a; i++) {
              sum += all.probabilities()[i];
            }
            assertEquals(1.0, sum, 1e-5);
            stepC = act.c();
            stepH = act.h();
          }
          assertArrayEquals(stepC, all.c(), 1e-5f, "final c");
          assertArrayEquals(stepH, all.h(), 1e-5f, "final h");
        }
      }
    }
  }

  private static float[] gaussian(Random random) {
    float[] v = new float[UNITS];
    for (int i = 0; i < UNITS; i++) {
      v[i] = (float) (random.nextGaussian() * 0.5);
    }
    return v;
  }
}
