package io.a3c.cli;

import io.a3c.env.EnvOptions;
import io.a3c.env.builtin.BuiltinEnvironments;
import io.a3c.env.gym.GymCatalog;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code a3c envs}: every environment id that works here. */
@Command(name = "envs", mixinStandardHelpOptions = true,
    description = "List the environment ids that work: built-in games, then Gymnasium and ALE "
        + "ids (including the *Deterministic-v4 aliases).")
public final class EnvsCommand implements Callable<Integer> {
  @Mixin
  PythonOption python;

  @Option(names = "--builtin", description = "Only the built-in games (needs no Python).")
  boolean builtinOnly;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    BuiltinEnvironments.ids().forEach(out::println);
    if (!builtinOnly) {
      List<String> ids = GymCatalog.ids(EnvOptions.defaults().withPython(python.path));
      ids.forEach(out::println);
    }
    return Main.OK;
  }
}
