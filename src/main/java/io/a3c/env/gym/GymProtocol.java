package io.a3c.env.gym;

import java.nio.charset.StandardCharsets;

/**
 * Constants of the pipe protocol spoken with {@code env_server.py}; the script's docstring is the
 * full description. Frames are a little-endian {@code u32} length and a payload whose first byte
 * is the message type.
 */
final class GymProtocol {
  private GymProtocol() {}

  /** {@code \r\n} inside catches a channel that rewrites line endings. */
  static final byte[] MAGIC = "A3CGYM\r\n".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;

  /**
   * Frame limit until the observation size is known: the hello, spec and id-list frames are a
   * few kilobytes, so a larger length means the stream is garbage.
   */
  static final int HANDSHAKE_MAX_FRAME = 4 << 20;
  /** Room for an error frame (message and traceback are capped at 32 KiB each in the server). */
  static final int ERROR_ALLOWANCE = 128 << 10;
  /** Room for a rendered RGB frame of a non-Atari environment when frames are recorded. */
  static final int RENDER_ALLOWANCE = 32 << 20;

  // Client -> server.
  static final byte OPEN = 'O';
  static final byte LIST = 'L';
  static final byte RESET = 'R';
  static final byte STEP = 'S';
  static final byte BENCH = 'B';
  // Server -> client.
  static final byte HELLO = 'H';
  static final byte SPEC = 'P';
  static final byte JSON = 'J';
  static final byte FRAME = 'F';
  static final byte ERROR = 'E';

  static final int FLAG_TERMINAL = 1;
  static final int FLAG_GAME_OVER = 2;
  static final int FLAG_TRUNCATED = 4;
  static final int FLAG_HAS_FRAME = 8;

  /** Bytes of an observation frame before the observation: type, f64 reward, u8 flags. */
  static final int FRAME_HEADER = 1 + 8 + 1;

  /** The largest reply expected once an environment with {@code obsFloats} is open. */
  static int maxReply(int obsFloats, boolean recordFrames) {
    long max = FRAME_HEADER + 4L * obsFloats + (recordFrames ? 4 + RENDER_ALLOWANCE : 0);
    return (int) Math.min(Integer.MAX_VALUE - 8, Math.max(max, ERROR_ALLOWANCE));
  }
}
