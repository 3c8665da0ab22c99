package io.a3c.eval;

import io.a3c.env.Environment;
import io.a3c.env.RgbFrame;
import io.a3c.env.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Plays whole games with a policy (no life-loss rule, no reward clipping: the environment must
 * be made for evaluation) and reports the game scores.
 */
public final class Evaluator {
  /** A safety net for policies that never end a game (e.g. never pressing FIRE). */
  public static final long DEFAULT_MAX_STEPS_PER_GAME = 100_000;

  private Evaluator() {}

  /** Why a game stopped. */
  public enum Ending {
    /** The game itself ended. */
    GAME_OVER,
    /** No reward for the allowed number of steps (a policy that never serves again). */
    NO_REWARD,
    /** The step limit per game. */
    STEP_LIMIT;

    /** The name written in CSV files: {@code game_over}, {@code no_reward}, {@code step_limit}. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Statistics of the scores of several games, and each game's length and ending. */
  public record Scores(List<Double> scores, List<Long> lengths, List<Ending> endings) {

    public double mean() {
      return scores.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** Population standard deviation. */
    public double std() {
      double m = mean();
      return Math.sqrt(scores.stream().mapToDouble(s -> (s - m) * (s - m)).average()
          .orElse(Double.NaN));
    }

    public double min() {
      return scores.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    public double max() {
      return scores.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** Mean game length in steps. */
    public double meanLength() {
      return lengths.stream().mapToLong(Long::longValue).average().orElse(Double.NaN);
    }
  }

  /**
   * Plays {@code games} games.
   *
   * @param recorder receives the full-colour frames of the first game (null: no recording)
   * @param onGame called after each game with its index and score
   */
  public static Scores play(Environment env, Policy policy, int games, long maxStepsPerGame,
      Consumer<RgbFrame> recorder, GameListener onGame) {
    FrameSink frames = recorder == null ? null : (game, frame) -> {
      if (game == 0) {
        recorder.accept(frame);
      }
    };
    return play(env, policy, games, maxStepsPerGame, maxStepsPerGame, frames, onGame,
        () -> false);
  }

  /**
   * Plays {@code games} games, handing every game's frames to {@code frames}.
   *
   * @param maxStepsWithoutReward a game with no reward for this many steps is stopped where it
   *     is (a policy that never serves a Breakout ball again): its score so far counts
   * @param frames receives each game's full-colour frames with the game's index (null: none)
   * @param cancelled checked before every step; when it turns true the games stop with a
   *     {@link CancellationException}
   */
  public static Scores play(Environment env, Policy policy, int games, long maxStepsPerGame,
      long maxStepsWithoutReward, FrameSink frames, GameListener onGame,
      BooleanSupplier cancelled) {
    List<Double> scores = new ArrayList<>();
    List<Long> lengths = new ArrayList<>();
    List<Ending> endings = new ArrayList<>();
    for (int g = 0; g < games; g++) {
      int game = g;
      Consumer<RgbFrame> record = frames == null ? null : f -> frames.frame(game, f);
      policy.reset();
      float[] obs = env.reset();
      record(env, record);
      double score = 0;
      long steps = 0;
      long sinceReward = 0;
      Ending ending = null;
      while (ending == null) {
        if (steps >= maxStepsPerGame) {
          ending = Ending.STEP_LIMIT;
          break;
        }
        if (sinceReward >= maxStepsWithoutReward) {
          ending = Ending.NO_REWARD;
          break;
        }
        if (cancelled.getAsBoolean()) {
          throw new CancellationException("evaluation cancelled");
        }
        Step s = env.step(policy.act(obs));
        score += s.reward();
        steps++;
        sinceReward = s.reward() != 0 ? 0 : sinceReward + 1;
        record(env, record);
        if (s.gameOver()) {
          ending = Ending.GAME_OVER;
          break;
        }
        if (s.terminal()) {
          // Only a training environment ends learning episodes early; keep the state honest.
          policy.reset();
        }
        obs = s.observation();
      }
      scores.add(score);
      lengths.add(steps);
      endings.add(ending);
      onGame.game(g, score, steps);
    }
    return new Scores(scores, lengths, endings);
  }

  private static void record(Environment env, Consumer<RgbFrame> frames) {
    if (frames != null) {
      env.frame().ifPresent(frames);
    }
  }

  /** Where the frames of recorded games go. */
  public interface FrameSink {
    void frame(int game, RgbFrame frame);
  }

  /** Progress of an evaluation. */
  public interface GameListener {
    void game(int index, double score, long length);
  }
}
