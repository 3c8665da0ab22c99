package io.a3c.env.gym;

import io.a3c.config.InvalidInputException;
import io.a3c.env.EnvOptions;
import io.a3c.env.EnvSpec;
import io.a3c.env.Environments;
import io.a3c.env.EnvironmentFactory;
import io.a3c.env.builtin.BuiltinEnvironments;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Gymnasium and ALE environments, each in its own Python child process running the bundled
 * {@code env_server.py}. Every id that Gymnasium registers after registering ale-py works, plus
 * the classic {@code *Deterministic-v4} ids (the {@code *NoFrameskip-v4} game with a frame skip
 * of 4, no sticky actions and the minimal action set, as gym defined them).
 *
 * <p>Atari frames arrive preprocessed as the reference did it: the mean of RGB, area-resized to
 * {@link EnvOptions#frameSize()} squared, float32 in [0, 1]. Rewards are raw. While training, a
 * lost life is a terminal state for learning while the game goes on.
 */
public final class GymEnvironmentFactory implements EnvironmentFactory {
  private final ServerLauncher launcher;
  private final OpenRequest open;
  private final EnvSpec spec;
  private final Map<String, String> versions;
  /** The child that validated the id; it becomes environment 0 rather than being wasted. */
  private final AtomicReference<ServerProcess> probe;

  private GymEnvironmentFactory(ServerLauncher launcher, OpenRequest open, EnvSpec spec,
      Map<String, String> versions, ServerProcess probe) {
    this.launcher = launcher;
    this.open = open;
    this.spec = spec;
    this.versions = Map.copyOf(versions);
    this.probe = new AtomicReference<>(probe);
  }

  /**
   * Validates {@code id} by making it once in a probe child, and learns its spec.
   *
   * @throws InvalidInputException for an unknown id (naming close matches), options the
   *     environment cannot take (an action outside its action space, a continuous action space),
   *     or a missing Python, Gymnasium or ale-py (naming the setup step)
   * @throws IllegalStateException when the environment fails for another reason
   */
  public static GymEnvironmentFactory open(String id, EnvOptions options) {
    return open(id, options, ServerLauncher.forOptions(options));
  }

  static GymEnvironmentFactory open(String id, EnvOptions options, ServerLauncher launcher) {
    OpenRequest open = new OpenRequest(id, options);
    ServerLauncher.Greeted greeted;
    try {
      greeted = launcher.startForUser("env-0.log", "environment " + id + " #0");
    } catch (InvalidInputException e) {
      // A typo of a built-in id should not read as a Python problem.
      String hint = Environments.closeMatchesHint(id, BuiltinEnvironments.ids());
      if (hint.isEmpty()) {
        throw e;
      }
      throw new InvalidInputException("unknown environment '" + id + "'" + hint
          + "; Gymnasium ids need Python: " + e.getMessage(), e);
    }
    ServerProcess server = greeted.server();
    try {
      EnvSpec spec = open.parseSpec(
          server.call(open.bytes(), launcher.timeouts().startup(), "open '" + id + "'"));
      return new GymEnvironmentFactory(launcher, open, spec, greeted.versions(), server);
    } catch (ServerException e) {
      RuntimeException failure = openFailure(id, e, server, launcher);
      server.kill();
      throw failure;
    } catch (RuntimeException e) {
      server.kill();
      throw e;
    }
  }

  private static RuntimeException openFailure(String id, ServerException e, ServerProcess server,
      ServerLauncher launcher) {
    String message = ServerLauncher.firstLine(e.getMessage());
    if (e.kind() == ServerException.Kind.ERROR && "unknown_id".equals(e.pythonKind())) {
      List<String> known = new ArrayList<>(BuiltinEnvironments.ids());
      try {
        known.addAll(GymCatalog.list(server, launcher));
      } catch (ServerException ignored) {
        // Without the list the message just has no suggestions.
      }
      return new InvalidInputException(
          "unknown environment '" + id + "'" + Environments.closeMatchesHint(id, known)
              + "; `a3c envs` lists the ids that work");
    }
    if (e.kind() == ServerException.Kind.ERROR && "invalid_input".equals(e.pythonKind())) {
      return new InvalidInputException(message);
    }
    return new IllegalStateException("cannot make environment '" + id + "': " + message
        + " (log: " + server.logFile() + ")", e);
  }

  @Override
  public EnvSpec spec() {
    return spec;
  }

  /**
   * Environment {@code index}, whose first game is seeded with {@code seed}. Its child starts now
   * and is waited for on the first {@link GymEnvironment#reset()}.
   */
  @Override
  public GymEnvironment create(int index, long seed) {
    ServerProcess ready = index == 0 ? probe.getAndSet(null) : null;
    return new GymEnvironment(launcher, open, spec, index, seed, ready);
  }

  /** Library versions the server reported (python, gymnasium, ale_py, numpy), for run configs. */
  public Map<String, String> versions() {
    return versions;
  }

  /** The interpreter running the children, and why it was chosen. */
  public PythonLocator.Choice python() {
    return launcher.python();
  }

  /** Where the children's logs are ({@code env-<index>.log}). */
  public Path logDir() {
    return launcher.logDir();
  }

  /** Ends the probe child if no environment 0 took it over. */
  @Override
  public void close() {
    ServerProcess unused = probe.getAndSet(null);
    if (unused != null) {
      unused.close();
    }
  }

  @Override
  public String toString() {
    return "Gymnasium " + spec + " via " + launcher.python();
  }
}
