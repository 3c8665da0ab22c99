package io.a3c.config;

/**
 * Bad input from the user: an option out of range, an unknown environment, a missing run
 * directory. The command line prints the message as one line and exits with code 2.
 */
public class InvalidInputException extends RuntimeException {
  /** A qualified exception class name and its colon, as library messages embed their causes. */
  private static final java.util.regex.Pattern CLASS_NAME = java.util.regex.Pattern.compile(
      "\\b(?:[a-z_][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error)\\b:? ?");

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
    return message == null ? null : CLASS_NAME.matcher(message).replaceAll("");
  }
}
