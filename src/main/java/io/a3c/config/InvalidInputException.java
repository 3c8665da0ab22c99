package io.a3c.config;

/**
 * Bad input from the user: an option out of range, an unknown environment, a missing run
 * directory. The command line prints the message as one line and exits with code 2.
 */
public class InvalidInputException extends RuntimeException {
  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
