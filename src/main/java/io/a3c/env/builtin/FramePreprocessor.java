package io.a3c.env.builtin;

import io.a3c.config.Preprocessing;

/**
 * Turns a built-in game's drawn frame into the network's input, following {@code --preprocessing}
 * as the Python bridge does for Atari frames.
 *
 * <p>A game draws grayscale frames in [0, 1] at its own resolution and declares which rows hold
 * its playing field; the others are static content such as a score bar or walls.
 * {@link Preprocessing#REFERENCE}: the whole frame, area-resized to the frame size (no copy when
 * it is drawn at that size). {@link Preprocessing#CROPPED_NORMALIZED}: the playing-field rows
 * only, area-resized, then a {@link RunningNormalizer}. Atari frames are resized bilinearly in
 * that mode; for the whole-number ratios built-in games use, the two barely differ. One instance
 * belongs to one environment: the normaliser's state is that environment's.
 */
final class FramePreprocessor {
  private final int width;
  private final int fieldTop;
  private final int size;
  private final boolean identity;
  private final Resize rows;
  private final Resize columns;
  private final RunningNormalizer normalizer;

  /**
   * @param height rows of the drawn frame
   * @param width columns of the drawn frame
   * @param fieldTop first row of the playing field
   * @param fieldBottom the row after the playing field's last
   * @param size side of the square frame the network sees
   */
  FramePreprocessor(Preprocessing kind, int height, int width, int fieldTop, int fieldBottom,
      int size) {
    if (fieldTop < 0 || fieldBottom > height || fieldTop >= fieldBottom) {
      throw new IllegalArgumentException("playing field rows [" + fieldTop + ", " + fieldBottom
          + ") are not inside a frame of " + height + " rows");
    }
    boolean crop = kind == Preprocessing.CROPPED_NORMALIZED;
    int top = crop ? fieldTop : 0;
    int rowsKept = crop ? fieldBottom - fieldTop : height;
    this.width = width;
    this.fieldTop = top;
    this.size = size;
    this.identity = top == 0 && rowsKept == size && width == size;
    this.rows = new Resize(rowsKept, size);
    this.columns = new Resize(width, size);
    this.normalizer = crop ? new RunningNormalizer() : null;
  }

  /** The network's input for one drawn frame (row-major, height x width). */
  float[] apply(float[] drawn) {
    float[] out;
    if (identity) {
      out = normalizer == null ? drawn : drawn.clone();
    } else {
      out = resize(drawn);
    }
    return normalizer == null ? out : normalizer.apply(out);
  }

  /** Area resize: each output pixel averages the input area it covers, partial pixels weighted. */
  private float[] resize(float[] drawn) {
    // Columns first, into size columns for every kept row.
    int rowsKept = rows.in;
    float[] narrow = new float[rowsKept * size];
    for (int y = 0; y < rowsKept; y++) {
      int base = (fieldTop + y) * width;
      for (int ox = 0; ox < size; ox++) {
        double sum = 0;
        for (int k = 0; k < columns.weights[ox].length; k++) {
          sum += columns.weights[ox][k] * drawn[base + columns.first[ox] + k];
        }
        narrow[y * size + ox] = (float) sum;
      }
    }
    float[] out = new float[size * size];
    for (int oy = 0; oy < size; oy++) {
      for (int ox = 0; ox < size; ox++) {
        double sum = 0;
        for (int k = 0; k < rows.weights[oy].length; k++) {
          sum += rows.weights[oy][k] * narrow[(rows.first[oy] + k) * size + ox];
        }
        out[oy * size + ox] = (float) sum;
      }
    }
    return out;
  }

  /** For output pixel o: the input pixels first[o]... and the share of o's span each covers. */
  private static final class Resize {
    final int in;
    final int[] first;
    final double[][] weights;

    Resize(int in, int out) {
      this.in = in;
      first = new int[out];
      weights = new double[out][];
      double scale = (double) in / out;
      for (int o = 0; o < out; o++) {
        double lo = o * scale;
        double hi = (o + 1) * scale;
        int from = (int) Math.floor(lo);
        int to = Math.min(in, (int) Math.ceil(hi));
        first[o] = from;
        weights[o] = new double[to - from];
        for (int i = from; i < to; i++) {
          double overlap = Math.min(hi, i + 1) - Math.max(lo, i);
          weights[o][i - from] = Math.max(0, overlap) / scale;
        }
      }
    }
  }
}
