package io.a3c.env;

/** Makes the environments of one id; one per worker sequence. Thread-safe. */
public interface EnvironmentFactory extends AutoCloseable {

  /** The spec every environment of this factory has. */
  EnvSpec spec();

  /**
   * Creates environment number {@code index}, seeded with {@code seed}.
   *
   * @param index distinguishes environments (for log files, say); 0-based
   */
  Environment create(int index, long seed);

  /** Releases what the factory holds (a probe process, say). Created environments stay open. */
  @Override
  default void close() {}
}
