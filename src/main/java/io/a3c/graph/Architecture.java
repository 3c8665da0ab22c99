package io.a3c.graph;

/** The fixed shape of the reference network; hyper-parameters live in HyperParameters. */
public final class Architecture {
  public static final int CONV_LAYERS = 4;
  public static final int CONV_FILTERS = 32;
  public static final int CONV_KERNEL = 3;
  public static final int CONV_STRIDE = 2;
  /** Width of each of the two ReLU layers of the dense torso used for vector observations. */
  public static final int DENSE_UNITS = 128;
  public static final int DENSE_LAYERS = 2;
  public static final int LSTM_UNITS = 256;
  /** BasicLSTMCell adds 1.0 to the forget gate so early training does not forget everything. */
  public static final float FORGET_BIAS = 1.0f;

  private Architecture() {}

  /** Side of the feature map after the conv stack: 47 -> 23 -> 11 -> 5 -> 2. */
  public static int convOutputSide(int side) {
    for (int i = 0; i < CONV_LAYERS; i++) {
      side = (side - CONV_KERNEL) / CONV_STRIDE + 1;
    }
    return side;
  }

  /** The smallest frame the conv stack accepts (every layer needs at least one 3x3 window). */
  public static int minimumFrameSide() {
    int side = 1;
    for (int i = 0; i < CONV_LAYERS; i++) {
      side = (side - 1) * CONV_STRIDE + CONV_KERNEL;
    }
    return side;
  }
}
