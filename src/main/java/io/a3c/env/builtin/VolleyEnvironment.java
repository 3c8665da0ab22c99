package io.a3c.env.builtin;

import io.a3c.config.Preprocessing;
import io.a3c.env.EnvSpec;
import io.a3c.env.Environment;
import io.a3c.env.RgbFrame;
import io.a3c.env.Step;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Volley, a pure-Java pixel game that is hard in the ways Pong is hard: a few-pixel ball barely
 * brighter than the background, large bright static content, and a reward that arrives long after
 * the action that decided it.
 *
 * <p>The frame is {@value #WIDTH} wide and {@value #HEIGHT} tall, in [0, 1]: a score bar with two
 * bright digits and a bright wall above the playing field, a bright wall below it. The field is
 * {@value #FIELD} x {@value #FIELD} pixels of background {@value #BACKGROUND}. A {@value #BALL} x
 * {@value #BALL} ball of brightness {@value #BALL_BRIGHTNESS} is served from the left edge at a
 * random height and slope, moves {@value #BALL_SPEED_X} pixels right per step and bounces off the
 * walls. The agent moves a {@value #PADDLE_HEIGHT}-pixel paddle (brightness {@value #PADDLE_BRIGHTNESS})
 * up and down the right side, {@value #PADDLE_SPEED} pixels per step. A returned ball flies back
 * to the left edge and scores +1 when it arrives; a missed one leaves the field and the point is
 * lost (-1) after the same number of steps, as Pong pauses before the next serve. Either way the
 * reward comes {@value #RETURN_STEPS} steps after the ball reached the paddle, and the paddle must
 * start moving long before that. One point is one episode of 38 steps; a random policy scores
 * about -0.53.
 *
 * <p>Rows {@value #FIELD_TOP} to {@value #FIELD_BOTTOM} (exclusive) are the playing field, so
 * {@code --preprocessing cropped-normalized} cuts away the score bar and walls and normalises
 * what is left, while {@code reference} area-resizes the whole frame, walls and score included.
 */
public final class VolleyEnvironment implements Environment {
  static final int FIELD = 84;
  static final int SCORE_ROWS = 14;
  static final int WALL = 4;
  static final int WIDTH = FIELD;
  static final int FIELD_TOP = SCORE_ROWS + WALL;
  static final int FIELD_BOTTOM = FIELD_TOP + FIELD;
  static final int HEIGHT = FIELD_BOTTOM + WALL;

  static final float BACKGROUND = 0.30f;
  static final float WALL_BRIGHTNESS = 0.93f;
  static final float BALL_BRIGHTNESS = 0.42f;
  static final float PADDLE_BRIGHTNESS = 0.45f;

  static final int BALL = 4;
  static final int BALL_SPEED_X = 4;
  static final int MAX_BALL_SPEED_Y = 2;
  static final int PADDLE_HEIGHT = 16;
  static final int PADDLE_WIDTH = 2;
  static final int PADDLE_SPEED = 4;
  /** Left column of the paddle; the ball meets it when its right edge gets there. */
  static final int PADDLE_X = FIELD - 6;
  /** Steps from the ball reaching the paddle to the reward. */
  static final int RETURN_STEPS = (PADDLE_X - BALL + BALL_SPEED_X - 1) / BALL_SPEED_X;

  static final List<String> ACTIONS = List.of("UP", "NOOP", "DOWN");

  private final EnvSpec spec;
  private final FramePreprocessor preprocessor;
  private final boolean recordFrames;
  private final SplittableRandom random;
  private int ballX;
  private int ballY;
  private int ballSpeedX;
  private int ballSpeedY;
  private int paddleY;
  /** Steps until the point is scored once the ball has reached the paddle; -1 before. */
  private int countdown;
  private boolean returned;
  private boolean over = true;

  VolleyEnvironment(EnvSpec spec, Preprocessing preprocessing, int frameSize,
      boolean recordFrames, long seed) {
    this.spec = spec;
    this.preprocessor = new FramePreprocessor(preprocessing, HEIGHT, WIDTH, FIELD_TOP,
        FIELD_BOTTOM, frameSize);
    this.recordFrames = recordFrames;
    this.random = new SplittableRandom(seed);
  }

  static EnvSpec spec(String id, int frameSize) {
    return new EnvSpec(id, new int[] {frameSize, frameSize, 1}, ACTIONS);
  }

  @Override
  public EnvSpec spec() {
    return spec;
  }

  @Override
  public float[] reset() {
    ballX = 0;
    ballY = random.nextInt(FIELD - BALL + 1);
    ballSpeedX = BALL_SPEED_X;
    ballSpeedY = random.nextInt(1, MAX_BALL_SPEED_Y + 1) * (random.nextBoolean() ? 1 : -1);
    paddleY = random.nextInt(FIELD - PADDLE_HEIGHT + 1);
    countdown = -1;
    returned = false;
    over = false;
    return preprocessor.apply(draw());
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
    paddleY = Math.max(0, Math.min(FIELD - PADDLE_HEIGHT, paddleY + (action - 1) * PADDLE_SPEED));
    moveBall();
    double reward = 0;
    if (countdown < 0 && ballSpeedX > 0 && ballX + BALL >= PADDLE_X) {
      returned = ballY + BALL > paddleY && ballY < paddleY + PADDLE_HEIGHT;
      if (returned) {
        ballX = PADDLE_X - BALL;
        ballSpeedX = -BALL_SPEED_X;
      }
      countdown = RETURN_STEPS;
    } else if (countdown > 0 && --countdown == 0) {
      reward = returned ? 1 : -1;
      over = true;
    }
    return new Step(preprocessor.apply(draw()), reward, over, over, false);
  }

  private void moveBall() {
    ballX += ballSpeedX;
    ballY += ballSpeedY;
    if (ballY < 0) {
      ballY = -ballY;
      ballSpeedY = -ballSpeedY;
    } else if (ballY > FIELD - BALL) {
      ballY = 2 * (FIELD - BALL) - ballY;
      ballSpeedY = -ballSpeedY;
    }
    ballX = Math.max(0, ballX);
  }

  /** The full frame as drawn, row-major, {@value #HEIGHT} x {@value #WIDTH}. */
  float[] draw() {
    float[] frame = new float[HEIGHT * WIDTH];
    Arrays.fill(frame, BACKGROUND);
    // Score bar: two digits "0" as Pong shows them, bright, at the top.
    int digitTop = SCORE_ROWS / 6;
    int digitHeight = Math.max(1, SCORE_ROWS - 2 * digitTop);
    for (int left : new int[] {WIDTH / 4, 3 * WIDTH / 4 - 8}) {
      fill(frame, digitTop, left, digitHeight, 8, WALL_BRIGHTNESS);
      fill(frame, digitTop + 2, left + 2, Math.max(0, digitHeight - 4), 4, BACKGROUND);
    }
    fill(frame, SCORE_ROWS, 0, WALL, WIDTH, WALL_BRIGHTNESS);
    fill(frame, FIELD_BOTTOM, 0, WALL, WIDTH, WALL_BRIGHTNESS);
    fill(frame, FIELD_TOP + paddleY, PADDLE_X, PADDLE_HEIGHT, PADDLE_WIDTH, PADDLE_BRIGHTNESS);
    if (ballX < WIDTH) {
      fill(frame, FIELD_TOP + ballY, ballX, BALL, Math.min(BALL, WIDTH - ballX),
          BALL_BRIGHTNESS);
    }
    return frame;
  }

  private static void fill(float[] frame, int top, int left, int height, int width, float v) {
    for (int y = top; y < top + height; y++) {
      Arrays.fill(frame, y * WIDTH + left, y * WIDTH + left + width, v);
    }
  }

  @Override
  public Optional<RgbFrame> frame() {
    if (!recordFrames) {
      return Optional.empty();
    }
    float[] gray = draw();
    byte[] rgb = new byte[gray.length * 3];
    for (int i = 0; i < gray.length; i++) {
      byte v = (byte) Math.round(gray[i] * 255);
      rgb[3 * i] = v;
      rgb[3 * i + 1] = v;
      rgb[3 * i + 2] = v;
    }
    return Optional.of(new RgbFrame(WIDTH, HEIGHT, rgb));
  }

  /** Top row of the ball within the playing field, for tests. */
  int ballY() {
    return ballY;
  }

  /** Top row of the paddle within the playing field, for tests. */
  int paddleY() {
    return paddleY;
  }

  @Override
  public void close() {}
}
