package io.a3c.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import org.junit.jupiter.api.Test;

/** Failures read as one line with the operating system's reason and no class names. */
class FailuresTest {
  @Test
  void addsTheRootCauseReasonToTheMessage() {
    RuntimeException e = new UncheckedIOException("cannot write a checkpoint in /run/checkpoints",
        new IOException("No space left on device"));
    assertEquals("cannot write a checkpoint in /run/checkpoints: No space left on device",
        Failures.describe(e));
  }

  @Test
  void namesTheFileAndReasonOfFileSystemErrors() {
    RuntimeException readOnly = new UncheckedIOException("cannot write /run/progress.csv",
        new FileSystemException("/run/progress.csv", null, "Read-only file system"));
    assertEquals("cannot write /run/progress.csv: /run/progress.csv: Read-only file system",
        Failures.describe(readOnly));
    // AccessDeniedException says only the file; the reason is added.
    assertEquals("/run/.lock: Permission denied",
        Failures.describe(new AccessDeniedException("/run/.lock")));
  }

  @Test
  void keepsOneLineWithoutClassNames() {
    RuntimeException e = new IllegalStateException(
        "save failed\n\tat org.tensorflow.Session.run", new RuntimeException(
            "java.io.IOException: /tmp/x/variables.data; No space left on device\nmore"));
    String line = Failures.describe(e);
    assertEquals("save failed: /tmp/x/variables.data; No space left on device", line);
    assertFalse(line.contains("java.io"));
  }

  @Test
  void doesNotRepeatWhatTheMessageSaysAlready() {
    IOException root = new IOException("disk full");
    assertEquals("write failed: disk full",
        Failures.describe(new RuntimeException("write failed: disk full", root)));
    assertEquals("disk full", Failures.describe(new RuntimeException(root)));
    assertEquals("NullPointerException", Failures.describe(new NullPointerException()));
  }
}
