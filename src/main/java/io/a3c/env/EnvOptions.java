package io.a3c.env;

import io.a3c.config.HyperParameters;
import io.a3c.config.Preprocessing;
import java.nio.file.Path;
import java.util.List;

/**
 * How environments are made, shared by every kind of environment.
 *
 * @param frameSize side of the square grayscale frame for pixel environments
 * @param preprocessing how Gymnasium image observations and built-in games' frames become that
 *     frame
 * @param actionSpace raw game actions the agent may use, or {@code null} for the game's default
 *     (Pong 0 2 3, Breakout 1 2 3, otherwise all)
 * @param training true while training: Atari life loss ends the learning episode; false for
 *     evaluation, which plays whole games
 * @param python the Python interpreter for Gymnasium environments, or {@code null} to locate it
 * @param logDir where child processes write their stderr, or {@code null} for a temporary place
 * @param recordFrames keep the full-colour frame of every step for {@link Environment#frame()}
 *     (evaluation recordings); off while training because it costs a copy per step
 */
public record EnvOptions(int frameSize, Preprocessing preprocessing, List<Integer> actionSpace,
    boolean training, Path python, Path logDir, boolean recordFrames) {

  public EnvOptions {
    preprocessing = preprocessing == null ? Preprocessing.REFERENCE : preprocessing;
    actionSpace = actionSpace == null ? null : List.copyOf(actionSpace);
  }

  /** The trainer's defaults: the default frame size and preprocessing, training, no recording. */
  public static EnvOptions defaults() {
    return new EnvOptions(HyperParameters.DEFAULT_FRAME_SIZE,
        HyperParameters.DEFAULT_PREPROCESSING, null, true, null, null, false);
  }

  public EnvOptions withTraining(boolean training) {
    return new EnvOptions(frameSize, preprocessing, actionSpace, training,
        python, logDir, recordFrames);
  }

  public EnvOptions withRecordFrames(boolean record) {
    return new EnvOptions(frameSize, preprocessing, actionSpace, training,
        python, logDir, record);
  }

  public EnvOptions withLogDir(Path dir) {
    return new EnvOptions(frameSize, preprocessing, actionSpace, training,
        python, dir, recordFrames);
  }

  public EnvOptions withPython(Path interpreter) {
    return new EnvOptions(frameSize, preprocessing, actionSpace, training,
         interpreter, logDir, recordFrames);
  }
}
