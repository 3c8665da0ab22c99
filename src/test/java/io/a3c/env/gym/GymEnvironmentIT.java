package io.a3c.env.gym;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.a3c.config.InvalidInputException;
import io.a3c.config.Preprocessing;
import io.a3c.env.EnvOptions;
import io.a3c.env.EnvSpec;
import io.a3c.env.Environment;
import io.a3c.env.EnvironmentFactory;
import io.a3c.env.EnvironmentInterruptedException;
import io.a3c.env.Environments;
import io.a3c.env.RgbFrame;
import io.a3c.env.Step;
import io.a3c.env.VectorEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bridge with real Gymnasium and ALE, through the project's Python environment (system
 * property {@code a3c.python}, set by the build after {@code python-export/setup.sh}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GymEnvironmentIT {
  private static final String PONG = "PongDeterministic-v4";
  private static final String BREAKOUT = "BreakoutDeterministic-v4";

  @TempDir
  Path logs;

  /** The reference's preprocessing, which most checks here pin down exactly. */
  private EnvOptions options() {
    return new EnvOptions(47, Preprocessing.REFERENCE, null, true, null, logs, false);
  }

  @Test
  void theDefaultPreprocessingCropsAndNormalisesSoTheBallStandsOut() {
    EnvOptions defaults = EnvOptions.defaults().withLogDir(logs);
    assertEquals(Preprocessing.CROPPED_NORMALIZED, defaults.preprocessing());
    try (GymEnvironmentFactory factory = GymEnvironmentFactory.open(PONG, defaults);
        Environment env = factory.create(0, 1)) {
      assertArrayEquals(new int[] {42, 42, 1}, factory.spec().observationShape());
      float[] obs = env.reset();
      double meanOfMeans = 0;
      double meanOfStds = 0;
      float brightest = Float.NEGATIVE_INFINITY;
      int steps = 300;
      Random random = new Random(5);
      for (int i = 0; i < steps; i++) {
        obs = env.step(random.nextInt(3)).observation();
        assertEquals(42 * 42, obs.length);
        double mean = 0;
        for (float v : obs) {
          mean += v;
          brightest = Math.max(brightest, v);
        }
        mean /= obs.length;
        double var = 0;
        for (float v : obs) {
          var += (v - mean) * (v - mean);
        }
        meanOfMeans += mean / steps;
        meanOfStds += Math.sqrt(var / obs.length) / steps;
      }
      // Normalised by its running mean and std, a frame is about zero-mean with unit spread,
      // and the few pixels of ball and paddles stand far out (a [0, 1] frame never exceeds 1).
      assertEquals(0, meanOfMeans, 0.1);
      assertEquals(1, meanOfStds, 0.3);
      assertTrue(brightest > 5, "brightest pixel " + brightest);
    }
  }

  @Test
  void unknownPreprocessingIsBadInput() {
    EnvOptions reference = options();
    assertEquals(Preprocessing.REFERENCE, reference.preprocessing());
    assertEquals(Preprocessing.REFERENCE, Preprocessing.parse("reference"));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> Preprocessing.parse("crop"));
    assertTrue(e.getMessage().contains("cropped-normalized, reference"), e.getMessage());
  }

  @Test
  void pongHasTheReferenceShapeAndActions() {
    try (GymEnvironmentFactory factory = GymEnvironmentFactory.open(PONG, options());
        Environment env = factory.create(0, 1)) {
      assertEquals(new EnvSpec(PONG, new int[] {47, 47, 1}, List.of("NOOP", "RIGHT", "LEFT")),
          factory.spec());
      assertEquals("1.3.0", factory.versions().get("gymnasium"));
      assertEquals("0.12.1", factory.versions().get("ale_py"));
      assertInUnitRange(env.reset());
      for (int i = 0; i < 50; i++) {
        Step step = env.step(i % 3);
        assertEquals(47 * 47, step.observation().length);
        assertInUnitRange(step.observation());
        assertFalse(step.gameOver());
      }
    }
  }

  @Test
  void breakoutUsesFireRightLeft() {
    try (GymEnvironmentFactory factory = GymEnvironmentFactory.open(BREAKOUT, options())) {
      assertEquals(List.of("FIRE", "RIGHT", "LEFT"), factory.spec().actions());
      assertArrayEquals(new int[] {47, 47, 1}, factory.spec().observationShape());
    }
  }

  @Test
  void actionSpaceOptionOverridesAndIsValidated() {
    EnvOptions all = new EnvOptions(47, Preprocessing.REFERENCE, List.of(0, 1, 2, 3, 4, 5), true,
        null, logs, false);
    try (GymEnvironmentFactory factory = GymEnvironmentFactory.open(PONG, all)) {
      assertEquals(List.of("NOOP", "FIRE", "RIGHT", "LEFT", "RIGHTFIRE", "LEFTFIRE"),
          factory.spec().actions());
    }
    EnvOptions bad = new EnvOptions(47, Preprocessing.REFERENCE, List.of(0, 9), true, null, logs,
        false);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> GymEnvironmentFactory.open(PONG, bad));
    assertTrue(e.getMessage().contains("action 9")
        && e.getMessage().contains("0 NOOP, 1 FIRE, 2 RIGHT, 3 LEFT, 4 RIGHTFIRE, 5 LEFTFIRE"),
        e.getMessage());
  }

  @Test
  void framesEqualAnIndependentPreprocessingOfTheRawFrame() {
    for (String id : List.of(PONG, BREAKOUT)) {
      EnvOptions recording = options().withRecordFrames(true);
      try (GymEnvironmentFactory factory = GymEnvironmentFactory.open(id, recording);
          Environment env = factory.create(0, 3)) {
        Random random = new Random(3);
        float[] obs = env.reset();
        for (int i = 0; i < 60; i++) {
          RgbFrame frame = env.frame().orElseThrow();
          assertEquals(160, frame.width());
          assertEquals(210, frame.height());
          float[] expected = AreaResize.grayscale(frame, 47);
          for (int p = 0; p < expected.length; p++) {
            if (Math.abs(expected[p] - obs[p]) > 1e-5) {
              fail(id + " step " + i + " pixel " + p + ": " + obs[p] + " instead of "
                  + expected[p]);
            }
          }
          obs = env.step(random.nextInt(3)).observation();
        }
      }
    }
  }

  @Test
  void frameSizeOptionResizes() {
    EnvOptions options = new EnvOptions(84, Preprocessing.REFERENCE, null, true, null, logs, true);
    try (GymEnvironmentFactory factory = GymEnvironmentFactory.open(PONG, options);
        Environment env = factory.create(0, 1)) {
      assertArrayEquals(new int[] {84, 84, 1}, factory.spec().observationShape());
      float[] obs = env.reset();
      float[] expected = AreaResize.grayscale(env.frame().orElseThrow(), 84);
      for (int p = 0; p < expected.length; p++) {
        assertEquals(expected[p], obs[p], 1e-5);
      }
    }
  }

  @Test
  void rewardsAreRawNotClipped() {
    // Space Invaders pays 5 to 30 points per alien; random firing hits one within a few hundred
    // steps.
    try (GymEnvironmentFactory factory = GymEnvironmentFactory.open(
        "SpaceInvadersDeterministic-v4", options());
        Environment env = factory.create(0, 5)) {
      Random random = new Random(5);
      env.reset();
      double largest = 0;
      for (int i = 0; i < 3000 && largest <= 1; i++) {
        Step step = env.step(random.nextInt(factory.spec().numActions()));
        largest = Math.max(largest, step.reward());
        if (step.gameOver()) {
          env.reset();
        }
      }
      assertTrue(largest >= 5, "largest reward " + largest);
    }
  }

  @Test
  void trainingEndsTheLearningEpisodeOnALostLifeWhileTheGameGoesOn() {
    try (GymEnvironmentFactory factory = GymEnvironmentFactory.open(BREAKOUT, options());
        Environment env = factory.create(0, 11)) {
      Random random = new Random(11);
      env.reset();
      int lifeLosses = 0;
      for (int i = 0; i < 20_000; i++) {
        Step step = env.step(random.nextInt(3));
        if (step.gameOver()) {
          assertTrue(step.terminal(), "game over is terminal");
          assertEquals(4, lifeLosses, "the first four lives end learning episodes only");
          return;
        }
        if (step.terminal()) {
          lifeLosses++;  // and the game goes on: the next step needs no reset
        }
      }
      fail("no game over in 20,000 random steps");
    }
  }

  @Test
  void evaluationPlaysWholeGames() {
    EnvOptions evaluation = options().withTraining(false);
    try (GymEnvironmentFactory factory = GymEnvironmentFactory.open(BREAKOUT, evaluation);
        Environment env = factory.create(0, 11)) {
      Random random = new Random(11);
      env.reset();
      for (int i = 0; i < 20_000; i++) {
        Step step = env.step(random.nextInt(3));
        assertEquals(step.gameOver(), step.terminal(), "terminal only at game over");
        if (step.gameOver()) {
          return;
        }
      }
      fail("no game over in 20,000 random steps");
    }
  }

  @Test
  void cartPoleIsAVectorEnvironment() {
    try (EnvironmentFactory factory = Environments.open("CartPole-v1", options());
        Environment env = factory.create(0, 2)) {
      assertArrayEquals(new int[] {4}, factory.spec().observationShape());
      assertEquals(2, factory.spec().numActions());
      assertFalse(factory.spec().isImage());
      float[] obs = env.reset();
      assertEquals(4, obs.length);
      for (int i = 0; i < 600; i++) {
        Step step = env.step(0);  // always left: the pole falls within a few dozen steps
        assertEquals(1.0, step.reward());
        if (step.gameOver()) {
          assertTrue(step.terminal());
          return;
        }
      }
      fail("CartPole did not end");
    }
  }

  @Test
  void cartPoleRecordsRenderedFrames() {
    try (EnvironmentFactory factory = Environments.open("CartPole-v1",
        options().withRecordFrames(true));
        Environment env = factory.create(0, 2)) {
      env.reset();
      RgbFrame frame = env.step(1).observation() != null ? env.frame().orElseThrow() : null;
      assertEquals(600, frame.width());
      assertEquals(400, frame.height());
    }
  }

  @Test
  void seedsMakeGamesReproducible() {
    // Pong-v0 skips a random 2 to 4 frames per step and repeats actions at random: only the
    // seed makes two runs agree.
    try (GymEnvironmentFactory factory = GymEnvironmentFactory.open("Pong-v0", options());
        Environment a = factory.create(0, 99);
        Environment b = factory.create(1, 99);
        Environment c = factory.create(2, 100)) {
      a.reset();
      b.reset();
      c.reset();
      boolean differs = false;
      for (int i = 0; i < 200; i++) {
        float[] x = a.step(i % 3).observation();
        assertArrayEquals(x, b.step(i % 3).observation(), "same seed, step " + i);
        differs |= !Arrays.equals(x, c.step(i % 3).observation());
      }
      assertTrue(differs, "another seed plays differently");
    }
  }

  @Test
  void unknownIdNamesCloseMatches() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> Environments.open("PongDeterministc-v4", options()));
    assertTrue(e.getMessage().startsWith("unknown environment 'PongDeterministc-v4'"),
        e.getMessage());
    assertTrue(e.getMessage().contains("did you mean: PongDeterministic-v4"), e.getMessage());
  }

  @Test
  void continuousActionsAreRejectedClearly() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> Environments.open("Pendulum-v1", options()));
    assertTrue(e.getMessage().contains("discrete"), e.getMessage());
  }

  @Test
  void actionOutOfRangeIsRejected() {
    try (GymEnvironmentFactory factory = GymEnvironmentFactory.open(PONG, options());
        Environment env = factory.create(0, 1)) {
      env.reset();
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> env.step(3));
      assertTrue(e.getMessage().contains("[NOOP, RIGHT, LEFT]"), e.getMessage());
    }
  }

  @Test
  void killedChildInterruptsTheEpisodeAndResetStartsAFreshOne() throws Exception {
    try (GymEnvironmentFactory factory = GymEnvironmentFactory.open(PONG, options());
        GymEnvironment env = factory.create(0, 1)) {
      env.reset();
      for (int i = 0; i < 20; i++) {
        env.step(i % 3);
      }
      long pid = env.pid().orElseThrow();
      ProcessHandle child = ProcessHandle.of(pid).orElseThrow();
      child.destroyForcibly();
      child.onExit().get(5, TimeUnit.SECONDS);
      EnvironmentInterruptedException e = assertThrows(EnvironmentInterruptedException.class,
          () -> env.step(0));
      assertTrue(e.getMessage().contains("ended during step"), e.getMessage());
      assertInUnitRange(env.reset());
      assertNotEquals(pid, env.pid().orElseThrow());
      assertFalse(env.step(1).gameOver());
    }
  }

  @Test
  void pipelinedStepsMatchPlainOnesAndAKilledGameCostsOnlyItself() throws Exception {
    try (GymEnvironmentFactory factory = GymEnvironmentFactory.open(PONG,
        EnvOptions.defaults().withLogDir(logs))) {
      List<Environment> three = List.of(factory.create(1, 7), factory.create(2, 7),
          factory.create(3, 7));
      try (Environment plain = factory.create(0, 7);
          VectorEnvironment v = new VectorEnvironment(three)) {
        float[] first = plain.reset();
        for (int s = 0; s < 3; s++) {
          assertArrayEquals(first, v.reset(s), "same seed, same first frame");
        }
        Random random = new Random(3);
        for (int i = 0; i < 150; i++) {
          int action = random.nextInt(3);
          Step expected = plain.step(action);
          for (int s = 0; s < 3; s++) {
            v.send(s, action);
          }
          for (int s = 0; s < 3; s++) {
            Step got = v.receive(s);
            assertArrayEquals(expected.observation(), got.observation(), "step " + i);
            assertEquals(expected.reward(), got.reward());
            assertEquals(expected.terminal(), got.terminal());
          }
        }
        ProcessHandle child = ProcessHandle.of(((GymEnvironment) three.get(1)).pid()
            .orElseThrow()).orElseThrow();
        child.destroyForcibly();
        child.onExit().get(10, TimeUnit.SECONDS);
        Step expected = plain.step(1);
        for (int s = 0; s < 3; s++) {
          v.send(s, 1);
        }
        assertArrayEquals(expected.observation(), v.receive(0).observation());
        assertThrows(EnvironmentInterruptedException.class, () -> v.receive(1));
        assertArrayEquals(expected.observation(), v.receive(2).observation(),
            "the games beside the killed one go on");
        float[] restarted = v.reset(1);
        assertEquals(first.length, restarted.length, "a fresh child plays again");
        v.send(1, 0);
        assertEquals(first.length, v.receive(1).observation().length);
      }
    }
  }

  @Test
  void catalogListsWorkingIdsOnly() {
    List<String> ids = GymCatalog.ids(options());
    for (String id : List.of(PONG, BREAKOUT, "SpaceInvadersDeterministic-v4", "ALE/Pong-v5",
        "Pong-v0", "PongNoFrameskip-v4", "CartPole-v1", "Acrobot-v1")) {
      assertTrue(ids.contains(id), id);
    }
    for (String id : List.of("Pendulum-v1", "Ant-v5", "GymV26Environment-v0")) {
      assertFalse(ids.contains(id), id);
    }
  }

  @Test
  void interpreterWithoutGymnasiumNamesTheSetupStep() throws Exception {
    Path python = Path.of("/usr/bin/python3");
    assumeTrue(Files.isExecutable(python));
    Process check = new ProcessBuilder(python.toString(), "-c", "import gymnasium")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assumeTrue(check.waitFor() != 0,
        "this python3 has Gymnasium");
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> Environments.open(PONG, options().withPython(python)));
    assertTrue(e.getMessage().contains("No module named 'gymnasium'"), e.getMessage());
    assertTrue(e.getMessage().contains(PythonLocator.SETUP_STEP), e.getMessage());
  }

  private static void assertInUnitRange(float[] obs) {
    float min = Float.MAX_VALUE;
    float max = -Float.MAX_VALUE;
    for (float v : obs) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    assertTrue(min >= 0 && max <= 1 && max > min, "values in [" + min + ", " + max + "]");
  }
}
