package io.a3c.report;

import java.awt.image.IndexColorModel;
import java.util.Arrays;

/** The exact colours of a frame that has at most 256, and each pixel's index among them. */
record Palette(int[] colors, int colorCount, int[] indices) {
  static final int MAX_COLORS = 256;
  /** Open-addressing table, four times the colours so probes stay short. */
  private static final int SLOTS = 4 * MAX_COLORS;
  /** Keeps the top bits of a multiplicative (Fibonacci) hash: one of {@link #SLOTS} slots. */
  private static final int SHIFT = Integer.numberOfLeadingZeros(SLOTS - 1);
  private static final int EMPTY = -1;

  /** The palette of {@code rgbPixels} (0xRRGGBB), or null when they have more than 256 colours. */
  static Palette of(int[] rgbPixels) {
    int[] slotColor = new int[SLOTS];
    int[] slotIndex = new int[SLOTS];
    Arrays.fill(slotColor, EMPTY);
    int[] colors = new int[MAX_COLORS];
    int count = 0;
    int[] indices = new int[rgbPixels.length];
    for (int i = 0; i < rgbPixels.length; i++) {
      int color = rgbPixels[i];
      int slot = color * 0x9E3779B1 >>> SHIFT;
      while (slotColor[slot] != EMPTY && slotColor[slot] != color) {
        slot = (slot + 1) & (SLOTS - 1);
      }
      if (slotColor[slot] == EMPTY) {
        if (count == MAX_COLORS) {
          return null;
        }
        slotColor[slot] = color;
        slotIndex[slot] = count;
        colors[count++] = color;
      }
      indices[i] = slotIndex[slot];
    }
    return new Palette(colors, count, indices);
  }

  /** An 8-bit colour model of exactly these colours. */
  IndexColorModel colorModel() {
    // GIF colour tables hold at least two entries.
    int size = Math.max(2, colorCount);
    byte[] r = new byte[size];
    byte[] g = new byte[size];
    byte[] b = new byte[size];
    for (int i = 0; i < colorCount; i++) {
      r[i] = (byte) (colors[i] >> 16);
      g[i] = (byte) (colors[i] >> 8);
      b[i] = (byte) colors[i];
    }
    return new IndexColorModel(8, size, r, g, b);
  }
}
