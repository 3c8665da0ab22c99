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

class EvalCsvTest {
  @TempDir Path dir;

  @Test
  void rowsRoundTripUnderOneHeader() throws IOException {
    EvalCsv csv = new EvalCsv(dir.resolve("eval.csv"));
    EvalCsv.Row a = new EvalCsv.Row(300.5, 180_000, -20.2, 0.4, -21, -20, 5, 812.4, 41.2);
    EvalCsv.Row b = new EvalCsv.Row(600.0, 370_000, 3.5, 2.25, 1, 7, 5, 3120.0, 66.0);
    csv.append(a);
    csv.append(b);
    List<String> lines = Files.readAllLines(csv.file());
    assertEquals(EvalCsv.HEADER, lines.get(0));
    assertEquals(3, lines.size());
    assertEquals(List.of(a, b), csv.readAll());
  }

  @Test
  void aTornLastLineIsSkipped() throws IOException {
    EvalCsv csv = new EvalCsv(dir.resolve("eval.csv"));
    EvalCsv.Row a = new EvalCsv.Row(60.0, 1000, 0.5, 0.5, 0, 1, 20, 9.0, 0.3);
    csv.append(a);
    Files.writeString(csv.file(), "120.0,2000,0.7,0.4", StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    assertEquals(List.of(a), csv.readAll());
    // The next row lands after the torn one, which stays unreadable, not mixed into it.
    EvalCsv.Row c = new EvalCsv.Row(180.0, 3000, 1.0, 0.0, 1, 1, 20, 9.0, 0.3);
    csv.append(c);
    assertEquals(List.of(a, c), csv.readAll());
  }

  @Test
  void aMissingFileHasNoRows() {
    assertEquals(List.of(), new EvalCsv(dir.resolve("none.csv")).readAll());
  }
}
