package io.a3c.env.builtin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.a3c.config.Preprocessing;
import io.a3c.env.EnvOptions;
import io.a3c.env.Environment;
import io.a3c.env.EnvironmentFactory;
import io.a3c.env.Step;
import org.junit.jupiter.api.Test;

class CatchEnvironmentTest {
  /** Frames as drawn: the reference's preprocessing at its 47x47. */
  private final EnvironmentFactory factory = BuiltinEnvironments.factory("catch",
      new EnvOptions(47, Preprocessing.REFERENCE, null, true, null, null, false));

  @Test
  void framesAre47By47GrayscaleWithBallAndPaddle() {
    Environment env = factory.create(0, 1);
    assertArrayEquals(new int[] {47, 47, 1}, env.spec().observationShape());
    float[] obs = env.reset();
    assertEquals(47 * 47, obs.length);
    int lit = 0;
    for (float v : obs) {
      assertTrue(v == 0f || v == 1f);
      lit += v == 1f ? 1 : 0;
    }
    // A 5x5 ball and a 5x5 paddle (they cannot overlap at the start).
    assertEquals(2 * 25, lit);
  }

  @Test
  void croppedNormalizedNormalisesTheWholeFrame() {
    // Catch is all playing field: nothing is cropped; the first frame is normalised by its own
    // mean and std, so it has mean 0 and std 1.
    Environment env = BuiltinEnvironments.factory("catch", EnvOptions.defaults()).create(0, 1);
    float[] obs = env.reset();
    assertEquals(42 * 42, obs.length);
    double sum = 0;
    double squares = 0;
    for (float v : obs) {
      sum += v;
      squares += v * v;
    }
    assertEquals(0, sum / obs.length, 1e-5);
    assertEquals(1, squares / obs.length, 1e-4);
  }

  @Test
  void anEpisodeEndsAfterTheBallFallsWithPlusOrMinusOne() {
    Environment env = factory.create(0, 7);
    env.reset();
    int steps = 0;
    Step s;
    do {
      s = env.step(1);
      steps++;
      if (!s.terminal()) {
        assertEquals(0, s.reward());
      }
    } while (!s.terminal());
    assertEquals(CatchEnvironment.CELLS - 1, steps);
    assertTrue(s.gameOver());
    assertFalse(s.truncated());
    assertTrue(s.reward() == 1 || s.reward() == -1);
  }

  @Test
  void followingTheBallAlwaysCatchesIt() {
    Environment env = BuiltinEnvironments.factory("catch-vector", EnvOptions.defaults())
        .create(0, 3);
    for (int game = 0; game < 50; game++) {
      float[] obs = env.reset();
      Step s;
      do {
        int action = Integer.compare(Math.round(obs[0] * 8), Math.round(obs[2] * 8)) + 1;
        s = env.step(action);
        obs = s.observation();
      } while (!s.terminal());
      assertEquals(1.0, s.reward());
    }
  }

  @Test
  void sameSeedSameGames() {
    Environment a = factory.create(0, 42);
    Environment b = factory.create(0, 42);
    for (int i = 0; i < 10; i++) {
      assertArrayEquals(a.reset(), b.reset());
    }
  }

  @Test
  void rejectsActionsOutsideTheSpace() {
    Environment env = factory.create(0, 1);
    env.reset();
    assertThrows(IllegalArgumentException.class, () -> env.step(3));
    assertThrows(IllegalArgumentException.class, () -> env.step(-1));
  }
}
