package io.a3c.eval;

/** A trained policy playing one game at a time; it keeps its own recurrent state. */
public interface Policy extends AutoCloseable {

  /** Forgets the recurrent state: a new game starts. */
  void reset();

  /** The action (index into the environment's action space) for the next observation. */
  int act(float[] observation);

  @Override
  default void close() {}
}
