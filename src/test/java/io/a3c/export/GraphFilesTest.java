package io.a3c.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/** graphs/variables.txt describes the graphs the code builds: variables, shapes, signature. */
class GraphFilesTest {
  @Test
  void checkedInListingMatchesTheBuiltGraphs() throws IOException {
    Path file = Paths.get("graphs", GraphFiles.VARIABLES);
    String expected = Files.readString(file, StandardCharsets.UTF_8);
    assertEquals(expected, GraphFiles.listing(), file + " is out of date: if the change is "
        + "intended, regenerate graphs/ with: java -cp \"target/a3c.jar:target/lib/*\" "
        + "io.a3c.export.GraphFiles graphs/ (see graphs/README.md)");
  }
}
