package io.a3c.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class InvalidInputExceptionTest {

  @Test
  void libraryClassNamesLeaveTheMessage() {
    assertEquals("malformed config file a.json: Unterminated object at line 1 column 9",
        new InvalidInputException("malformed config file a.json: "
            + "com.google.gson.stream.MalformedJsonException: Unterminated object at line 1 "
            + "column 9").getMessage());
    assertEquals("cannot read x: No such file",
        new InvalidInputException("cannot read x: java.nio.file.NoSuchFileException: No such "
            + "file").getMessage());
  }

  @Test
  void plainMessagesAndPathsStayAsTheyAre() {
    String message = "--eval-every must be 0 (off) or a positive number of minutes (got -1.0);"
        + " see models/catch/run.1/config.json";
    assertEquals(message, new InvalidInputException(message).getMessage());
  }
}
