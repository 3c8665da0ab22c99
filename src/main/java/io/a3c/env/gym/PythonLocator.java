package io.a3c.env.gym;

import io.a3c.env.EnvOptions;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the Python interpreter that runs the environment servers. First match wins:
 * <ol>
 *   <li>{@link EnvOptions#python()} (the {@code --python} option);
 *   <li>system property {@code a3c.python};
 *   <li>environment variable {@code A3C_PYTHON};
 *   <li>{@code .venv/bin/python} next to the application: {@code <dir of the jar>/../.venv}, where
 *       {@code python-export/setup.sh} puts it (the jar lives in {@code target/});
 *   <li>{@code python3} on the PATH.
 * </ol>
 */
public final class PythonLocator {
  public static final String PROPERTY = "a3c.python";
  public static final String ENV_VAR = "A3C_PYTHON";
  /** The command that creates the project's Python environment, for error messages. */
  public static final String SETUP_STEP = "bash python-export/setup.sh";

  /**
   * A chosen interpreter.
   *
   * @param command what to execute (a path, or a name looked up on the PATH)
   * @param source where the choice came from, for messages ("--python", "system property ...")
   */
  public record Choice(String command, String source) {
    @Override
    public String toString() {
      return command + " (" + source + ")";
    }
  }

  private PythonLocator() {}

  public static Choice locate(EnvOptions options) {
    return locate(options.python(), System::getProperty, System::getenv, applicationDir());
  }

  static Choice locate(Path explicit, Function<String, String> properties,
      Function<String, String> environment, Optional<Path> appDir) {
    if (explicit != null) {
      return new Choice(explicit.toString(), "--python");
    }
    String property = properties.apply(PROPERTY);
    if (property != null && !property.isBlank()) {
      return new Choice(property, "system property " + PROPERTY);
    }
    String variable = environment.apply(ENV_VAR);
    if (variable != null && !variable.isBlank()) {
      return new Choice(variable, "environment variable " + ENV_VAR);
    }
    if (appDir.isPresent()) {
      Path venv = appDir.get().resolve("..").resolve(".venv").normalize();
      for (Path candidate : new Path[] {venv.resolve("bin/python"),
          venv.resolve("Scripts/python.exe")}) {
        if (Files.isExecutable(candidate)) {
          return new Choice(candidate.toString(), "the project's .venv");
        }
      }
    }
    return new Choice("python3", "python3 on the PATH");
  }

  /**
   * The directory of the running jar ({@code target/}); for classes run from a directory
   * ({@code target/classes}), that directory's parent, which is the same place.
   */
  static Optional<Path> applicationDir() {
    try {
      var source = PythonLocator.class.getProtectionDomain().getCodeSource();
      if (source == null) {
        return Optional.empty();
      }
      Path location = Path.of(source.getLocation().toURI()).toAbsolutePath();
      return Optional.ofNullable(location.getParent());
    } catch (URISyntaxException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
