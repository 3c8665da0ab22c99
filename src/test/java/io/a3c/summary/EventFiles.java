package io.a3c.summary;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.tensorflow.proto.Event;

/** Reads TensorBoard event files (TFRecord framing: length, crc, data, crc) for tests. */
public final class EventFiles {
  private EventFiles() {}

  public static List<Path> files(Path logdir) throws IOException {
    try (Stream<Path> s = Files.list(logdir)) {
      return s.filter(p -> p.getFileName().toString().contains("tfevents")).sorted().toList();
    }
  }

  public static List<Event> read(Path logdir) throws IOException {
    List<Event> out = new ArrayList<>();
    for (Path f : files(logdir)) {
      ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
      while (b.remaining() >= 12) {
        long length = b.getLong();
        b.getInt();
        byte[] data = new byte[(int) length];
        b.get(data);
        b.getInt();
        out.add(Event.parseFrom(data));
      }
    }
    return out;
  }
}
