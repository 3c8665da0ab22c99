package io.a3c.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The moving mean over the last 100 games, resumed runs' games included. */
class EpisodeLogTest {
  @Test
  void meanOfTheLastHundredGames() {
    EpisodeLog log = new EpisodeLog();
    assertTrue(Double.isNaN(log.meanScore()));
    for (int i = 0; i < 150; i++) {
      log.add(new EpisodeLog.Episode(i, i, i, 10));
    }
    // Games 50..149.
    assertEquals(99.5, log.meanScore(), 1e-9);
    assertEquals(150, log.episodes());
    assertEquals(150, log.history().size());
  }

  @Test
  void aResumedRunGoesOnFromItsLastGames() {
    List<Double> previous = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      previous.add(i < 20 ? 1000.0 : -21.0); // only the last 100 count
    }
    EpisodeLog log = new EpisodeLog(120, previous);
    assertEquals(-21.0, log.meanScore(), 1e-9);
    assertEquals(120, log.episodes());
    assertEquals(0, log.history().size(), "the history holds this process's games");
    for (int i = 0; i < 50; i++) {
      log.add(new EpisodeLog.Episode(i, i, 21, 10));
    }
    assertEquals(0.0, log.meanScore(), 1e-9); // 50 games at -21, 50 at +21
    assertEquals(170, log.episodes());
  }
}
