package io.a3c.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --python PATH}, shared by every command that starts Python. */
public final class PythonOption {
  @Option(names = "--python", paramLabel = "PATH",
      description = "Python interpreter with the project's packages (Gymnasium, ale-py, "
          + "TensorBoard). Default: the project's .venv.")
  Path path;
}
