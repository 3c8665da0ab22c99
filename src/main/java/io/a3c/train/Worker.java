package io.a3c.train;

import io.a3c.config.HyperParameters;
import io.a3c.env.Environment;
import io.a3c.env.EnvironmentInterruptedException;
import io.a3c.env.Step;
import io.a3c.graph.Architecture;
import io.a3c.graph.WorkerNetwork;
import io.a3c.summary.SummarySink;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One A3C worker: K environments stepped together, one local network copy. Each iteration syncs
 * the local copy from the global one, rolls out up to T steps per environment, bootstraps from
 * V(s_T) unless the episode ended, computes returns and advantages, and trains.
 *
 * <p>The LSTM state is carried from one rollout to the next within an episode and reset to zero
 * when an episode ends; a rollout trains from the state it started with.
 */
public final class Worker implements Runnable {
  private static final Logger LOG = LogManager.getLogger(Worker.class);
  private static final int UNITS = Architecture.LSTM_UNITS;

  private final int index;
  private final WorkerNetwork network;
  private final List<Environment> envs;
  private final HyperParameters hp;
  private final EpisodeLog episodes;
  private final SummarySink summaries;
  private final BooleanSupplier stopRequested;
  private final long startNanos;
  private final int k;
  private final int t;
  private final int obsSize;

  // Per-sequence state carried across rollouts.
  private final float[][] observation;
  private final float[] c;
  private final float[] h;
  private final double[] score;
  private final long[] length;
  private final long[] episodeStart;

  // The rollout buffer, reused.
  private final float[] x;
  private final float[] mask;
  private final int[] actions;
  private final float[][] rewards;
  private final float[][] values;
  private final float[] advantages;
  private final float[] returns;
  private final float[] batchValues;

  private long trainSteps;
  private long interruptions;
  private long lastGlobalStep;

  public Worker(int index, WorkerNetwork network, List<Environment> envs, HyperParameters hp,
      EpisodeLog episodes, SummarySink summaries, BooleanSupplier stopRequested,
      long startNanos) {
    this.index = index;
    this.network = network;
    this.envs = List.copyOf(envs);
    this.hp = hp;
    this.episodes = episodes;
    this.summaries = summaries;
    this.stopRequested = stopRequested;
    this.startNanos = startNanos;
    this.k = envs.size();
    this.t = hp.localSteps();
    if (k != network.graph().sequences()) {
      throw new IllegalArgumentException("the graph expects " + network.graph().sequences()
          + " environments per worker, got " + k);
    }
    this.obsSize = envs.get(0).spec().observationSize();
    observation = new float[k][];
    c = new float[k * UNITS];
    h = new float[k * UNITS];
    score = new double[k];
    length = new long[k];
    episodeStart = new long[k];
    x = new float[k * t * obsSize];
    mask = new float[k * t];
    actions = new int[k * t];
    rewards = new float[k][t];
    values = new float[k][t];
    advantages = new float[k * t];
    returns = new float[k * t];
    batchValues = new float[k * t];
  }

  @Override
  public void run() {
    for (int s = 0; s < k; s++) {
      startGame(s);
    }
    while (!stopRequested.getAsBoolean()) {
      iterate();
    }
  }

