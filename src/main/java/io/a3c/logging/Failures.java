package io.a3c.logging;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.regex.Pattern;

/**
 * Failures as users read them: one line that says what went wrong and why ("cannot write a
 * checkpoint in RUN/checkpoints: No space left on device"), without the exception class names
 * that {@code toString()} and library messages carry. Stack traces belong in {@code train.log}.
 */
public final class Failures {
  /** A qualified exception class name and its colon, as library messages embed their causes. */
  private static final Pattern CLASS_NAME = Pattern.compile(
      "\\b(?:[a-z_][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error)\\b:? ?");
  private static final int MAX_LENGTH = 300;

  private Failures() {}

  /** {@code message} without the qualified exception class names it embeds. */
  public static String withoutClassNames(String message) {
    return message == null ? null : CLASS_NAME.matcher(message).replaceAll("");
  }

  /**
   * One line for {@code e}: its own message, then the root cause's reason where the message
   * does not say it already (the operating system's "No space left on device", "Read-only file
   * system", "Permission denied").
   */
  public static String describe(Throwable e) {
    String outer = firstLine(ownMessage(e));
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String inner = root == e ? "" : firstLine(ownMessage(root));
    String line;
    if (outer.isEmpty()) {
      line = inner.isEmpty() ? simpleName(e) : inner;
    } else if (inner.isEmpty() || outer.contains(inner)) {
      line = outer;
    } else {
      line = outer + ": " + inner;
    }
    return line.length() > MAX_LENGTH ? line.substring(0, MAX_LENGTH) + "..." : line;
  }

  /**
   * What {@code e} says about itself. A {@link FileSystemException} names the file and the
   * operating system's reason, which some subclasses leave out (an {@link
   * AccessDeniedException} only names the file).
   */
  private static String ownMessage(Throwable e) {
    if (e instanceof FileSystemException fs) {
      String reason = fs.getReason() != null ? fs.getReason() : reason(fs);
      String file = fs.getFile() == null ? "" : fs.getFile();
      if (fs.getOtherFile() != null) {
        file = file + " -> " + fs.getOtherFile();
      }
      return file.isEmpty() ? reason : file + ": " + reason;
    }
    String message = withoutClassNames(e.getMessage());
    return message == null ? "" : message;
  }

  private static String reason(FileSystemException e) {
    if (e instanceof AccessDeniedException) {
      return "Permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "No such file or directory";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "File exists";
    }
    if (e instanceof NotDirectoryException) {
      return "Not a directory";
    }
    if (e instanceof DirectoryNotEmptyException) {
      return "Directory not empty";
    }
    return "file system error";
  }

  private static String firstLine(String message) {
    String stripped = message.strip();
    int newline = stripped.indexOf('\n');
    return newline < 0 ? stripped : stripped.substring(0, newline).strip();
  }

  private static String simpleName(Throwable e) {
    return e.getClass().getSimpleName();
  }
}
