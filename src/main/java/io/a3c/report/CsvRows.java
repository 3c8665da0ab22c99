package io.a3c.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Reads the rows of a CSV file written with {@link CsvAppender}. */
public final class CsvRows {
  private CsvRows() {}

  /**
   * Every row of {@code file}, oldest first, parsed by {@code parse}; the header, lines with
   * another number of cells and lines whose numbers do not parse (a line torn by a crash) are
   * skipped. A missing file has no rows.
   */
  public static <T> List<T> read(Path file, String header, int columns,
      Function<String[], T> parse) {
    List<T> rows = new ArrayList<>();
    if (!Files.exists(file)) {
      return rows;
    }
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String[] cells = line.split(",");
        if (line.equals(header) || cells.length != columns) {
          continue;
        }
        try {
          rows.add(parse.apply(cells));
        } catch (NumberFormatException torn) {
          // a line cut short by a crash
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return rows;
  }
}
