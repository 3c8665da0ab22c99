package io.a3c.config;

import io.a3c.logging.Failures;

/**
 * Bad input from the user: an option out of range, an unknown environment, a missing run
 * directory. The command line prints the message as one line and exits with code 2.
 */
public class InvalidInputException extends RuntimeException {
  public InvalidInputException(String message) {
    super(userMessage(message));
  }

  public InvalidInputException(String message, Throwable cause) {
    super(userMessage(message), cause);
  }

  /**
   * The message without the class names that library messages carry (Gson's "com.google.gson
   * .stream.MalformedJsonException: ..."): users read what is wrong, not where it was thrown.
   */
  static String userMessage(String message) {
    return Failures.withoutClassNames(message);
  }
}
