package io.a3c.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NpzTest {
  @Test
  void npyHeaderIsAlignedAndValuesAreLittleEndianFloats() {
    byte[] npy = Npz.npy(new Npz.Array(new float[] {1.5f, -2f, 3.25f, 0f, 7f, 8f},
        new long[] {2, 3}));
    ByteBuffer b = ByteBuffer.wrap(npy).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals((byte) 0x93, b.get());
    byte[] magic = new byte[5];
    b.get(magic);
    assertEquals("NUMPY", new String(magic, StandardCharsets.US_ASCII));
    assertEquals(1, b.get());
    assertEquals(0, b.get());
    int headerLength = b.getShort();
    assertEquals(0, (10 + headerLength) % 64, "data starts on a 64-byte boundary");
    String header = new String(npy, 10, headerLength, StandardCharsets.US_ASCII);
    assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", header.strip());
    b.position(10 + headerLength);
    assertEquals(1.5f, b.getFloat());
    assertEquals(-2f, b.getFloat());
    String vector = new String(Npz.npy(new Npz.Array(new float[] {1}, new long[] {1})),
        StandardCharsets.US_ASCII);
    assertEquals(true, vector.contains("'shape': (1,)"));
  }
}
