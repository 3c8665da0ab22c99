package io.a3c.cli;

import io.a3c.config.HyperParameters;
import io.a3c.config.Network;
import io.a3c.config.Preprocessing;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Option;

/** The hyper-parameter options shared by {@code train} and {@code bench}, with their defaults. */
public final class HyperParameterOptions {
  @Option(names = "--config", paramLabel = "FILE",
      description = "Read options from a JSON file (a run's config.json or {\"option\": value}); "
          + "options on the command line win.")
  Path config;

  @Option(names = "--env", paramLabel = "ID",
      description = "Environment id: a Gymnasium/ALE id, a *Deterministic-v4 alias or a "
          + "built-in (catch, catch-vector, volley). Default: ${DEFAULT-VALUE}.")
  String env = HyperParameters.DEFAULT_ENV;

  @Option(names = "--workers", paramLabel = "N",
      description = "Worker threads. Default: available processors.")
  Integer workers;

  @Option(names = "--envs-per-worker", paramLabel = "K",
      description = "Environments per worker, stepped with batched inference. "
          + "Default: ${DEFAULT-VALUE}.")
  int envsPerWorker = HyperParameters.DEFAULT_ENVS_PER_WORKER;

  @Option(names = "--local-steps", paramLabel = "T",
      description = "Rollout length before each update. Default: ${DEFAULT-VALUE}.")
  int localSteps = HyperParameters.DEFAULT_LOCAL_STEPS;

  @Option(names = "--max-steps", paramLabel = "STEPS",
      description = "Stop after this many global (environment) steps. Default: ${DEFAULT-VALUE}.")
  long maxSteps = HyperParameters.DEFAULT_MAX_STEPS;

  @Option(names = "--max-minutes", paramLabel = "MIN",
      description = "Stop after this many minutes; 0 means no time limit. "
          + "Default: ${DEFAULT-VALUE}.")
  double maxMinutes = HyperParameters.DEFAULT_MAX_MINUTES;

  @Option(names = "--learning-rate", paramLabel = "LR",
      description = "Adam learning rate. Default: ${DEFAULT-VALUE}.")
  double learningRate = HyperParameters.DEFAULT_LEARNING_RATE;

  @Option(names = "--entropy-regularization", paramLabel = "BETA",
      description = "Weight of the entropy bonus. Default: ${DEFAULT-VALUE}.")
  double entropyRegularization = HyperParameters.DEFAULT_ENTROPY_REGULARIZATION;

  @Option(names = "--max-gradient-norm", paramLabel = "NORM",
      description = "Clip gradients to this global norm. Default: ${DEFAULT-VALUE}.")
  double maxGradientNorm = HyperParameters.DEFAULT_MAX_GRADIENT_NORM;

  @Option(names = "--discount", paramLabel = "GAMMA",
      description = "Discount factor. Default: ${DEFAULT-VALUE}.")
  double discount = HyperParameters.DEFAULT_DISCOUNT;

  @Option(names = "--gae-lambda", paramLabel = "LAMBDA",
      description = "GAE lambda; 1.0 reproduces the reference. Default: ${DEFAULT-VALUE}.")
  double gaeLambda = HyperParameters.DEFAULT_GAE_LAMBDA;

  @Option(names = "--summary-interval", paramLabel = "N",
      description = "Training steps between model summaries. Default: ${DEFAULT-VALUE}.")
  int summaryInterval = HyperParameters.DEFAULT_SUMMARY_INTERVAL;

  @Option(names = "--checkpoint-seconds", paramLabel = "S",
      description = "Seconds between checkpoints. Default: ${DEFAULT-VALUE}.")
  int checkpointSeconds = HyperParameters.DEFAULT_CHECKPOINT_SECONDS;

  @Option(names = "--frame-size", paramLabel = "PIXELS",
      description = "Side of the square grayscale frame. Default: 42 with the cropped-normalized "
          + "preprocessing, 47 with the reference's.")
  Integer frameSize;

  @Option(names = "--preprocessing", paramLabel = "KIND",
      description = "How image frames are prepared: cropped-normalized (playing field, 42x42, "
          + "running mean/std normalisation) or reference (whole frame, 47x47, [0, 1]). "
          + "Default: cropped-normalized.")
  String preprocessing = HyperParameters.DEFAULT_PREPROCESSING.id();

  @Option(names = "--network", paramLabel = "KIND",
      description = "Network details: elu-same (SAME padding, ELU, small policy head) or "
          + "reference (VALID, ReLU, Glorot heads, forget bias 1). Default: elu-same.")
  String network = HyperParameters.DEFAULT_NETWORK.id();

  @Option(names = "--action-space", paramLabel = "ACTION", arity = "1..*",
      description = "Raw game actions to use. Default: Pong 0 2 3, Breakout 1 2 3, else all.")
  List<Integer> actionSpace;

  @Option(names = "--seed", paramLabel = "SEED",
      description = "Random seed. Default: random, recorded in config.json.")
  Long seed;

  /** The validated record; throws InvalidInputException with a one-line message. */
  HyperParameters toHyperParameters() {
    Preprocessing prep = Preprocessing.parse(preprocessing);
    return new HyperParameters(env,
        workers == null ? HyperParameters.defaultWorkers() : workers,
        envsPerWorker, localSteps, maxSteps, maxMinutes, learningRate, entropyRegularization,
        maxGradientNorm, discount, gaeLambda, summaryInterval, checkpointSeconds,
        frameSize == null ? prep.defaultFrameSize() : frameSize, prep, Network.parse(network),
        actionSpace, seed == null ? ThreadLocalRandom.current().nextLong(1L << 48) : seed);
  }
}
