package io.a3c.env.gym;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PythonLocatorTest {
  @TempDir
  Path dir;

  @Test
  void explicitWinsOverEverything() {
    var choice = PythonLocator.locate(Path.of("/opt/py"), Map.of("a3c.python", "/p")::get,
        Map.of("A3C_PYTHON", "/e")::get, Optional.of(dir));
    assertEquals("/opt/py", choice.command());
    assertEquals("--python", choice.source());
  }

  @Test
  void propertyThenEnvironmentVariable() {
    assertEquals("/p", PythonLocator.locate(null, Map.of("a3c.python", "/p")::get,
        Map.of("A3C_PYTHON", "/e")::get, Optional.empty()).command());
    assertEquals("/e", PythonLocator.locate(null, Map.<String, String>of()::get,
        Map.of("A3C_PYTHON", "/e")::get, Optional.empty()).command());
  }

  @Test
  void venvNextToTheJarThenPath() throws Exception {
    Path target = Files.createDirectories(dir.resolve("target"));
    assertEquals("python3", PythonLocator.locate(null, k -> null, k -> null,
        Optional.of(target)).command());
    Path python = Files.createDirectories(dir.resolve(".venv/bin")).resolve("python");
    Files.createFile(python, PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rwx------")));
    var choice = PythonLocator.locate(null, k -> null, k -> null, Optional.of(target));
    assertEquals(python.toString(), choice.command());
    assertEquals("the project's .venv", choice.source());
  }
}
