package io.a3c.env.gym;

import io.a3c.env.RgbFrame;

/**
 * The reference's preprocessing written out independently in Java, in double precision: the
 * mean of R, G and B, then an area resize (each output pixel is the average of the input area it
 * covers, partial pixels weighted by the fraction covered), divided by 255.
 */
final class AreaResize {
  private AreaResize() {}

  static float[] grayscale(RgbFrame frame, int size) {
    int h = frame.height();
    int w = frame.width();
    byte[] rgb = frame.rgb();
    double[][] rows = coverage(h, size);
    double[][] cols = coverage(w, size);
    float[] out = new float[size * size];
    for (int oy = 0; oy < size; oy++) {
      for (int ox = 0; ox < size; ox++) {
        double sum = 0;
        for (int y = 0; y < h; y++) {
          if (rows[oy][y] == 0) {
            continue;
          }
          for (int x = 0; x < w; x++) {
            if (cols[ox][x] == 0) {
              continue;
            }
            int i = 3 * (y * w + x);
            double gray = ((rgb[i] & 0xff) + (rgb[i + 1] & 0xff) + (rgb[i + 2] & 0xff)) / 3.0;
            sum += rows[oy][y] * cols[ox][x] * gray;
          }
        }
        out[oy * size + ox] = (float) (sum / 255.0);
      }
    }
    return out;
  }

  /** weights[o][i]: the share of output pixel o's span [o*s, (o+1)*s) that input pixel i covers. */
  private static double[][] coverage(int in, int out) {
    double scale = (double) in / out;
    double[][] weights = new double[out][in];
    for (int o = 0; o < out; o++) {
      double lo = o * scale;
      double hi = (o + 1) * scale;
      for (int i = 0; i < in; i++) {
        double overlap = Math.min(hi, i + 1) - Math.max(lo, i);
        if (overlap > 0) {
          weights[o][i] = overlap / scale;
        }
      }
    }
    return weights;
  }
}
