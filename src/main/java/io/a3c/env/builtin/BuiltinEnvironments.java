package io.a3c.env.builtin;

import io.a3c.env.EnvOptions;
import io.a3c.env.EnvSpec;
import io.a3c.env.Environment;
import io.a3c.env.EnvironmentFactory;
import java.util.List;

/** The environments that need no Python: {@code catch} (pixels) and {@code catch-vector}. */
public final class BuiltinEnvironments {
  public static final String CATCH = "catch";
  public static final String CATCH_VECTOR = "catch-vector";

  private BuiltinEnvironments() {}

  public static List<String> ids() {
    return List.of(CATCH, CATCH_VECTOR);
  }

  public static EnvironmentFactory factory(String id, EnvOptions options) {
    boolean pixels = id.equals(CATCH);
    if (!pixels && !id.equals(CATCH_VECTOR)) {
      throw new IllegalArgumentException("not a built-in environment: " + id);
    }
    EnvSpec spec =
        pixels
            ? CatchEnvironment.pixelSpec(id, options.frameSize())
            : CatchEnvironment.vectorSpec(id);
    return new EnvironmentFactory() {
      @Override
      public EnvSpec spec() {
        return spec;
      }

      @Override
      public Environment create(int index, long seed) {
        return new CatchEnvironment(
            spec, options.frameSize(), pixels, options.recordFrames(),
            CatchEnvironment.derive(seed, index));
      }
    };
  }
}
