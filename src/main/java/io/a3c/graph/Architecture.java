package io.a3c.graph;

import io.a3c.config.Network;

/**
 * The network's fixed shape; its details (padding, activation, initialisation) are a
 * {@link Network}, and hyper-parameters live in HyperParameters.
 */
public final class Architecture {
  public static final int CONV_LAYERS = 4;
  public static final int CONV_FILTERS = 32;
  public static final int CONV_KERNEL = 3;
  public static final int CONV_STRIDE = 2;
  /** Width of each of the two ReLU layers of the dense torso used for vector observations. */
  public static final int DENSE_UNITS = 128;
  public static final int DENSE_LAYERS = 2;
  public static final int LSTM_UNITS = 256;
  private Architecture() {}

  /**
   * Side of the feature map after the conv stack: 42 -> 21 -> 11 -> 6 -> 3 with SAME padding,
   * 47 -> 23 -> 11 -> 5 -> 2 with the reference's VALID.
   */
  public static int convOutputSide(Network network, int side) {
    return network.convOutputSide(side, CONV_LAYERS, CONV_KERNEL, CONV_STRIDE);
  }

  /** The smallest frame the conv stack accepts (with VALID, each layer needs a 3x3 window). */
  public static int minimumFrameSide(Network network) {
    return network.minimumSide(CONV_LAYERS, CONV_KERNEL, CONV_STRIDE);
  }
}
