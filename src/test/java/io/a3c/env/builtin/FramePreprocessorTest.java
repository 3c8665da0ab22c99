package io.a3c.env.builtin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.a3c.config.Preprocessing;
import org.junit.jupiter.api.Test;

class FramePreprocessorTest {
  /** 6 rows x 4 columns: a bright bar (rows 0-1), a 4x4 field with values 0..15 / 16. */
  private static float[] drawn() {
    float[] frame = new float[6 * 4];
    java.util.Arrays.fill(frame, 0, 8, 1f);
    for (int i = 0; i < 16; i++) {
      frame[8 + i] = i / 16f;
    }
    return frame;
  }

  @Test
  void referenceGivesAFrameDrawnAtTheFrameSizeAsDrawn() {
    float[] frame = new float[16];
    frame[5] = 0.4f;
    assertSame(frame, new FramePreprocessor(Preprocessing.REFERENCE, 4, 4, 1, 3, 4).apply(frame));
  }

  @Test
  void referenceAreaResizesTheWholeFrame() {
    float[] square = new FramePreprocessor(Preprocessing.REFERENCE, 6, 4, 2, 6, 3).apply(drawn());
    // 6x4 -> 3x3: output rows cover input rows [0, 2), [2, 4), [4, 6); columns [0, 4/3), ....
    assertEquals(9, square.length);
    assertEquals(1f, square[0], 1e-6f);
    assertEquals(1f, square[2], 1e-6f);
    // Rows 2-3, columns 0 and a third of 1: values (0 + 4) / 16 and (1 + 5) / 16.
    float expected = (float) ((0.75 * (0 + 4) + 0.25 * (1 + 5)) / 2 / 16);
    assertEquals(expected, square[3], 1e-6f);
  }

  @Test
  void croppedNormalizedKeepsOnlyThePlayingFieldAndNormalisesIt() {
    float[] out = new FramePreprocessor(Preprocessing.CROPPED_NORMALIZED, 6, 4, 2, 6, 4)
        .apply(drawn());
    // The field 0..15 / 16 alone (no bright bar), normalised by its own mean and std.
    double mean = 7.5 / 16;
    double std = Math.sqrt((16 * 16 - 1) / 12.0) / 16;
    float[] expected = new float[16];
    for (int i = 0; i < 16; i++) {
      expected[i] = (float) ((i / 16.0 - mean) / std);
    }
    assertArrayEquals(expected, out, 1e-5f);
  }

  @Test
  void croppedNormalizedResizesTheFieldToTheFrameSize() {
    float[] out = new FramePreprocessor(Preprocessing.CROPPED_NORMALIZED, 6, 4, 2, 6, 2)
        .apply(drawn());
    // 2x2 averages of the field: 2.5, 4.5, 10.5, 12.5 (/ 16); mean 7.5, std 4.1231 (/ 16).
    double std = Math.sqrt(17);
    assertArrayEquals(new float[] {(float) (-5 / std), (float) (-3 / std), (float) (3 / std),
        (float) (5 / std)}, out, 1e-5f);
  }

  @Test
  void rejectsAFieldOutsideTheFrame() {
    assertThrows(IllegalArgumentException.class,
        () -> new FramePreprocessor(Preprocessing.REFERENCE, 6, 4, 4, 7, 4));
    assertThrows(IllegalArgumentException.class,
        () -> new FramePreprocessor(Preprocessing.REFERENCE, 6, 4, 3, 3, 4));
  }
}
