package io.a3c.graph;

import io.a3c.config.HyperParameters;
import io.a3c.config.Network;
import io.a3c.config.Preprocessing;
import io.a3c.env.EnvSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** Small helpers for graph tests: tiny specs, reading variables, random batches. */
final class TfTestSupport {
  private TfTestSupport() {}

  static final EnvSpec VECTOR = new EnvSpec("vec", new int[] {3}, List.of("A", "B", "C"));
  static final EnvSpec IMAGE = new EnvSpec("img", new int[] {31, 31, 1}, List.of("A", "B"));

  static HyperParameters hp(int workers, int k, int t) {
    return new HyperParameters("test", workers, k, t, 1000, 0, 1e-3, 0.01, 40, 0.99, 1.0, 10,
        30, 47, Preprocessing.REFERENCE, Network.REFERENCE, null, 123);
  }

  static float[] read(Session s, Operand<?> op) {
    try (Result r = s.runner().fetch(op).run()) {
      TFloat32 t = (TFloat32) r.get(0);
      float[] out = new float[(int) t.size()];
      t.copyTo(DataBuffers.of(out, false, false));
      return out;
    }
  }

  static List<float[]> readAll(Session s, List<? extends Operand<?>> ops) {
    List<float[]> out = new ArrayList<>();
    for (Operand<?> op : ops) {
      out.add(read(s, op));
    }
    return out;
  }

  static float[] random(Random rnd, int n, double scale) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) (rnd.nextGaussian() * scale);
    }
    return out;
  }

  /** A batch of K sequences of T rows where sequence k has {@code lengths[k]} valid rows. */
  static WorkerNetwork.Batch batch(Random rnd, EnvSpec spec, int t, int[] lengths, int actions) {
    int k = lengths.length;
    int obs = spec.observationSize();
    float[] x = new float[k * t * obs];
    float[] mask = new float[k * t];
    int[] a = new int[k * t];
    float[] adv = new float[k * t];
    float[] ret = new float[k * t];
    for (int s = 0; s < k; s++) {
      for (int step = 0; step < lengths[s]; step++) {
        int row = s * t + step;
        for (int i = 0; i < obs; i++) {
          x[row * obs + i] = rnd.nextFloat();
        }
        mask[row] = 1;
        a[row] = rnd.nextInt(actions);
        adv[row] = (float) rnd.nextGaussian();
        ret[row] = (float) rnd.nextGaussian();
      }
    }
    int units = Architecture.LSTM_UNITS;
    return new WorkerNetwork.Batch(x, random(rnd, k * units, 0.3), random(rnd, k * units, 0.3),
        mask, new float[k * t], a, adv, ret);
  }
}
