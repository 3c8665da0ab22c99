package io.a3c.eval;

import io.a3c.graph.Architecture;
import io.a3c.graph.WorkerNetwork;

/**
 * A policy that acts through a worker's network of the training graph (after the global weights
 * were restored and synced into it), greedy or sampled.
 */
public final class GraphPolicy implements Policy {
  private final WorkerNetwork network;
  private final boolean greedy;
  private float[] c = new float[Architecture.LSTM_UNITS];
  private float[] h = new float[Architecture.LSTM_UNITS];

  public GraphPolicy(WorkerNetwork network, boolean greedy) {
    this.network = network;
    this.greedy = greedy;
  }

  @Override
  public void reset() {
    c = new float[Architecture.LSTM_UNITS];
    h = new float[Architecture.LSTM_UNITS];
  }

  @Override
  public int act(float[] observation) {
    WorkerNetwork.Act a = network.act(observation, c, h, greedy);
    c = a.c();
    h = a.h();
    return a.actions()[0];
  }
}
