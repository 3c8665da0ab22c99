package io.a3c.env.builtin;

import io.a3c.config.InvalidInputException;
import io.a3c.env.EnvOptions;
import io.a3c.env.EnvSpec;
import io.a3c.env.Environment;
import io.a3c.env.EnvironmentFactory;
import java.util.List;

/**
 * The environments that need no Python: {@code catch} (pixels), {@code catch-vector} and
 * {@code volley} (pixels, Pong's difficulties in small: see {@link VolleyEnvironment}).
 */
public final class BuiltinEnvironments {
  public static final String CATCH = "catch";
  public static final String CATCH_VECTOR = "catch-vector";
  public static final String VOLLEY = "volley";

  private BuiltinEnvironments() {}

  public static List<String> ids() {
    return List.of(CATCH, CATCH_VECTOR, VOLLEY);
  }

  /**
   * @throws InvalidInputException if {@code options} ask for an action space: a built-in game
   *     always uses all its actions, in order
   */
  public static EnvironmentFactory factory(String id, EnvOptions options) {
    EnvironmentFactory factory = open(id, options);
    List<String> actions = factory.spec().actions();
    List<Integer> all = java.util.stream.IntStream.range(0, actions.size()).boxed().toList();
    if (options.actionSpace() != null && !options.actionSpace().equals(all)) {
      factory.close();
      throw new InvalidInputException("--action-space is for Gymnasium games; " + id
          + " always uses its " + actions.size() + " actions " + all + " " + actions
          + " (got " + options.actionSpace() + ")");
    }
    return factory;
  }

  private static EnvironmentFactory open(String id, EnvOptions options) {
    if (id.equals(VOLLEY)) {
      EnvSpec spec = VolleyEnvironment.spec(id, options.frameSize());
      return factory(spec, (index, seed) -> new VolleyEnvironment(spec, options.preprocessing(),
          options.frameSize(), options.recordFrames(), CatchEnvironment.derive(seed, index)));
    }
    boolean pixels = id.equals(CATCH);
    if (!pixels && !id.equals(CATCH_VECTOR)) {
      throw new IllegalArgumentException("not a built-in environment: " + id);
    }
    EnvSpec spec =
        pixels
            ? CatchEnvironment.pixelSpec(id, options.frameSize())
            : CatchEnvironment.vectorSpec(id);
    return factory(spec, (index, seed) -> new CatchEnvironment(spec, options.preprocessing(),
        options.frameSize(), pixels, options.recordFrames(), CatchEnvironment.derive(seed, index)));
  }

  private interface Maker {
    Environment create(int index, long seed);
  }

  private static EnvironmentFactory factory(EnvSpec spec, Maker maker) {
    return new EnvironmentFactory() {
      @Override
      public EnvSpec spec() {
        return spec;
      }

      @Override
      public Environment create(int index, long seed) {
        return maker.create(index, seed);
      }
    };
  }
}
