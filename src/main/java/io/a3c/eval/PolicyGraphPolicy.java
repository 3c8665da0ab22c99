package io.a3c.eval;

import io.a3c.export.PolicyGraph;
import io.a3c.graph.Architecture;
import java.util.Random;

/**
 * A policy that acts through a {@link PolicyGraph} whose weights were restored from a checkpoint
 * (evaluation during training: the exported policy's own graph, apart from the training session).
 * It does not own the graph.
 */
public final class PolicyGraphPolicy implements Policy {
  private static final int UNITS = Architecture.LSTM_UNITS;

  private final PolicyGraph graph;
  private final boolean greedy;
  private final Random random;
  private float[] c = new float[UNITS];
  private float[] h = new float[UNITS];

  public PolicyGraphPolicy(PolicyGraph graph, boolean greedy, long seed) {
    this.graph = graph;
    this.greedy = greedy;
    this.random = new Random(seed);
  }

  @Override
  public void reset() {
    c = new float[UNITS];
    h = new float[UNITS];
  }

  @Override
  public int act(float[] observation) {
    PolicyGraph.Outputs out = graph.run(observation, 1, c, h);
    c = out.c();
    h = out.h();
    return greedy ? Logits.argmax(out.logits()) : Logits.sample(out.logits(), random);
  }
}
