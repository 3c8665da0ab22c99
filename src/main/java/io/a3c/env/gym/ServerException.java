package io.a3c.env.gym;

/** A failed exchange with an environment server; the child is dead or must be killed. */
final class ServerException extends Exception {
  enum Kind {
    /** The process could not be started at all (no such interpreter, say). */
    START,
    /** No reply within the allowed time; the child was killed. */
    TIMEOUT,
    /** The child exited (or its pipe closed) before replying. */
    EXITED,
    /** Bytes that are not the protocol: garbage, an oversize frame, a wrong magic. */
    PROTOCOL,
    /** The server sent an error frame: a Python exception, with its text. */
    ERROR
  }

  private final Kind kind;
  private final String pythonKind;

  ServerException(Kind kind, String message) {
    this(kind, null, message, null);
  }

  ServerException(Kind kind, String pythonKind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.pythonKind = pythonKind;
  }

  Kind kind() {
    return kind;
  }

  /** For {@link Kind#ERROR}: the server's error kind (unknown_id, invalid_input, error, ...). */
  String pythonKind() {
    return pythonKind;
  }
}
