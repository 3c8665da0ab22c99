package io.a3c.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.a3c.logging.Failures;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole rows or nothing, a header for a new file, a torn row ended first. */
class CsvAppenderTest {
  @TempDir Path dir;

  @Test
  void writesTheHeaderOnceThenRows() throws Exception {
    Path file = dir.resolve("x.csv");
    CsvAppender.append(file, "a,b", "1,2\n");
    CsvAppender.append(file, "a,b", "3,4\n5,6\n");
    assertEquals("a,b\n1,2\n3,4\n5,6\n", Files.readString(file));
  }

  @Test
  void startsOnALineOfItsOwnAfterATornRow() throws Exception {
    Path file = dir.resolve("x.csv");
    Files.writeString(file, "a,b\n1,2\n3,", StandardCharsets.UTF_8);
    CsvAppender.append(file, "a,b", "5,6\n");
    assertEquals("a,b\n1,2\n3,\n5,6\n", Files.readString(file));
  }

  /** {@code /dev/full} fails every write with "No space left on device", as a full disk does. */
  @Test
  void aFullDiskIsOneClearError() {
    Path full = Path.of("/dev/full");
    assumeTrue(Files.isWritable(full), "needs Linux's /dev/full");
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> CsvAppender.append(full, "a,b", "1,2\n"));
    String line = Failures.describe(e);
    assertTrue(line.startsWith("cannot write /dev/full"), line);
    assertTrue(line.contains("No space left on device"), line);
  }
}
