package io.a3c.logging;

import org.apache.logging.log4j.Level;

/** How much the console says, chosen with {@code -q} and {@code -v}. */
public enum Verbosity {
  /** {@code -q}: warnings and errors only, for scripts. */
  QUIET(Level.WARN),
  /** The default: progress and results. */
  NORMAL(Level.INFO),
  /** {@code -v}: debug messages and full stack traces. */
  VERBOSE(Level.DEBUG);

  private final Level consoleLevel;

  Verbosity(Level consoleLevel) {
    this.consoleLevel = consoleLevel;
  }

  /** The least severe level the console shows. */
  Level consoleLevel() {
    return consoleLevel;
  }
}
