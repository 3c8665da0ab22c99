package io.a3c.train;

/**
 * A snapshot of a run for progress reports and {@code progress.csv}.
 *
 * @param elapsedSeconds wall-clock seconds since this process started training
 * @param globalStep environment steps trained on, resumed runs included
 * @param episodes games finished, resumed runs included
 * @param meanScore mean unclipped score of the last 100 games, NaN before the first
 * @param stepsPerSecond global steps per second over the last reporting interval
 */
public record Progress(double elapsedSeconds, long globalStep, long episodes, double meanScore,
    double stepsPerSecond) {}
