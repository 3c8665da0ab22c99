package io.a3c.env.builtin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.a3c.config.Preprocessing;
import io.a3c.env.EnvOptions;
import io.a3c.env.Step;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VolleyEnvironmentTest {
  /** Steps from the serve until the ball reaches the paddle. */
  private static final int APPROACH =
      (VolleyEnvironment.PADDLE_X - VolleyEnvironment.BALL + VolleyEnvironment.BALL_SPEED_X - 1)
          / VolleyEnvironment.BALL_SPEED_X;

  private static VolleyEnvironment make(Preprocessing preprocessing, long seed) {
    EnvOptions options = new EnvOptions(preprocessing.defaultFrameSize(), preprocessing, null,
        true, null, null, false);
    return (VolleyEnvironment) BuiltinEnvironments.factory("volley", options).create(0, seed);
  }

  @Test
  void theDrawnFrameHasBrightStaticContentAndADimFewPixelBall() {
    VolleyEnvironment env = make(Preprocessing.REFERENCE, 1);
    env.reset();
    float[] frame = env.draw();
    assertEquals(VolleyEnvironment.HEIGHT * VolleyEnvironment.WIDTH, frame.length);
    int bright = 0;
    int ball = 0;
    for (int i = 0; i < frame.length; i++) {
      boolean field = i / VolleyEnvironment.WIDTH >= VolleyEnvironment.FIELD_TOP
          && i / VolleyEnvironment.WIDTH < VolleyEnvironment.FIELD_BOTTOM;
      if (frame[i] == VolleyEnvironment.WALL_BRIGHTNESS) {
        assertTrue(!field, "walls and score lie outside the playing field");
        bright++;
      }
      ball += frame[i] == VolleyEnvironment.BALL_BRIGHTNESS ? 1 : 0;
    }
    assertTrue(bright > 2 * VolleyEnvironment.WALL * VolleyEnvironment.WIDTH, "walls + score");
    assertEquals(VolleyEnvironment.BALL * VolleyEnvironment.BALL, ball);
  }

  @Test
  void theBallStandsOutAfterCropAndNormalisationButBarelyInTheReferenceFrame() {
    float[] reference = make(Preprocessing.REFERENCE, 3).reset();
    float[] normalized = make(Preprocessing.CROPPED_NORMALIZED, 3).reset();
    assertEquals(47 * 47, reference.length);
    assertEquals(42 * 42, normalized.length);
    float maxInField = 0;
    for (int i = 47 * 8; i < 47 * 44; i++) { // rows inside the field, away from the walls
      maxInField = Math.max(maxInField, reference[i]);
    }
    assertTrue(maxInField - VolleyEnvironment.BACKGROUND < 0.16f,
        "ball and paddle differ from the background by " + (maxInField - 0.3f));
    float max = Float.NEGATIVE_INFINITY;
    for (float v : normalized) {
      max = Math.max(max, v);
    }
    assertTrue(max > 5, "normalised, what moves stands at " + max + " standard deviations");
  }

  @Test
  void everyPointIsScoredReturnStepsAfterTheBallReachesThePaddle() {
    VolleyEnvironment env = make(Preprocessing.CROPPED_NORMALIZED, 7);
    Random random = new Random(7);
    for (int game = 0; game < 50; game++) {
      env.reset();
      int steps = 0;
      Step s;
      do {
        s = env.step(random.nextInt(3));
        steps++;
        if (!s.terminal()) {
          assertEquals(0, s.reward());
        }
      } while (!s.terminal());
      assertEquals(APPROACH + VolleyEnvironment.RETURN_STEPS, steps);
      assertTrue(s.reward() == 1 || s.reward() == -1);
      assertTrue(s.gameOver());
    }
    assertTrue(VolleyEnvironment.RETURN_STEPS >= 15, "the reward comes long after the action");
  }

  @Test
  void movingEarlyToWhereTheBallWillArriveWinsEveryPoint() {
    for (long seed = 0; seed < 30; seed++) {
      // The ball's path does not depend on the paddle: learn its arrival row from a twin game.
      VolleyEnvironment twin = make(Preprocessing.REFERENCE, seed);
      twin.reset();
      for (int i = 0; i < APPROACH; i++) {
        twin.step(1);
      }
      int target = twin.ballY() + VolleyEnvironment.BALL / 2 - VolleyEnvironment.PADDLE_HEIGHT / 2;
      VolleyEnvironment env = make(Preprocessing.REFERENCE, seed);
      env.reset();
      Step s;
      do {
        int gap = target - env.paddleY();
        s = env.step(Math.abs(gap) < VolleyEnvironment.PADDLE_SPEED ? 1 : gap < 0 ? 0 : 2);
      } while (!s.terminal());
      assertEquals(1.0, s.reward(), "seed " + seed);
    }
  }

  @Test
  void aRandomPolicyLosesMostPoints() {
    VolleyEnvironment env = make(Preprocessing.REFERENCE, 11);
    Random random = new Random(11);
    double total = 0;
    int games = 2000;
    for (int game = 0; game < games; game++) {
      env.reset();
      Step s;
      do {
        s = env.step(random.nextInt(3));
      } while (!s.terminal());
      total += s.reward();
    }
    double mean = total / games;
    assertTrue(mean > -0.7 && mean < -0.35, "random policy: " + mean);
  }

  @Test
  void sameSeedSameGames() {
    VolleyEnvironment a = make(Preprocessing.CROPPED_NORMALIZED, 42);
    VolleyEnvironment b = make(Preprocessing.CROPPED_NORMALIZED, 42);
    for (int i = 0; i < 5; i++) {
      assertArrayEquals(a.reset(), b.reset());
      assertArrayEquals(a.step(i % 3).observation(), b.step(i % 3).observation());
    }
  }

  @Test
  void rejectsActionsOutsideTheSpaceAndStepsAfterTheEnd() {
    VolleyEnvironment env = make(Preprocessing.REFERENCE, 1);
    assertThrows(IllegalStateException.class, () -> env.step(1));
    env.reset();
    assertThrows(IllegalArgumentException.class, () -> env.step(3));
  }
}
