package io.a3c.env.gym;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Python scripts shipped as class-path resources, copied once per JVM to private temporary files
 * (owner-only, deleted at exit) because the interpreter needs a real file to run.
 */
final class ServerScript {
  static final String ENV_SERVER = "/io/a3c/env/gym/env_server.py";

  private static final Map<String, Path> EXTRACTED = new ConcurrentHashMap<>();

  private ServerScript() {}

  /** The environment server script. */
  static Path envServer() {
    return extract(ENV_SERVER);
  }

  /** The file holding class-path resource {@code resource}, extracted on first use. */
  static Path extract(String resource) {
    return EXTRACTED.computeIfAbsent(resource, ServerScript::copy);
  }

  private static Path copy(String resource) {
    try (InputStream in = ServerScript.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("resource " + resource + " is missing from the jar");
      }
      String name = resource.substring(resource.lastIndexOf('/') + 1);
      // createTempFile makes the file readable by its owner only.
      Path file = Files.createTempFile("a3c-" + name.replace(".py", "") + "-", ".py");
      file.toFile().deleteOnExit();
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract " + resource, e);
    }
  }
}