  /** One sync, rollout and training step. Returns the global step after training. */
  long iterate() {
    network.sync();
    float[] c0 = c.clone();
    float[] h0 = h.clone();
    Arrays.fill(mask, 0);
    Arrays.fill(x, 0);
    Arrays.fill(actions, 0);
    int[] used = new int[k];
    boolean[] open = new boolean[k];
    Arrays.fill(open, true);
    boolean[] terminal = new boolean[k];
    // Where each sequence's bootstrap value comes from: the observation and LSTM state after
    // its last step (or before a failed one).
    float[][] bootObs = new float[k][];
    float[] bootC = new float[k * UNITS];
    float[] bootH = new float[k * UNITS];
    boolean[] restart = new boolean[k];

    float[] actX = new float[k * obsSize];
    for (int step = 0; step < t && any(open); step++) {
      for (int s = 0; s < k; s++) {
        System.arraycopy(observation[s], 0, actX, s * obsSize, obsSize);
      }
      WorkerNetwork.Act act = network.act(actX, c, h, false);
      for (int s = 0; s < k; s++) {
        if (!open[s]) {
          continue;
        }
        int row = s * t + step;
        Step result;
        try {
          result = envs.get(s).step(act.actions()[s]);
        } catch (EnvironmentInterruptedException e) {
          // Not a terminal state: bootstrap from the last observation we have, then restart.
          interruptions++;
          LOG.warn("worker {}: environment {} failed and restarts ({}); the partial rollout "
              + "trains as interrupted, not terminal", index, s, e.getMessage());
          closeSequence(s, open, bootObs, bootC, bootH);
          restart[s] = true;
          continue;
        }
        System.arraycopy(observation[s], 0, x, row * obsSize, obsSize);
        actions[row] = act.actions()[s];
        values[s][step] = act.values()[s];
        rewards[s][step] = Returns.clip(result.reward());
        mask[row] = 1;
        used[s]++;
        score[s] += result.reward();
        length[s]++;
        System.arraycopy(act.c(), s * UNITS, c, s * UNITS, UNITS);
        System.arraycopy(act.h(), s * UNITS, h, s * UNITS, UNITS);
        observation[s] = result.observation();
        if (result.terminal()) {
          terminal[s] = true;
          open[s] = false;
        } else if (result.gameOver()) {
          // Cut off by a time limit: bootstrap from the last observation, then start over.
          closeSequence(s, open, bootObs, bootC, bootH);
        }
        if (result.gameOver()) {
          finishGame(s);
          restart[s] = true;
        }
      }
    }
    for (int s = 0; s < k; s++) {
      if (open[s]) {
        closeSequence(s, open, bootObs, bootC, bootH);
      }
    }
    float[] bootstrap = bootstrapValues(terminal, bootObs, bootC, bootH);
    for (int s = 0; s < k; s++) {
      if (terminal[s] || restart[s]) {
        zeroState(s);
      }
      if (restart[s]) {
        startGame(s);
      }
    }

    int total = 0;
    for (int s = 0; s < k; s++) {
      int n = used[s];
      total += n;
      float[] ret = Returns.discounted(rewards[s], n, hp.discount(), bootstrap[s]);
      float[] adv = Returns.advantages(rewards[s], values[s], n, hp.discount(), hp.gaeLambda(),
          bootstrap[s]);
      Arrays.fill(returns, s * t, (s + 1) * t, 0f);
      Arrays.fill(advantages, s * t, (s + 1) * t, 0f);
      Arrays.fill(batchValues, s * t, (s + 1) * t, 0f);
      System.arraycopy(ret, 0, returns, s * t, n);
      System.arraycopy(adv, 0, advantages, s * t, n);
      System.arraycopy(values[s], 0, batchValues, s * t, n);
    }
    if (total == 0) {
      return -1;
    }
    boolean summarize = index == 0 && trainSteps % hp.summaryInterval() == 0;
    WorkerNetwork.TrainStats stats = network.train(
        new WorkerNetwork.Batch(x, c0, h0, mask, actions, advantages, returns), summarize);
    trainSteps++;
    lastGlobalStep = stats.globalStep();
    if (summarize) {
      summaries.model(index, stats.globalStep(), new SummarySink.ModelStats(
          stats.loss() / total, stats.policyLoss() / total, stats.valueLoss() / total,
          stats.entropy() / total, stats.variableNorm(), stats.gradientNorm(),
          explainedVariance(total)));
    }
    return stats.globalStep();
  }

  private double explainedVariance(int total) {
    float[] v = new float[total];
    float[] r = new float[total];
    int i = 0;
    for (int row = 0; row < mask.length; row++) {
      if (mask[row] > 0) {
        v[i] = batchValues[row];
        r[i] = returns[row];
        i++;
      }
    }
    return Returns.explainedVariance(v, r, total);
  }

  private void closeSequence(int s, boolean[] open, float[][] bootObs, float[] bootC,
      float[] bootH) {
    open[s] = false;
    bootObs[s] = observation[s];
    System.arraycopy(c, s * UNITS, bootC, s * UNITS, UNITS);
    System.arraycopy(h, s * UNITS, bootH, s * UNITS, UNITS);
  }

  /** V(s_T) for every sequence that did not end in a terminal state, in one batched run. */
  private float[] bootstrapValues(boolean[] terminal, float[][] bootObs, float[] bootC,
      float[] bootH) {
    float[] out = new float[k];
    boolean needed = false;
    float[] bx = new float[k * obsSize];
    for (int s = 0; s < k; s++) {
      if (!terminal[s] && bootObs[s] != null) {
        System.arraycopy(bootObs[s], 0, bx, s * obsSize, obsSize);
        needed = true;
      }
    }
    if (needed) {
      float[] v = network.act(bx, bootC, bootH, false).values();
      for (int s = 0; s < k; s++) {
        out[s] = terminal[s] ? 0f : v[s];
      }
    }
    return out;
  }

  private void startGame(int s) {
    zeroState(s);
    score[s] = 0;
    length[s] = 0;
    episodeStart[s] = System.nanoTime();
    while (true) {
      try {
        observation[s] = envs.get(s).reset();
        return;
      } catch (EnvironmentInterruptedException e) {
        interruptions++;
        LOG.warn("worker {}: environment {} failed on reset ({}); retrying", index, s,
            e.getMessage());
        if (stopRequested.getAsBoolean() || interruptions > 1000) {
          throw e;
        }
      }
    }
  }

  /** Records a finished game at the global step of this worker's latest update. */
  private void finishGame(int s) {
    double seconds = (System.nanoTime() - episodeStart[s]) / 1e9;
    episodes.add(new EpisodeLog.Episode(lastGlobalStep, (System.nanoTime() - startNanos) / 1e9,
        score[s], length[s]));
    summaries.episode(index, lastGlobalStep, score[s], length[s],
        seconds > 0 ? length[s] / seconds : 0);
    LOG.debug("worker {}: game over, score {}, length {}", index, score[s], length[s]);
  }

  private void zeroState(int s) {
    Arrays.fill(c, s * UNITS, (s + 1) * UNITS, 0f);
    Arrays.fill(h, s * UNITS, (s + 1) * UNITS, 0f);
  }

  private static boolean any(boolean[] flags) {
    for (boolean f : flags) {
      if (f) {
        return true;
      }
    }
    return false;
  }

  public long interruptions() {
    return interruptions;
  }

  public long trainSteps() {
    return trainSteps;
  }
}
