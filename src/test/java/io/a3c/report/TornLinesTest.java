package io.a3c.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TornLinesTest {
  @TempDir Path dir;

  @Test
  void aLineCutShortIsRemoved() throws IOException {
    Path csv = dir.resolve("episodes.csv");
    Files.writeString(csv, "global_step,elapsed_seconds,score,length\n100,1.0,-21.0,800\n200,2.");
    assertEquals(6, TornLines.repair(csv));
    assertEquals("global_step,elapsed_seconds,score,length\n100,1.0,-21.0,800\n",
        Files.readString(csv));
    assertEquals(0, TornLines.repair(csv), "a whole file is left alone");
  }

  @Test
  void aFileWithoutAnyWholeLineBecomesEmpty() throws IOException {
    Path csv = dir.resolve("eval.csv");
    String torn = "x".repeat(10_000); // longer than one read
    Files.writeString(csv, torn);
    assertEquals(torn.length(), TornLines.repair(csv));
    assertEquals(0, Files.size(csv));
  }

  @Test
  void aNewlineFarBackIsFound() throws IOException {
    Path csv = dir.resolve("progress.csv");
    String whole = "a,b\n";
    Files.writeString(csv, whole + "y".repeat(9_000));
    assertEquals(9_000, TornLines.repair(csv));
    assertEquals(whole, Files.readString(csv));
  }

  @Test
  void noFileIsNothingToRepair() {
    assertEquals(0, TornLines.repair(dir.resolve("missing.csv")));
  }
}
