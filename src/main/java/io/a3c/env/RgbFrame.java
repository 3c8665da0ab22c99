package io.a3c.env;

/**
 * A full-colour frame as people see the game, for recordings.
 *
 * @param width pixels per row
 * @param height rows
 * @param rgb {@code height * width * 3} bytes, row-major, red-green-blue
 */
public record RgbFrame(int width, int height, byte[] rgb) {
  public RgbFrame {
    if (rgb.length != width * height * 3) {
      throw new IllegalArgumentException(
          "expected " + width * height * 3 + " bytes for " + width + "x" + height + ", got "
              + rgb.length);
    }
  }
}
