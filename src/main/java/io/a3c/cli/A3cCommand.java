package io.a3c.cli;

import io.a3c.run.Versions;
import io.a3c.logging.Logging;
import io.a3c.logging.Verbosity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.IVersionProvider;

/** The root command: {@code a3c <command>}. */
@Command(name = "a3c", mixinStandardHelpOptions = true, versionProvider = A3cCommand.Version.class,
    description = "Asynchronous Advantage Actor-Critic (A3C) on TensorFlow Java: trains agents "
        + "to play Atari games from raw pixels.",
    subcommands = {TrainCommand.class, EvalCommand.class, ExportCommand.class,
        EnvsCommand.class, BenchCommand.class, TensorboardCommand.class})
public final class A3cCommand implements Runnable {

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
      description = "Debug messages on the console.")
  void verbose(boolean on) {
    if (on) {
      Logging.configure(Verbosity.VERBOSE);
    }
  }

  @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
      description = "Only warnings and errors on the console.")
  void quiet(boolean on) {
    if (on) {
      Logging.configure(Verbosity.QUIET);
    }
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Project, TensorFlow Java and native TensorFlow versions. */
  public static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return Versions.java().entrySet().stream()
          .map(e -> e.getKey() + " " + e.getValue())
          .toArray(String[]::new);
    }
  }
}
