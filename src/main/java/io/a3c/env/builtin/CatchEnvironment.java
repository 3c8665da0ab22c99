package io.a3c.env.builtin;

import io.a3c.config.Preprocessing;
import io.a3c.env.EnvSpec;
import io.a3c.env.Environment;
import io.a3c.env.RgbFrame;
import io.a3c.env.Step;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Catch, a pure-Java pixel game for tests and demos: a ball falls from a random column of the top
 * row, one cell per step; the agent moves a paddle along the bottom row (LEFT, NOOP, RIGHT) and
 * gets +1 for a catch, -1 for a miss, which ends the episode.
 *
 * <p>The board is a grid of {@value #CELLS} x {@value #CELLS} cells drawn into a square frame (47x47
 * by default), so a random policy scores about -0.6 while a perfect one scores +1: a clear signal
 * that a few minutes of training on two cores must find. The {@code vector} variant observes
 * {@code [ballColumn, ballRow, paddleColumn]} scaled to [0, 1], for the dense torso.
 *
 * <p>Pixel frames are drawn at the frame size and are all playing field: {@code --preprocessing
 * reference} passes them as drawn, {@code cropped-normalized} normalises them (no crop).
 */
public final class CatchEnvironment implements Environment {
  /** Cells per side. Ball falls {@value} - 1 steps per episode. */
  public static final int CELLS = 9;

  static final List<String> ACTIONS = List.of("LEFT", "NOOP", "RIGHT");

  private final EnvSpec spec;
  private final int frameSize;
  private final boolean pixels;
  private final boolean recordFrames;
  private final FramePreprocessor preprocessor;
  private final SplittableRandom random;
  private int ballColumn;
  private int ballRow;
  private int paddleColumn;
  private boolean over = true;

  CatchEnvironment(EnvSpec spec, Preprocessing preprocessing, int frameSize, boolean pixels,
      boolean recordFrames, long seed) {
    if (pixels && frameSize < CELLS) {
      throw new IllegalArgumentException("frame size must be at least " + CELLS);
    }
    this.spec = spec;
    this.frameSize = frameSize;
    this.pixels = pixels;
    this.recordFrames = recordFrames;
    // The whole frame is playing field: nothing to crop, and the reference gets it as drawn.
    this.preprocessor = pixels
        ? new FramePreprocessor(preprocessing, frameSize, frameSize, 0, frameSize, frameSize)
        : null;
    this.random = new SplittableRandom(seed);
  }

  static EnvSpec pixelSpec(String id, int frameSize) {
    return new EnvSpec(id, new int[] {frameSize, frameSize, 1}, ACTIONS);
  }

  static EnvSpec vectorSpec(String id) {
    return new EnvSpec(id, new int[] {3}, ACTIONS);
  }

  @Override
  public EnvSpec spec() {
    return spec;
  }

  @Override
  public float[] reset() {
    ballColumn = random.nextInt(CELLS);
    ballRow = 0;
    paddleColumn = random.nextInt(CELLS);
    over = false;
    return preprocess(observe());
  }

  @Override
  public Step step(int action) {
    if (action < 0 || action >= ACTIONS.size()) {
      throw new IllegalArgumentException(
          "action " + action + " is outside the action space 0.." + (ACTIONS.size() - 1));
    }
    if (over) {
      throw new IllegalStateException("the game is over: call reset() first");
    }
    paddleColumn = Math.max(0, Math.min(CELLS - 1, paddleColumn + action - 1));
    ballRow++;
    double reward = 0;
    if (ballRow == CELLS - 1) {
      reward = ballColumn == paddleColumn ? 1 : -1;
      over = true;
    }
    return new Step(preprocess(observe()), reward, over, over, false);
  }

  private float[] preprocess(float[] observation) {
    return pixels ? preprocessor.apply(observation) : observation;
  }

  private float[] observe() {
    if (!pixels) {
      float scale = CELLS - 1;
      return new float[] {ballColumn / scale, ballRow / scale, paddleColumn / scale};
    }
    float[] frame = new float[frameSize * frameSize];
    fillCell(frame, ballRow, ballColumn);
    fillCell(frame, CELLS - 1, paddleColumn);
    return frame;
  }

  /** Cell (row, column) covers pixels [offset + i * cell, offset + (i + 1) * cell). */
  private void fillCell(float[] frame, int row, int column) {
    int cell = frameSize / CELLS;
    int offset = (frameSize - cell * CELLS) / 2;
    for (int y = offset + row * cell; y < offset + (row + 1) * cell; y++) {
      for (int x = offset + column * cell; x < offset + (column + 1) * cell; x++) {
        frame[y * frameSize + x] = 1f;
      }
    }
  }

  @Override
  public Optional<RgbFrame> frame() {
    if (!recordFrames || !pixels) {
      return Optional.empty();
    }
    float[] gray = observe();
    byte[] rgb = new byte[gray.length * 3];
    for (int i = 0; i < gray.length; i++) {
      // Ball and paddle in distinct colours so a recording reads at a glance.
      boolean paddleRow = i / frameSize >= frameSize - frameSize / CELLS - 1;
      byte v = (byte) Math.round(gray[i] * 255);
      rgb[3 * i] = paddleRow ? 0 : v;
      rgb[3 * i + 1] = v;
      rgb[3 * i + 2] = paddleRow ? v : 0;
    }
    return Optional.of(new RgbFrame(frameSize, frameSize, rgb));
  }

  @Override
  public void close() {}

  /** Seeds for several environments from one run seed, distinct and reproducible. */
  static long derive(long seed, int index) {
    return new Random(seed * 1_000_003L + index).nextLong();
  }
}
