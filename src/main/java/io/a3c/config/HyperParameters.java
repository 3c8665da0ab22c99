package io.a3c.config;

import java.util.List;

/**
 * Every hyper-parameter of a training run, with the reference implementation's defaults.
 *
 * <p>Validation lives here so the command line, a {@code --config} file and tests all get the same
 * one-line messages; each names the option and its allowed range.
 *
 * @param env environment id (Gymnasium/ALE id or a built-in such as {@code catch})
 * @param workers worker threads, each with its own environments and local network copy
 * @param envsPerWorker environments per worker (K): stepped together with batched inference
 * @param localSteps rollout length T: environment steps per sequence before each update
 * @param maxSteps stop after this many global (environment) steps
 * @param maxMinutes stop after this many minutes of training; 0 means no time limit
 * @param learningRate Adam step size
 * @param entropyRegularization weight of the entropy bonus in the policy loss
 * @param maxGradientNorm gradients are clipped to this global norm before Adam
 * @param discount gamma, the discount factor for future rewards
 * @param gaeLambda lambda of generalised advantage estimation; 1.0 reproduces the reference
 * @param summaryInterval training steps between model summaries
 * @param checkpointSeconds seconds between checkpoints
 * @param frameSize side of the square grayscale frame fed to the network
 * @param preprocessing how Atari frames become the network's input; {@code null} (a config.json
 *     written before the choice existed) means {@link Preprocessing#REFERENCE}
 * @param network the network's details within its fixed shape; {@code null} means
 *     {@link Network#REFERENCE}, as for preprocessing
 * @param actionSpace raw game actions to use, or {@code null} for the game's default
 * @param seed seed of every random choice; single-worker runs on built-in games are reproducible
 */
