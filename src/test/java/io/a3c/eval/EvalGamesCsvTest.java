package io.a3c.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalGamesCsvTest {
  @TempDir
  Path dir;

  @Test
  void evaluationsRoundTripAndATornLastLineIsSkipped() throws IOException {
    EvalGamesCsv csv = new EvalGamesCsv(dir.resolve("eval-games.csv"));
    List<EvalGamesCsv.Row> first = List.of(
        new EvalGamesCsv.Row(300.5, 1000, 0, 21.0, 2534, 7, "game_over"),
        new EvalGamesCsv.Row(300.5, 1000, 1, -3.0, 4500, 30, "no_reward"));
    csv.append(first);
    Files.writeString(csv.file(), "600.0,2000,0,1", StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    List<EvalGamesCsv.Row> second = List.of(
        new EvalGamesCsv.Row(900.0, 3000, 0, 11.0, 27000, 0, "step_limit"));
    csv.append(second);

    List<String> lines = Files.readAllLines(csv.file());
    assertEquals(EvalGamesCsv.HEADER, lines.get(0));
    assertEquals(1, lines.stream().filter(EvalGamesCsv.HEADER::equals).count());
    assertEquals(List.of(first.get(0), first.get(1), second.get(0)), csv.readAll());
  }
}
