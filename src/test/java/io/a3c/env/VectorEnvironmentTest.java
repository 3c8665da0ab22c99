package io.a3c.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VectorEnvironmentTest {
  private static final EnvSpec SPEC = new EnvSpec("fake", new int[] {1}, List.of("A", "B"));

  /** Records the order of calls in a shared log; fails its send or receive when told to. */
  private static final class Recorder implements PipelinedEnvironment {
    private final String name;
    private final List<String> log;
    boolean failSend;
    boolean failReceive;
    private int sent = -1;

    Recorder(String name, List<String> log) {
      this.name = name;
      this.log = log;
    }

    @Override
    public EnvSpec spec() {
      return SPEC;
    }

    @Override
    public float[] reset() {
      log.add(name + " reset");
      return new float[] {0};
    }

    @Override
    public void sendStep(int action) {
      log.add(name + " send " + action);
      if (failSend) {
        throw new EnvironmentInterruptedException(name + " died on send", null);
      }
      sent = action;
    }

    @Override
    public Step receiveStep() {
      log.add(name + " receive");
      if (failReceive) {
        throw new EnvironmentInterruptedException(name + " hung", null);
      }
      return new Step(new float[] {sent}, 1, false, false, false);
    }

    @Override
    public void close() {
      log.add(name + " close");
    }
  }

  /** A plain environment: steps inside receive(). */
  private static final class Plain implements Environment {
    private final List<String> log;

    Plain(List<String> log) {
      this.log = log;
    }

    @Override
    public EnvSpec spec() {
      return SPEC;
    }

    @Override
    public float[] reset() {
      return new float[] {0};
    }

    @Override
    public Step step(int action) {
      log.add("plain step " + action);
      return new Step(new float[] {action}, 0, false, false, false);
    }

    @Override
    public void close() {
      log.add("plain close");
    }
  }

  @Test
  void everyStepIsSentBeforeAnyIsCollected() {
    List<String> log = new ArrayList<>();
    Recorder a = new Recorder("a", log);
    Recorder b = new Recorder("b", log);
    Plain c = new Plain(log);
    try (VectorEnvironment v = new VectorEnvironment(List.of(a, b, c))) {
      v.send(0, 1);
      v.send(1, 0);
      v.send(2, 1);
      assertEquals(List.of("a send 1", "b send 0"), log, "the plain one waits for receive");
      assertEquals(1f, v.receive(0).observation()[0]);
      assertEquals(0f, v.receive(1).observation()[0]);
      assertEquals(1f, v.receive(2).observation()[0]);
      assertEquals(List.of("a send 1", "b send 0", "a receive", "b receive", "plain step 1"),
          log);
    }
    assertTrue(log.containsAll(List.of("a close", "b close", "plain close")));
  }

  @Test
  void oneFailedGameDoesNotCostTheOthersTheirSteps() {
    List<String> log = new ArrayList<>();
    Recorder a = new Recorder("a", log);
    Recorder b = new Recorder("b", log);
    Recorder c = new Recorder("c", log);
    a.failSend = true;
    b.failReceive = true;
    VectorEnvironment v = new VectorEnvironment(List.of(a, b, c));
    for (int i = 0; i < 3; i++) {
      v.send(i, 1);  // a's failure is held for its receive
    }
    EnvironmentInterruptedException sendFailure =
        assertThrows(EnvironmentInterruptedException.class, () -> v.receive(0));
    assertTrue(sendFailure.getMessage().contains("a died on send"));
    assertThrows(EnvironmentInterruptedException.class, () -> v.receive(1));
    assertEquals(1f, v.receive(2).observation()[0], "the third game is unaffected");
    // The failed ones start again.
    a.failSend = false;
    b.failReceive = false;
    v.reset(0);
    v.reset(1);
    v.send(0, 0);
    v.send(1, 1);
    assertEquals(0f, v.receive(0).observation()[0]);
    assertEquals(1f, v.receive(1).observation()[0]);
  }

  @Test
  void misuseIsRefused() {
    List<String> log = new ArrayList<>();
    VectorEnvironment v = new VectorEnvironment(List.of(new Recorder("a", log)));
    assertThrows(IllegalStateException.class, () -> v.receive(0), "nothing in flight");
    v.send(0, 1);
    assertThrows(IllegalStateException.class, () -> v.send(0, 1), "already in flight");
    assertThrows(IllegalStateException.class, () -> v.reset(0), "reset with a step in flight");
    v.receive(0);
    assertThrows(IllegalArgumentException.class, () -> new VectorEnvironment(List.of()));
  }
}
