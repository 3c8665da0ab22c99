package io.a3c.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.a3c.report.LearningCurve.EpisodePoint;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearningCurveTest {
  @TempDir Path dir;

  /** A Pong-like run: scores from -21 rising towards +21 with noise. */
  private static List<EpisodePoint> episodes(int n) {
    Random random = new Random(7);
    List<EpisodePoint> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double progress = (double) i / Math.max(1, n - 1);
      double score = Math.max(-21, Math.min(21, -21 + 42 * progress + 3 * random.nextGaussian()));
      out.add(new EpisodePoint(500L * (i + 1), 0.4 * (i + 1), Math.rint(score)));
    }
    return out;
  }

  private BufferedImage writeAndRead(List<EpisodePoint> episodes) throws IOException {
    Path png = dir.resolve("learning-curve.png");
    LearningCurve.write(png, episodes, "PongDeterministic-v4 20250101-120000");
    BufferedImage image = ImageIO.read(png.toFile());
    assertNotNull(image, "decodes as an image");
    assertEquals(LearningCurve.WIDTH, image.getWidth());
    assertEquals(LearningCurve.HEIGHT, image.getHeight());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(png), files.toList(), "no temporary file left behind");
    }
    return image;
  }

  @Test
  void drawsARun() throws IOException {
    BufferedImage image = writeAndRead(episodes(1_000));
    // The moving average's line in both panels: a blank chart fails here.
    int[] line = coloured(image, 200, 60, 20);
    assertTrue(line[0] > 500 && line[1] > 500, "mean line drawn: " + line[0] + ", " + line[1]);
    // It rises with the scores: the top panel's line starts low (right of the axis, lower
    // half of the plot) and ends high.
    int width = image.getWidth();
    int lowLeft = 0;
    int highRight = 0;
    for (int y = 0; y < image.getHeight() / 2; y++) {
      for (int x = 0; x < width; x++) {
        if (near(image.getRGB(x, y), 200, 60, 20)) {
          if (x < width / 3 && y > image.getHeight() / 4) {
            lowLeft++;
          } else if (x > 2 * width / 3 && y < image.getHeight() / 4) {
            highRight++;
          }
        }
      }
    }
    assertTrue(lowLeft > 50 && highRight > 50, "rising line: " + lowLeft + ", " + highRight);
  }

  private static boolean near(int rgb, int r, int g, int b) {
    return Math.abs(((rgb >> 16) & 0xff) - r) < 20 && Math.abs(((rgb >> 8) & 0xff) - g) < 20
        && Math.abs((rgb & 0xff) - b) < 20;
  }

  /** Pixels near a colour in the top and bottom panels. */
  private static int[] coloured(BufferedImage image, int r, int g, int b) {
    int[] counts = new int[2];
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if (near(image.getRGB(x, y), r, g, b)) {
          counts[y < image.getHeight() / 2 ? 0 : 1]++;
        }
      }
    }
    return counts;
  }

  @Test
  void marksTheEvaluationsOnBothPanels() throws IOException {
    List<EpisodePoint> run = episodes(1_000);
    Path png = dir.resolve("learning-curve.png");
    LearningCurve.write(png, run, "plain");
    BufferedImage plain = ImageIO.read(png.toFile());
    List<LearningCurve.EvalPoint> evals = List.of(
        new LearningCurve.EvalPoint(100_000, 80, -20),
        new LearningCurve.EvalPoint(300_000, 240, 0),
        new LearningCurve.EvalPoint(500_000, 400, 21));
    LearningCurve.write(png, run, evals, "plain");
    BufferedImage marked = ImageIO.read(png.toFile());
    int[] plainGreen = coloured(plain, 30, 150, 60);
    int[] markedGreen = coloured(marked, 30, 150, 60);
    assertEquals(0, plainGreen[0] + plainGreen[1], "no evaluation colour without evaluations");
    assertTrue(markedGreen[0] > 50, "marks over steps: " + markedGreen[0]);
    assertTrue(markedGreen[1] > 50, "marks over time: " + markedGreen[1]);
  }

  @Test
  void saysSoWhenThereAreNoEpisodes() throws IOException {
    BufferedImage image = writeAndRead(List.of());
    // Not blank: the title and the message are drawn.
    int dark = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        dark += (image.getRGB(x, y) & 0xff) < 128 ? 1 : 0;
      }
    }
    assertTrue(dark > 100, "text drawn: " + dark + " dark pixels");
  }

  @Test
  void drawsASingleEpisode() throws IOException {
    writeAndRead(episodes(1));
  }

  @Test
  void replacesThePreviousChart() throws IOException {
    writeAndRead(episodes(10));
    writeAndRead(episodes(20));
  }

  @Test
  void isQuickForALongRun() throws IOException {
    List<EpisodePoint> run = episodes(100_000);
    long start = System.nanoTime();
    writeAndRead(run);
    System.out.printf("learning curve of 100,000 episodes: %d ms%n",
        (System.nanoTime() - start) / 1_000_000);
  }
}
