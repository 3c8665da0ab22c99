package io.a3c.env.gym;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.a3c.config.InvalidInputException;
import io.a3c.env.EnvSpec;
import io.a3c.env.EnvironmentInterruptedException;
import io.a3c.env.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The bridge's protocol and fault handling against a fake server (no Gymnasium needed). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GymProtocolTest {
  @TempDir
  Path logs;

  @Test
  void handshakeGivesSpecAndVersions() {
    try (GymEnvironmentFactory factory = FakeServer.open(logs, "normal")) {
      EnvSpec spec = factory.spec();
      assertEquals("Fake-v0", spec.id());
      assertArrayEquals(new int[] {4}, spec.observationShape());
      assertEquals(List.of("LEFT", "RIGHT"), spec.actions());
      assertEquals("fake", factory.versions().get("gymnasium"));
    }
  }

  @Test
  void resetAndStepCarryObservationRewardAndFlags() {
    try (GymEnvironmentFactory factory = FakeServer.open(logs, "normal");
        GymEnvironment env = factory.create(0, 42)) {
      float[] first = env.reset();
      assertArrayEquals(new float[] {0, -1, 0.5f, 42}, first, "first reset is seeded");
      for (int i = 1; i <= 5; i++) {
        Step step = env.step(1);
        assertArrayEquals(new float[] {i, 1, 0.5f, 1}, step.observation());
        assertEquals(1.0, step.reward());
        assertEquals(i == 5, step.terminal());
        assertEquals(i == 5, step.gameOver());
        assertFalse(step.truncated());
      }
      assertThrows(IllegalStateException.class, () -> env.step(0), "game over: reset first");
      assertEquals(-1, env.reset()[3], "only the first reset of a child is seeded");
    }
  }

  @Test
  void environmentsWithOtherIndicesStartTheirOwnChild() {
    try (GymEnvironmentFactory factory = FakeServer.open(logs, "normal");
        GymEnvironment a = factory.create(0, 1);
        GymEnvironment b = factory.create(1, 2)) {
      assertEquals(1, a.reset()[3]);
      assertEquals(2, b.reset()[3]);
      assertNotEquals(a.pid().orElseThrow(), b.pid().orElseThrow());
      assertTrue(Files.exists(logs.resolve("env-1.log")), "stderr goes to a log file");
    }
  }

  @Test
  void actionOutsideTheSpaceIsRejected() {
    try (GymEnvironmentFactory factory = FakeServer.open(logs, "normal");
        GymEnvironment env = factory.create(0, 1)) {
      env.reset();
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> env.step(2));
      assertTrue(e.getMessage().contains("action 2 is outside the action space"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> env.step(-1));
      env.step(0);  // still usable
    }
  }

  @Test
  void stepBeforeResetIsAnError() {
    try (GymEnvironmentFactory factory = FakeServer.open(logs, "normal");
        GymEnvironment env = factory.create(1, 1)) {
      assertThrows(IllegalStateException.class, () -> env.step(0));
    }
  }

  @Test
  void errorFrameCarriesThePythonException() {
    try (GymEnvironmentFactory factory = FakeServer.open(logs, "error", "2");
        GymEnvironment env = factory.create(0, 1)) {
      env.reset();
      env.step(0);
      EnvironmentInterruptedException e = assertThrows(EnvironmentInterruptedException.class,
          () -> env.step(0));
      assertTrue(e.getMessage().contains("ValueError: boom in step 2"), e.getMessage());
      assertFalse(e.getMessage().contains("\n"), "one line; the traceback goes to the log");
      assertRestarts(env);
    }
  }

  @Test
  void garbageOnStdoutKillsAndRestartsTheChild() {
    try (GymEnvironmentFactory factory = FakeServer.open(logs, "garbage", "3");
        GymEnvironment env = factory.create(0, 1)) {
      env.reset();
      env.step(0);
      env.step(0);
      long pid = env.pid().orElseThrow();
      EnvironmentInterruptedException e = assertThrows(EnvironmentInterruptedException.class,
          () -> env.step(0));
      assertTrue(e.getMessage().contains("garbage on the protocol channel (it starts with "
          + "5761726e \"Warn\")"), e.getMessage());
      assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
          "the child was killed");
      assertRestarts(env);
    }
  }

  @Test
  void oversizeFrameKillsAndRestartsTheChild() {
    try (GymEnvironmentFactory factory = FakeServer.open(logs, "oversize", "2");
        GymEnvironment env = factory.create(0, 1)) {
      env.reset();
      env.step(0);
      long start = System.nanoTime();
      EnvironmentInterruptedException e = assertThrows(EnvironmentInterruptedException.class,
          () -> env.step(0));
      assertTrue(e.getMessage().contains("a frame of 2,147,483,647 bytes in reply to step"),
          e.getMessage());
      assertTrue(System.nanoTime() - start < 3_000_000_000L, "rejected without reading 2 GB");
      assertRestarts(env);
    }
  }

  @Test
  void hangIsReportedAsATimeout() {
    ServerLauncher launcher = FakeServer.launcher(logs, Duration.ofSeconds(20),
        Duration.ofSeconds(1), "hang", "2");
    try (GymEnvironmentFactory factory = GymEnvironmentFactory.open("Fake-v0",
        FakeServer.options(logs), launcher);
        GymEnvironment env = factory.create(0, 1)) {
      env.reset();
      env.step(0);
      long start = System.nanoTime();
      EnvironmentInterruptedException e = assertThrows(EnvironmentInterruptedException.class,
          () -> env.step(0));
      double seconds = (System.nanoTime() - start) / 1e9;
      assertTrue(e.getMessage().contains("timed out")
          && e.getMessage().contains("within 1.0 s"), e.getMessage());
      assertTrue(seconds >= 0.9 && seconds < 5, "took " + seconds + " s");
      assertRestarts(env);
    }
  }

  @Test
  void slowStartIsReportedAsATimeout() {
    ServerLauncher launcher = FakeServer.launcher(logs, Duration.ofSeconds(1),
        Duration.ofSeconds(1), "slowstart");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> GymEnvironmentFactory.open("Fake-v0", FakeServer.options(logs), launcher));
    assertTrue(e.getMessage().contains("timed out: no answer to start-up within 1.0 s"), e.getMessage());
  }

  @Test
  void crashIsAnInterruptionAndResetStartsAFreshChild() {
    try (GymEnvironmentFactory factory = FakeServer.open(logs, "crash", "3");
        GymEnvironment env = factory.create(0, 7)) {
      env.reset();
      env.step(0);
      env.step(1);
      EnvironmentInterruptedException e = assertThrows(EnvironmentInterruptedException.class,
          () -> env.step(0));
      assertTrue(e.getMessage().contains("exit code 7"), e.getMessage());
      assertTrue(e.getMessage().contains("crashing on purpose"), "names the last log line: "
          + e.getMessage());
      assertThrows(IllegalStateException.class, () -> env.step(0), "reset() first");
      float[] obs = env.reset();
      assertNotEquals(7, obs[3], "a restarted child is seeded differently");
      // The fresh child counts its own steps: it crashes again only at its third step.
      env.step(0);
      env.step(0);
    }
  }

  @Test
  void closingStdinEndsTheChild() throws Exception {
    ServerLauncher launcher = FakeServer.launcher(logs, "normal");
    ServerProcess server = launcher.spawn("eof.log", "eof test");
    launcher.greet(server);
    Process process = server.process();
    server.close();
    assertTrue(process.waitFor(5, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), "exited by itself on end-of-file, not killed");
  }

  @Test
  void unknownIdNamesCloseMatches() {
    ServerLauncher launcher = FakeServer.launcher(logs, "normal");
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> GymEnvironmentFactory.open("FakeGame-v0", FakeServer.options(logs), launcher));
    assertTrue(e.getMessage().startsWith("unknown environment 'FakeGame-v0'"), e.getMessage());
    assertTrue(e.getMessage().contains("did you mean: FakeGame-v1"), e.getMessage());
  }

  @Test
  void invalidOptionsAreBadInput() {
    ServerLauncher launcher = FakeServer.launcher(logs, "normal");
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> GymEnvironmentFactory.open("BadActions-v0", FakeServer.options(logs), launcher));
    assertTrue(e.getMessage().contains("valid actions: 0 LEFT, 1 RIGHT"), e.getMessage());
  }

  @Test
  void missingGymnasiumNamesTheSetupStep() {
    ServerLauncher launcher = FakeServer.launcher(logs, "missing");
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> GymEnvironmentFactory.open("Fake-v0", FakeServer.options(logs), launcher));
    assertTrue(e.getMessage().contains("No module named 'gymnasium'"), e.getMessage());
    assertTrue(e.getMessage().contains(PythonLocator.SETUP_STEP), e.getMessage());
    assertTrue(e.getMessage().contains("--python"), e.getMessage());
  }

  @Test
  void missingInterpreterNamesTheSetupStep() {
    PythonLocator.Choice python = new PythonLocator.Choice("/no/such/python", "--python");
    ServerLauncher launcher = new ServerLauncher(python, List.of("/no/such/python", "x.py"),
        logs, ServerLauncher.Timeouts.DEFAULT);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> GymEnvironmentFactory.open("Fake-v0", FakeServer.options(logs), launcher));
    assertTrue(e.getMessage().contains("/no/such/python"), e.getMessage());
    assertTrue(e.getMessage().contains(PythonLocator.SETUP_STEP), e.getMessage());
  }

  @Test
  void interpreterThatDiesBeforeTheHelloNamesTheSetupStep() {
    ServerLauncher launcher = FakeServer.launcher(logs, "exitfirst");
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> GymEnvironmentFactory.open("Fake-v0", FakeServer.options(logs), launcher));
    assertTrue(e.getMessage().contains("exit code 5"), e.getMessage());
    assertTrue(e.getMessage().contains("exiting before hello"), e.getMessage());
    assertTrue(e.getMessage().contains(PythonLocator.SETUP_STEP), e.getMessage());
  }

  @Test
  void wrongMagicIsNotAServer() {
    ServerLauncher launcher = FakeServer.launcher(logs, "badmagic");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> GymEnvironmentFactory.open("Fake-v0", FakeServer.options(logs), launcher));
    assertTrue(e.getMessage().contains("not an a3c environment server"), e.getMessage());
  }

  @Test
  void catalogListsTheServersIds() throws Exception {
    ServerLauncher launcher = FakeServer.launcher(logs, "normal");
    ServerProcess server = launcher.spawn("list.log", "list test");
    try {
      launcher.greet(server);
      assertEquals(List.of("Fake-v0", "FakeGame-v1", "Other-v0"),
          GymCatalog.list(server, launcher));
    } finally {
      server.close();
    }
  }

  /** After an interruption: step needs a reset, and reset brings a new, working child. */
  private static void assertRestarts(GymEnvironment env) {
    assertTrue(env.pid().isEmpty(), "no child until the next reset");
    assertThrows(IllegalStateException.class, () -> env.step(0));
    env.reset();
    assertTrue(env.pid().isPresent());
    assertEquals(1.0, env.step(1).reward());
  }
}
