package io.a3c.env.gym;

import io.a3c.env.EnvOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Launchers for {@code fake_env_server.py}, which needs only Python's standard library. */
final class FakeServer {
  static final String SCRIPT = "/io/a3c/env/gym/fake_env_server.py";

  private FakeServer() {}

  /** python3 from the PATH, or the project's interpreter when the build names one. */
  static String python() {
    String configured = System.getProperty(PythonLocator.PROPERTY);
    if (configured != null && Files.isExecutable(Path.of(configured))) {
      return configured;
    }
    return "python3";
  }

  static ServerLauncher launcher(Path logDir, Duration startup, Duration call, String... args) {
    PythonLocator.Choice python = new PythonLocator.Choice(python(), "test");
    List<String> command = new ArrayList<>(List.of(python.command(),
        ServerScript.extract(SCRIPT).toString()));
    command.addAll(List.of(args));
    return new ServerLauncher(python, command, logDir, new ServerLauncher.Timeouts(startup, call));
  }

  static ServerLauncher launcher(Path logDir, String... args) {
    return launcher(logDir, Duration.ofSeconds(20), Duration.ofSeconds(5), args);
  }

  static GymEnvironmentFactory open(Path logDir, String... args) {
    return GymEnvironmentFactory.open("Fake-v0", options(logDir), launcher(logDir, args));
  }

  static EnvOptions options(Path logDir) {
    return EnvOptions.defaults().withLogDir(logDir);
  }
}
