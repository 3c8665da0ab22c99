package io.a3c.env;

/**
 * The outcome of one action.
 *
 * @param observation the next observation (the last one of the game when {@code gameOver})
 * @param reward the raw game reward, unclipped; learners clip it themselves
 * @param terminal the episode ended for learning: bootstrap with 0 and reset the recurrent state.
 *     True at game over and, while training Atari games, when a life is lost.
 * @param gameOver the game itself ended (terminated or truncated): call {@code reset()} next
 * @param truncated the game was cut off by a time limit rather than ended by the game: not a
 *     terminal state for learning unless {@code terminal} says so
 */
public record Step(float[] observation, double reward, boolean terminal, boolean gameOver,
    boolean truncated) {}
