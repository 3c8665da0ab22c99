package io.a3c.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes float32 arrays as a NumPy {@code .npz} file (a zip of {@code .npy} files, format 1.0),
 * read in Python with {@code numpy.load}. Binary, so values round-trip exactly.
 */
final class Npz {
  /** One array: its values (row-major) and shape. */
  record Array(float[] values, long[] shape) {
    Array {
      long n = 1;
      for (long d : shape) {
        n *= d;
      }
      if (n != values.length) {
        throw new IllegalArgumentException("shape does not match " + values.length + " values");
      }
    }
  }

  private final Map<String, Array> arrays = new LinkedHashMap<>();

  Npz put(String name, float[] values, long... shape) {
    arrays.put(name, new Array(values, shape));
    return this;
  }

  void write(Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, Array> e : arrays.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
        zip.write(npy(e.getValue()));
        zip.closeEntry();
      }
    }
  }

  static byte[] npy(Array a) {
    StringBuilder shape = new StringBuilder("(");
    for (int i = 0; i < a.shape().length; i++) {
      shape.append(i == 0 ? "" : ", ").append(a.shape()[i]);
    }
    shape.append(a.shape().length == 1 ? ",)" : ")");
    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
    // Magic (6) + version (2) + header length (2) + header, padded with spaces to a multiple
    // of 64 and ended by a newline.
    int unpadded = 10 + dict.length() + 1;
    int padding = (64 - unpadded % 64) % 64;
    String header = dict + " ".repeat(padding) + "\n";
    ByteBuffer buf = ByteBuffer.allocate(10 + header.length() + 4 * a.values().length)
        .order(ByteOrder.LITTLE_ENDIAN);
    buf.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII))
        .put((byte) 1).put((byte) 0).putShort((short) header.length())
        .put(header.getBytes(StandardCharsets.US_ASCII));
    for (float v : a.values()) {
      buf.putFloat(v);
    }
    return buf.array();
  }
}
