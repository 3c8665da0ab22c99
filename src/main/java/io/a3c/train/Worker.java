package io.a3c.train;

import io.a3c.config.HyperParameters;
import io.a3c.env.Environment;
import io.a3c.env.EnvironmentInterruptedException;
import io.a3c.env.Step;
import io.a3c.env.VectorEnvironment;
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
  private final VectorEnvironment envs;
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
  private final float[] resets;
  private final float[][] endValues;
  private final boolean[] episodeStartsHere;
  private final float[] segmentReturns;
  private final float[] segmentAdvantages;
  private final int[] actions;
  private final float[][] rewards;
  private final float[][] values;
  private final float[] advantages;
  private final float[] returns;
  private final float[] batchValues;

  // The pipeline: sequences [groupStart[g], groupStart[g + 1]) form group g.
  private final int[] groupStart;
  private final float[][] groupX;
  private final int[] used;
  // What the latest act chose for each sequence, until its step comes back.
  private final int[] pendingAction;
  private final float[] pendingValue;
  private final float[] pendingC;
  private final float[] pendingH;

  private long trainSteps;
  private volatile long interruptions;
  private long lastGlobalStep;

  public Worker(int index, WorkerNetwork network, List<Environment> envs, HyperParameters hp,
      EpisodeLog episodes, SummarySink summaries, BooleanSupplier stopRequested,
      long startNanos) {
    this(index, network, envs, hp, episodes, summaries, stopRequested, startNanos,
        DEFAULT_GROUPS);
  }

  /**
   * @param groups 1, or 2 to act for one half of the environments while the other half's games
   *     play (at most K)
   */
  public Worker(int index, WorkerNetwork network, List<Environment> envs, HyperParameters hp,
      EpisodeLog episodes, SummarySink summaries, BooleanSupplier stopRequested,
      long startNanos, int groups) {
    if (groups < 1 || groups > Math.min(2, envs.size())) {
      throw new IllegalArgumentException("groups must be 1, or 2 with 2 or more environments "
          + "(got " + groups + " for " + envs.size() + ")");
    }
    this.index = index;
    this.network = network;
    this.envs = new VectorEnvironment(envs);
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
    resets = new float[k * t];
    endValues = new float[k][t];
    episodeStartsHere = new boolean[k];
    segmentReturns = new float[t];
    segmentAdvantages = new float[t];
    actions = new int[k * t];
    rewards = new float[k][t];
    values = new float[k][t];
    advantages = new float[k * t];
    returns = new float[k * t];
    batchValues = new float[k * t];
    groupStart = new int[groups + 1];
    groupX = new float[groups][];
    for (int g = 0; g < groups; g++) {
      groupStart[g + 1] = k * (g + 1) / groups;
      groupX[g] = new float[(groupStart[g + 1] - groupStart[g]) * obsSize];
    }
    used = new int[k];
    pendingAction = new int[k];
    pendingValue = new float[k];
    pendingC = new float[k * UNITS];
    pendingH = new float[k * UNITS];
  }

  /**
   * One group: measured with {@code a3c bench --table} on the 2-core machine (Pong, 2 workers),
   * two groups were 3-12% slower at 4, 8 and 16 environments per worker, because both cores are
   * already busy and two groups cost two acting runs per step instead of one; with 1 worker they
   * paid only at 2 environments (+17%). Two groups stay available for benchmarks
   * ({@link Trainer#envGroups}) and machines with cores to spare.
   */
  public static final int DEFAULT_GROUPS = 1;

  @Override
  public void run() {
    start();
    // Each worker also stops itself at the step limit, so a single-worker run stops at the
    // same update every time (reproducible with --seed).
    while (!stopRequested.getAsBoolean()) {
      if (iterate() >= hp.maxSteps()) {
        return;
      }
    }
  }

  /** Starts a game in every environment. */
  void start() {
    for (int s = 0; s < k; s++) {
      startGame(s);
    }
  }

  /**
   * One sync, rollout and training step. Returns the global step after training.
   *
   * <p>With two groups, the rollout is a two-stage pipeline: while the games of one group play
   * their step (in their child processes), the network acts for the other group. The rollout is
   * the same as with one group (same weights, same sequences, same rows); only the order of the
   * work differs, so the two cores are busy at once.
   */
  long iterate() {
    network.sync();
    float[] c0 = c.clone();
    float[] h0 = h.clone();
    Arrays.fill(mask, 0);
    Arrays.fill(resets, 0);
    Arrays.fill(x, 0);
    Arrays.fill(actions, 0);
    for (float[] e : endValues) {
      Arrays.fill(e, Float.NaN);
    }
    Arrays.fill(used, 0);
    int groups = groupStart.length - 1;
    actAndSend(0);
    for (int step = 0; step < t; step++) {
      for (int g = 0; g < groups; g++) {
        int next = (g + 1) % groups;
        boolean more = g + 1 < groups || step + 1 < t;
        if (more && next != g) {
          actAndSend(next);
        }
        receive(g);
        if (more && next == g) {
          actAndSend(next);
        }
      }
    }
    float[] bootstrap = network.act(actXOf(), c, h, false).values();

    int total = 0;
    for (int s = 0; s < k; s++) {
      int n = used[s];
      total += n;
      Returns.compute(rewards[s], values[s], endValues[s], n, hp.discount(), hp.gaeLambda(),
          bootstrap[s], segmentReturns, segmentAdvantages);
      Arrays.fill(returns, s * t, (s + 1) * t, 0f);
      Arrays.fill(advantages, s * t, (s + 1) * t, 0f);
      Arrays.fill(batchValues, s * t, (s + 1) * t, 0f);
      System.arraycopy(segmentReturns, 0, returns, s * t, n);
      System.arraycopy(segmentAdvantages, 0, advantages, s * t, n);
      System.arraycopy(values[s], 0, batchValues, s * t, n);
    }
    if (total == 0) {
      return -1;
    }
    boolean summarize = index == 0 && trainSteps % hp.summaryInterval() == 0;
    WorkerNetwork.TrainStats stats = network.train(
        new WorkerNetwork.Batch(x, c0, h0, mask, resets, actions, advantages, returns),
        summarize);
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

  /** Acts for group {@code g}'s current observations and starts their games' steps. */
  private void actAndSend(int g) {
    int lo = groupStart[g];
    int n = groupStart[g + 1] - lo;
    float[] gx = groupX[g];
    for (int s = 0; s < n; s++) {
      System.arraycopy(observation[lo + s], 0, gx, s * obsSize, obsSize);
    }
    WorkerNetwork.Act act = network.act(gx,
        Arrays.copyOfRange(c, lo * UNITS, (lo + n) * UNITS),
        Arrays.copyOfRange(h, lo * UNITS, (lo + n) * UNITS), false);
    for (int s = 0; s < n; s++) {
      pendingAction[lo + s] = act.actions()[s];
      pendingValue[lo + s] = act.values()[s];
    }
    System.arraycopy(act.c(), 0, pendingC, lo * UNITS, n * UNITS);
    System.arraycopy(act.h(), 0, pendingH, lo * UNITS, n * UNITS);
    for (int s = lo; s < lo + n; s++) {
      envs.send(s, pendingAction[s]);
    }
  }

  /** Collects group {@code g}'s steps into the rollout. */
  private void receive(int g) {
    for (int s = groupStart[g]; s < groupStart[g + 1]; s++) {
      int n = used[s];
      Step result;
      try {
        result = envs.receive(s);
      } catch (EnvironmentInterruptedException e) {
        // Not a terminal state: the segment so far bootstraps from V of the last observation
        // (computed by the act that chose this step), and a fresh game starts.
        interruptions++;
        LOG.warn("worker {}: environment {} failed and restarts ({}); the partial episode "
            + "counts as interrupted, not terminal", index, s, e.getMessage());
        if (n > 0) {
          endValues[s][n - 1] = pendingValue[s];
        }
        startGame(s);
        continue;
      }
      int row = s * t + n;
      System.arraycopy(observation[s], 0, x, row * obsSize, obsSize);
      actions[row] = pendingAction[s];
      values[s][n] = pendingValue[s];
      rewards[s][n] = Returns.clip(result.reward());
      mask[row] = 1;
      resets[row] = episodeStartsHere[s] ? 1 : 0;
      episodeStartsHere[s] = false;
      used[s] = n + 1;
      score[s] += result.reward();
      length[s]++;
      System.arraycopy(pendingC, s * UNITS, c, s * UNITS, UNITS);
      System.arraycopy(pendingH, s * UNITS, h, s * UNITS, UNITS);
      observation[s] = result.observation();
      if (result.terminal()) {
        endValues[s][n] = 0;
      } else if (result.gameOver()) {
        // Cut off by a time limit: the value of the state it stopped in still counts.
        endValues[s][n] = valueOf(s);
      }
      if (result.gameOver()) {
        finishGame(s);
        startGame(s);
      } else if (result.terminal()) {
        // A lost life ends the learning episode; the game goes on from a fresh state.
        beginEpisode(s);
      }
    }
  }

  /** The current observations of all K sequences, side by side. */
  private float[] actXOf() {
    float[] out = new float[k * obsSize];
    for (int s = 0; s < k; s++) {
      System.arraycopy(observation[s], 0, out, s * obsSize, obsSize);
    }
    return out;
  }

  /** V of sequence {@code s}'s current observation and state (one extra run, rarely needed). */
  private float valueOf(int s) {
    return network.act(observation[s], Arrays.copyOfRange(c, s * UNITS, (s + 1) * UNITS),
        Arrays.copyOfRange(h, s * UNITS, (s + 1) * UNITS), false).values()[0];
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

  /** The next step starts a learning episode: zero LSTM state, reset inside the batch. */
  private void beginEpisode(int s) {
    zeroState(s);
    episodeStartsHere[s] = true;
  }

  private void startGame(int s) {
    beginEpisode(s);
    score[s] = 0;
    length[s] = 0;
    episodeStart[s] = System.nanoTime();
    while (true) {
      try {
        observation[s] = envs.reset(s);
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

  /** The end values of sequence {@code s} in the last rollout (for tests). */
  float[] lastEndValues(int s) {
    return endValues[s].clone();
  }

  /** The reset flags of the last training batch (for tests). */
  float[] lastResets() {
    return resets.clone();
  }

  /** The returns of the last training batch (for tests). */
  float[] lastReturns() {
    return returns.clone();
  }

  /** The observations of the last training batch (for tests). */
  float[] lastObservations() {
    return x.clone();
  }

  /** The LSTM state carried into the next rollout, c then h (for tests). */
  float[][] recurrentState() {
    return new float[][] {c.clone(), h.clone()};
  }

  /** The mask of the last training batch (for tests). */
  float[] lastMask() {
    return mask.clone();
  }

  public long interruptions() {
    return interruptions;
  }

  public long trainSteps() {
    return trainSteps;
  }
}
