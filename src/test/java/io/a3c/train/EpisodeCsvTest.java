package io.a3c.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpisodeCsvTest {
  @TempDir
  Path tmp;

  @Test
  void appendsOnlyNewGamesAndKeepsTheHistoryOfResumedRuns() throws IOException {
    Path file = tmp.resolve("episodes.csv");
    EpisodeLog.Episode a = new EpisodeLog.Episode(10, 1.0, -1, 8);
    EpisodeLog.Episode b = new EpisodeLog.Episode(20, 2.0, 1, 8);
    EpisodeCsv first = new EpisodeCsv(file);
    first.appendNew(List.of(a), 0);
    first.appendNew(List.of(a, b), 0);
    assertEquals(List.of(a, b), first.readAll());

    // A resumed process starts its own history; its times count on from the first run's.
    EpisodeCsv resumed = new EpisodeCsv(file);
    resumed.appendNew(List.of(new EpisodeLog.Episode(30, 0.5, 1, 8)), 100);
    List<EpisodeLog.Episode> all = resumed.readAll();
    assertEquals(3, all.size());
    assertEquals(100.5, all.get(2).elapsedSeconds(), 1e-9);
    assertEquals(EpisodeCsv.HEADER, Files.readAllLines(file).get(0));

    Files.writeString(file, "40,3.0,1", StandardOpenOption.APPEND);
    assertEquals(3, resumed.readAll().size(), "a torn last line is skipped");
  }
}
