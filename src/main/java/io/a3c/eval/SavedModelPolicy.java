package io.a3c.eval;

import io.a3c.config.InvalidInputException;
import io.a3c.graph.Architecture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** A policy loaded from an exported SavedModel ({@code serving_default}: x, c, h -> logits...). */
public final class SavedModelPolicy implements Policy {
  private static final int UNITS = Architecture.LSTM_UNITS;

  private final SavedModelBundle bundle;
  private final SessionFunction function;
  private final long[] observationShape;
  private final boolean greedy;
  private final Random random;
  private float[] c = new float[UNITS];
  private float[] h = new float[UNITS];

  /**
   * @param observationShape shape of one observation, e.g. {@code [47, 47, 1]}
   */
  public SavedModelPolicy(Path dir, int[] observationShape, boolean greedy, long seed) {
    if (!Files.isRegularFile(dir.resolve("saved_model.pb"))) {
      throw new InvalidInputException("not a SavedModel directory (no saved_model.pb): " + dir);
    }
    this.bundle = SavedModelBundle.load(dir.toString(), SavedModelBundle.DEFAULT_TAG);
    this.function = bundle.function("serving_default");
    this.observationShape = new long[observationShape.length + 1];
    this.observationShape[0] = 1;
    for (int i = 0; i < observationShape.length; i++) {
      this.observationShape[i + 1] = observationShape[i];
    }
    this.greedy = greedy;
    this.random = new Random(seed);
  }

  @Override
  public void reset() {
    c = new float[UNITS];
    h = new float[UNITS];
  }

  @Override
  public int act(float[] observation) {
    try (TFloat32 x = TFloat32.tensorOf(Shape.of(observationShape),
            DataBuffers.of(observation, true, false));
        TFloat32 tc = TFloat32.tensorOf(Shape.of(1, UNITS), DataBuffers.of(c, true, false));
        TFloat32 th = TFloat32.tensorOf(Shape.of(1, UNITS), DataBuffers.of(h, true, false));
        Result r = function.call(Map.<String, Tensor>of("x", x, "c", tc, "h", th))) {
      float[] logits = read(r.get("logits").orElseThrow());
      c = read(r.get("c_out").orElseThrow());
      h = read(r.get("h_out").orElseThrow());
      return greedy ? Logits.argmax(logits) : Logits.sample(logits, random);
    }
  }

  private static float[] read(Tensor t) {
    float[] out = new float[(int) t.size()];
    ((TFloat32) t).copyTo(DataBuffers.of(out, false, false));
    return out;
  }

  @Override
  public void close() {
    bundle.close();
  }
}
