package io.a3c.config;

import com.google.gson.annotations.SerializedName;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The network's details within its fixed shape (4 conv layers of 32 3x3 filters with stride 2, a
 * 256-unit LSTM, logits and value heads).
 *
 * <p>{@link #ELU_SAME} is the default because it learns Pong where the reference's network, fed
 * the reference's frames, does not (docs/experiments.md); {@link #REFERENCE} is the reference's
 * network exactly.
 */
public enum Network {
  /**
   * SAME padding (42 -> 21 -> 11 -> 6 -> 3: 288 features), ELU; Glorot-uniform torso and LSTM;
   * logits head columns of norm 0.01 (a near-uniform first policy) and value head columns of norm
   * 1.0; all biases 0 and no forget-gate bias.
   */
  @SerializedName("elu-same")
  ELU_SAME("elu-same", true, true, 0f),
  /**
   * The reference: VALID padding (47 -> 23 -> 11 -> 5 -> 2: 128 features), ReLU, Glorot-uniform
   * weights everywhere including both heads, zero biases, forget-gate bias 1.0 (BasicLSTMCell).
   */
  @SerializedName("reference")
  REFERENCE("reference", false, false, 1f);

  private final String id;
  private final boolean samePadding;
  private final boolean eluAndNormalizedHeads;
  private final float forgetBias;

  Network(String id, boolean samePadding, boolean eluAndNormalizedHeads, float forgetBias) {
    this.id = id;
    this.samePadding = samePadding;
    this.eluAndNormalizedHeads = eluAndNormalizedHeads;
    this.forgetBias = forgetBias;
  }

  /** The name users type ({@code --network elu-same}) and config files record. */
  public String id() {
    return id;
  }

  /** TensorFlow's padding name for the conv layers. */
  public String padding() {
    return samePadding ? "SAME" : "VALID";
  }

  /** ELU (true) or ReLU (false) after every torso layer. */
  public boolean elu() {
    return eluAndNormalizedHeads;
  }

  /**
   * Whether the heads start with normalised Gaussian columns (logits 0.01, value 1.0) rather than
   * Glorot-uniform weights.
   */
  public boolean normalizedHeads() {
    return eluAndNormalizedHeads;
  }

  /** Added to the LSTM's forget gate before its sigmoid. */
  public float forgetBias() {
    return forgetBias;
  }

  /** Side of the conv stack's output for a square input of side {@code side}. */
  public int convOutputSide(int side, int layers, int kernel, int stride) {
    for (int i = 0; i < layers; i++) {
      side = samePadding ? (side + stride - 1) / stride : (side - kernel) / stride + 1;
    }
    return side;
  }

  /** The smallest input side that leaves at least one feature after the conv stack. */
  public int minimumSide(int layers, int kernel, int stride) {
    if (samePadding) {
      return 1;
    }
    int side = 1;
    for (int i = 0; i < layers; i++) {
      side = (side - 1) * stride + kernel;
    }
    return side;
  }

  /** Parses a user's {@code --network} value. */
  public static Network parse(String s) {
    for (Network n : values()) {
      if (n.id.equalsIgnoreCase(s) || n.name().equalsIgnoreCase(s)) {
        return n;
      }
    }
    throw new InvalidInputException("--network must be one of " + ids() + " (got '" + s + "')");
  }

  static String ids() {
    return Arrays.stream(values()).map(Network::id).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return id;
  }
}