public record HyperParameters(
    String env,
    int workers,
    int envsPerWorker,
    int localSteps,
    long maxSteps,
    double maxMinutes,
    double learningRate,
    double entropyRegularization,
    double maxGradientNorm,
    double discount,
    double gaeLambda,
    int summaryInterval,
    int checkpointSeconds,
    int frameSize,
    Preprocessing preprocessing,
    Network network,
    List<Integer> actionSpace,
    long seed) {

  public static final String DEFAULT_ENV = "PongDeterministic-v4";
  public static final int DEFAULT_ENVS_PER_WORKER = 1;
  public static final int DEFAULT_LOCAL_STEPS = 20;
  public static final long DEFAULT_MAX_STEPS = 50_000_000L;
  public static final double DEFAULT_MAX_MINUTES = 0;
  public static final double DEFAULT_LEARNING_RATE = 1e-4;
  public static final double DEFAULT_ENTROPY_REGULARIZATION = 0.01;
  public static final double DEFAULT_MAX_GRADIENT_NORM = 40;
  public static final double DEFAULT_DISCOUNT = 0.99;
  public static final double DEFAULT_GAE_LAMBDA = 1.0;
  public static final int DEFAULT_SUMMARY_INTERVAL = 10;
  public static final int DEFAULT_CHECKPOINT_SECONDS = 30;
  public static final Preprocessing DEFAULT_PREPROCESSING = Preprocessing.CROPPED_NORMALIZED;
  public static final Network DEFAULT_NETWORK = Network.ELU_SAME;
  public static final int DEFAULT_FRAME_SIZE = DEFAULT_PREPROCESSING.defaultFrameSize();

  /** Adam's fixed parameters, as in the reference (TensorFlow 1's AdamOptimizer defaults). */
  public static final double ADAM_BETA1 = 0.9;
  public static final double ADAM_BETA2 = 0.999;
  public static final double ADAM_EPSILON = 1e-8;
  /** Weight of the value loss in the total loss: loss = policy_loss + 0.5 * value_loss. */
  public static final double VALUE_LOSS_WEIGHT = 0.5;

  /** Largest accepted values, to catch typos before they allocate gigabytes. */
  static final int MAX_WORKERS = 256;
  static final int MAX_LOCAL_STEPS = 1000;
  static final int MAX_FRAME_SIZE = 512;

  public HyperParameters {
    if (env == null || env.isBlank()) {
      throw new InvalidInputException("--env must name an environment");
    }
    check(workers >= 1 && workers <= MAX_WORKERS,
        "--workers must be between 1 and " + MAX_WORKERS + " (got " + workers + ")");
    check(envsPerWorker >= 1 && envsPerWorker <= 64,
        "--envs-per-worker must be between 1 and 64 (got " + envsPerWorker + ")");
    check(localSteps >= 1 && localSteps <= MAX_LOCAL_STEPS,
        "--local-steps must be between 1 and " + MAX_LOCAL_STEPS + " (got " + localSteps + ")");
    check(maxSteps >= 1, "--max-steps must be at least 1 (got " + maxSteps + ")");
    check(maxMinutes >= 0 && Double.isFinite(maxMinutes),
        "--max-minutes must be 0 (no limit) or positive (got " + maxMinutes + ")");
    check(learningRate > 0 && learningRate <= 1,
        "--learning-rate must be in (0, 1] (got " + learningRate + ")");
    check(entropyRegularization >= 0 && entropyRegularization <= 10,
        "--entropy-regularization must be in [0, 10] (got " + entropyRegularization + ")");
    check(maxGradientNorm > 0 && Double.isFinite(maxGradientNorm),
        "--max-gradient-norm must be positive (got " + maxGradientNorm + ")");
    check(discount >= 0 && discount <= 1,
        "--discount must be in [0, 1] (got " + discount + ")");
    check(gaeLambda >= 0 && gaeLambda <= 1,
        "--gae-lambda must be in [0, 1] (got " + gaeLambda + ")");
    check(summaryInterval >= 1,
        "--summary-interval must be at least 1 (got " + summaryInterval + ")");
    check(checkpointSeconds >= 1,
        "--checkpoint-seconds must be at least 1 (got " + checkpointSeconds + ")");
    check(frameSize >= 9 && frameSize <= MAX_FRAME_SIZE,
        "--frame-size must be between 9 and " + MAX_FRAME_SIZE + " (got " + frameSize + ")");
    // Runs recorded before these choices existed used the reference's.
    preprocessing = preprocessing == null ? Preprocessing.REFERENCE : preprocessing;
    network = network == null ? Network.REFERENCE : network;
    if (actionSpace != null) {
      check(!actionSpace.isEmpty(), "--action-space needs at least one action");
      for (Integer a : actionSpace) {
        check(a != null && a >= 0, "--action-space takes non-negative action numbers");
      }
      check(actionSpace.stream().distinct().count() == actionSpace.size(),
          "--action-space lists an action twice: " + actionSpace);
      actionSpace = List.copyOf(actionSpace);
    }
  }

  /** The reference's defaults for {@code env}, with {@code workers} threads and a given seed. */
  public static HyperParameters defaults(String env, int workers, long seed) {
    return new HyperParameters(env, workers, DEFAULT_ENVS_PER_WORKER, DEFAULT_LOCAL_STEPS,
        DEFAULT_MAX_STEPS, DEFAULT_MAX_MINUTES, DEFAULT_LEARNING_RATE,
        DEFAULT_ENTROPY_REGULARIZATION, DEFAULT_MAX_GRADIENT_NORM, DEFAULT_DISCOUNT,
        DEFAULT_GAE_LAMBDA, DEFAULT_SUMMARY_INTERVAL, DEFAULT_CHECKPOINT_SECONDS,
        DEFAULT_FRAME_SIZE, DEFAULT_PREPROCESSING, DEFAULT_NETWORK, null, seed);
  }

  /** Default worker count: one per available processor. */
  public static int defaultWorkers() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** The time limit in milliseconds, or {@code Long.MAX_VALUE} when there is none. */
  public long maxMillis() {
    return maxMinutes == 0 ? Long.MAX_VALUE : (long) (maxMinutes * 60_000);
  }

  public HyperParameters withWorkers(int n) {
    return new HyperParameters(env, n, envsPerWorker, localSteps, maxSteps, maxMinutes,
        learningRate, entropyRegularization, maxGradientNorm, discount, gaeLambda,
        summaryInterval, checkpointSeconds, frameSize, preprocessing, network, actionSpace, seed);
  }

  public HyperParameters withLimits(long steps, double minutes) {
    return new HyperParameters(env, workers, envsPerWorker, localSteps, steps, minutes,
        learningRate, entropyRegularization, maxGradientNorm, discount, gaeLambda,
        summaryInterval, checkpointSeconds, frameSize, preprocessing, network, actionSpace, seed);
  }

  public HyperParameters withLearningRate(double rate) {
    return new HyperParameters(env, workers, envsPerWorker, localSteps, maxSteps, maxMinutes,
        rate, entropyRegularization, maxGradientNorm, discount, gaeLambda,
        summaryInterval, checkpointSeconds, frameSize, preprocessing, network, actionSpace, seed);
  }

  /** The same run with another network (and nothing else changed). */
  public HyperParameters withNetwork(Network n) {
    return new HyperParameters(env, workers, envsPerWorker, localSteps, maxSteps, maxMinutes,
        learningRate, entropyRegularization, maxGradientNorm, discount, gaeLambda,
        summaryInterval, checkpointSeconds, frameSize, preprocessing, n, actionSpace, seed);
  }

  public HyperParameters withEnvsPerWorker(int k) {
    return new HyperParameters(env, workers, k, localSteps, maxSteps, maxMinutes,
        learningRate, entropyRegularization, maxGradientNorm, discount, gaeLambda,
        summaryInterval, checkpointSeconds, frameSize, preprocessing, network, actionSpace, seed);
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new InvalidInputException(message);
    }
  }
}
