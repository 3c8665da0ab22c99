package io.a3c.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws {@code learning-curve.png}: every episode's score and the mean of the last
 * {@value #WINDOW}, over global steps (sample efficiency) and over wall-clock time (what the run
 * cost), one panel above the other; each axis picks a unit (thousands, minutes, ...) that keeps
 * its labels short. Written often during training, so it is fast for long runs:
 * the mean is computed on every episode, but at most about {@value #MAX_PLOTTED} points per series
 * are drawn.
 */
public final class LearningCurve {
  /** Image width in pixels. */
  public static final int WIDTH = 1000;
  /** Image height in pixels: two panels. */
  public static final int HEIGHT = 900;
  /** Episodes in the moving mean, as in the usual Atari reporting. */
  static final int WINDOW = 100;
  /** Points drawn per series; more add nothing visible at this width but cost time. */
  static final int MAX_PLOTTED = 3000;

  private static final Color SCORE_COLOR = new Color(70, 130, 180, 140);
  private static final Color MEAN_COLOR = new Color(200, 60, 20);
  private static final Color EVAL_COLOR = new Color(30, 150, 60);

  static {
    // Charts render into images only; never start a window system for them (macOS dock icon).
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  /**
   * One finished game.
   *
   * @param globalStep global step when it ended
   * @param elapsedSeconds wall-clock seconds of training when it ended
   * @param score unclipped game score
   */
  public record EpisodePoint(long globalStep, double elapsedSeconds, double score) {}

  /**
   * One evaluation during training.
   *
   * @param globalStep global step of the weights evaluated
   * @param elapsedSeconds training time when they were saved
   * @param mean mean score of the evaluation's greedy games
   */
  public record EvalPoint(long globalStep, double elapsedSeconds, double mean) {}

  private LearningCurve() {}

  /**
   * Writes the chart to {@code png}, replacing it atomically. With no episodes the image says so.
   *
   * @param episodes in the order they finished
   * @param title the chart title, for example the environment and run name
   */
  public static void write(Path png, List<EpisodePoint> episodes, String title) {
    write(png, episodes, List.of(), title);
  }

  /**
   * As {@link #write(Path, List, String)}, with the evaluations during training marked on both
   * panels.
   */
  public static void write(Path png, List<EpisodePoint> episodes, List<EvalPoint> evaluations,
      String title) {
    BufferedImage image = episodes.isEmpty() ? empty(title)
        : render(episodes, evaluations, title);
    Path temp = null;
    try {
      temp = AtomicFiles.tempFileFor(png);
      if (!ImageIO.write(image, "png", temp.toFile())) {
        throw new IOException("no PNG writer in this Java runtime");
      }
      AtomicFiles.replace(temp, png);
    } catch (IOException e) {
      AtomicFiles.deleteQuietly(temp);
      throw new UncheckedIOException("cannot write " + png, e);
    }
  }

  private static BufferedImage render(List<EpisodePoint> episodes, List<EvalPoint> evaluations,
      String title) {
    int n = episodes.size();
    double[] steps = new double[n];
    double[] seconds = new double[n];
    double[] scores = new double[n];
    for (int i = 0; i < n; i++) {
      EpisodePoint e = episodes.get(i);
      steps[i] = e.globalStep();
      seconds[i] = e.elapsedSeconds();
      scores[i] = e.score();
    }
    double[] mean = MovingAverage.trailing(scores, WINDOW);
    Scale stepScale = Scale.steps(steps[n - 1]);
    Scale timeScale = Scale.time(seconds[n - 1]);
    XYChart overSteps =
        panel(title, stepScale.label(), stepScale.apply(steps), scores, mean);
    XYChart overTime = panel(null, timeScale.label(), timeScale.apply(seconds), scores, mean);
    if (!evaluations.isEmpty()) {
      double[] evalSteps = evaluations.stream().mapToDouble(EvalPoint::globalStep).toArray();
      double[] evalSeconds = evaluations.stream().mapToDouble(EvalPoint::elapsedSeconds)
          .toArray();
      double[] evalMeans = evaluations.stream().mapToDouble(EvalPoint::mean).toArray();
      markEvaluations(overSteps, stepScale.apply(evalSteps), evalMeans);
      markEvaluations(overTime, timeScale.apply(evalSeconds), evalMeans);
    }
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.drawImage(BitmapEncoder.getBufferedImage(overSteps), 0, 0, null);
      g.drawImage(BitmapEncoder.getBufferedImage(overTime), 0, HEIGHT / 2, null);
    } finally {
      g.dispose();
    }
    return image;
  }

  private static XYChart panel(String title, String xTitle, double[] x, double[] scores,
      double[] mean) {
    XYChart chart = new XYChart(WIDTH, HEIGHT / 2);
    chart.setXAxisTitle(xTitle);
    chart.setYAxisTitle("score");
    if (title == null) {
      chart.getStyler().setChartTitleVisible(false);
    } else {
      chart.setTitle(title);
    }
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    chart.getStyler().setMarkerSize(4);
    chart.getStyler().setXAxisDecimalPattern("#,##0.##");
    Sample dots = Sample.stride(x, scores);
    XYSeries score = chart.addSeries("episode score", dots.x, dots.y);
    score.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    score.setMarker(SeriesMarkers.CIRCLE);
    score.setMarkerColor(SCORE_COLOR);
    Sample line = Sample.stride(x, mean);
    XYSeries average = chart.addSeries("mean of last " + WINDOW, line.x, line.y);
    average.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    average.setMarker(SeriesMarkers.NONE);
    average.setLineColor(MEAN_COLOR);
    average.setLineWidth(2f);
    return chart;
  }

  private static void markEvaluations(XYChart chart, double[] x, double[] means) {
    XYSeries eval = chart.addSeries("greedy evaluation (mean)", x, means);
    eval.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    eval.setMarker(SeriesMarkers.DIAMOND);
    eval.setMarkerColor(EVAL_COLOR);
    eval.setLineColor(EVAL_COLOR);
    eval.setLineWidth(1.5f);
  }

  private static BufferedImage empty(String title) {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
          RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      g.setColor(Color.DARK_GRAY);
      centre(g, new Font(Font.SANS_SERIF, Font.BOLD, 20), title, 40);
      centre(g, new Font(Font.SANS_SERIF, Font.PLAIN, 18), "no episodes yet", HEIGHT / 2);
    } finally {
      g.dispose();
    }
    return image;
  }

  private static void centre(Graphics2D g, Font font, String text, int baseline) {
    g.setFont(font);
    FontMetrics metrics = g.getFontMetrics();
    g.drawString(text, (WIDTH - metrics.stringWidth(text)) / 2, baseline);
  }

  /** An axis's unit, chosen from the largest value so tick labels stay short on any run. */
  private record Scale(double divisor, String label) {
    static Scale steps(double max) {
      return max >= 1e6 ? new Scale(1e6, "global steps (millions)")
          : max >= 1e4 ? new Scale(1e3, "global steps (thousands)")
          : new Scale(1, "global steps");
    }

    static Scale time(double maxSeconds) {
      return maxSeconds >= 10 * 3600 ? new Scale(3600, "wall-clock time (hours)")
          : maxSeconds >= 120 ? new Scale(60, "wall-clock time (minutes)")
          : new Scale(1, "wall-clock time (seconds)");
    }

    double[] apply(double[] values) {
      double[] out = new double[values.length];
      for (int i = 0; i < values.length; i++) {
        out[i] = values[i] / divisor;
      }
      return out;
    }
  }

  /** Points actually drawn for a series. */
  private record Sample(double[] x, double[] y) {
    /**
     * Every k-th point and the last: the dots keep the spread of the scores and the line its
     * shape, at a cost independent of the run's length.
     */
    static Sample stride(double[] x, double[] y) {
      int step = Math.max(1, (x.length + MAX_PLOTTED - 1) / MAX_PLOTTED);
      if (step == 1) {
        return new Sample(x, y);
      }
      int count = (x.length - 1) / step + 1;
      boolean lastIncluded = (x.length - 1) % step == 0;
      int size = lastIncluded ? count : count + 1;
      double[] sx = new double[size];
      double[] sy = new double[size];
      for (int k = 0; k < count; k++) {
        sx[k] = x[k * step];
        sy[k] = y[k * step];
      }
      sx[size - 1] = x[x.length - 1];
      sy[size - 1] = y[y.length - 1];
      return new Sample(sx, sy);
    }
  }
}
