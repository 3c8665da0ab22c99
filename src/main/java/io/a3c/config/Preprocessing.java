package io.a3c.config;

import com.google.gson.annotations.SerializedName;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How a Gymnasium image observation (an Atari frame) or a built-in game's frame becomes the
 * network's input. Vector observations pass through unchanged, whatever is chosen here. Built-in
 * pixel games get the same treatment in Java: their playing field (all of catch, volley without its
 * score bar and walls), area-resized, then the same running normalisation; with {@link #REFERENCE}
 * the whole frame as drawn, area-resized to the frame size.
 *
 * <p>{@link #CROPPED_NORMALIZED} is the default: it is what made Pong learn (docs/experiments.md).
 * Pong's ball and paddles are a few pixels on a frame dominated by static borders and the score;
 * cropping to the playing field and normalising scales what moves up by about 70 times.
 */
public enum Preprocessing {
  /**
   * Atari frames cropped to rows 34-193 (the playing field, without the score), resized to 80x80
   * then to the frame size (bilinear, OpenCV), grayscale = mean of RGB, / 255, then normalised by
   * a running scalar mean and standard deviation of the frames seen by that environment (each
   * frame's own mean and std, smoothed with 0.9999 and bias-corrected). Non-Atari images skip the
   * crop.
   */
  @SerializedName("cropped-normalized")
  CROPPED_NORMALIZED("cropped-normalized", 42),
  /** The reference: the whole frame, mean of RGB, area resize, values in [0, 1]. */
  @SerializedName("reference")
  REFERENCE("reference", 47);

  private final String id;
  private final int defaultFrameSize;

  Preprocessing(String id, int defaultFrameSize) {
    this.id = id;
    this.defaultFrameSize = defaultFrameSize;
  }

  /** The name users type ({@code --preprocessing reference}), config files and the bridge use. */
  public String id() {
    return id;
  }

  /** The frame size used when {@code --frame-size} is not given. */
  public int defaultFrameSize() {
    return defaultFrameSize;
  }

  /** Parses a user's {@code --preprocessing} value. */
  public static Preprocessing parse(String s) {
    for (Preprocessing p : values()) {
      if (p.id.equalsIgnoreCase(s) || p.name().equalsIgnoreCase(s)) {
        return p;
      }
    }
    throw new InvalidInputException("--preprocessing must be one of " + ids() + " (got '" + s
        + "')");
  }

  static String ids() {
    return Arrays.stream(values()).map(Preprocessing::id).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return id;
  }
}
