package io.a3c.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.a3c.config.InvalidInputException;
import org.junit.jupiter.api.Test;

class EvalScheduleTest {

  @Test
  void atariAndBuiltInGamesHaveTheirOwnDefaults() {
    EvalSchedule atari = EvalSchedule.of("PongDeterministic-v4", null, null, null);
    assertEquals(EvalSchedule.DEFAULT_GYM_MINUTES, atari.everyMinutes());
    assertEquals(EvalSchedule.DEFAULT_GYM_EPISODES, atari.episodes());
    assertFalse(atari.hasTarget());
    assertEquals(RandomStartPolicy.DEFAULT_MAX_STEPS, atari.randomStarts());
    EvalSchedule builtin = EvalSchedule.of("catch", null, null, null);
    assertEquals(EvalSchedule.DEFAULT_BUILTIN_MINUTES, builtin.everyMinutes());
    assertEquals(EvalSchedule.DEFAULT_BUILTIN_EPISODES, builtin.episodes());
    assertTrue(builtin.enabled());
    assertEquals(0, builtin.randomStarts(), "catch starts at random and lasts 8 steps");
  }

  @Test
  void givenOptionsWinAndZeroTurnsItOff() {
    EvalSchedule s = EvalSchedule.of("catch", 0.5, 7, 0.9);
    assertEquals(30_000, s.everyMillis());
    assertEquals(7, s.episodes());
    assertEquals(0.9, s.targetScore());
    assertFalse(EvalSchedule.of("catch", 0.0, null, null).enabled());
    assertEquals(0.9, s.describe().get("target_score"));
    assertFalse(EvalSchedule.OFF.enabled());
  }

  @Test
  void badInputNamesTheOption() {
    assertMessage("--eval-every", () -> EvalSchedule.of("catch", -1.0, null, null));
    assertMessage("--eval-every", () -> EvalSchedule.of("catch", Double.NaN, null, null));
    assertMessage("--eval-episodes", () -> EvalSchedule.of("catch", null, 0, null));
    assertMessage("--target-score",
        () -> EvalSchedule.of("catch", null, null, Double.POSITIVE_INFINITY));
    assertMessage("--target-score needs evaluation",
        () -> EvalSchedule.of("catch", 0.0, null, 1.0));
  }

  private static void assertMessage(String expected, Runnable r) {
    InvalidInputException e = assertThrows(InvalidInputException.class, r::run);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
