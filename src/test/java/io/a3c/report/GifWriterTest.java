package io.a3c.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.a3c.config.InvalidInputException;
import io.a3c.env.RgbFrame;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GifWriterTest {
  private static final int W = 12;
  private static final int H = 7;
  private static final int FRAMES = 5;

  @TempDir Path dir;

  /** Background grey level changes per frame; one red "ball" moves one pixel right per frame. */
  private static RgbFrame frame(int index) {
    byte[] rgb = new byte[W * H * 3];
    for (int i = 0; i < W * H; i++) {
      rgb[3 * i] = (byte) (20 * index);
      rgb[3 * i + 1] = (byte) 40;
      rgb[3 * i + 2] = (byte) 200;
    }
    int ball = (3 * W + index) * 3;
    rgb[ball] = (byte) 255;
    rgb[ball + 1] = 0;
    rgb[ball + 2] = 0;
    return new RgbFrame(W, H, rgb);
  }

  @Test
  void writesEveryFrameScaledWithItsColours() throws IOException {
    Path gif = dir.resolve("episode.gif");
    try (GifWriter writer = GifWriter.open(gif, 70, 2)) {
      for (int i = 0; i < FRAMES; i++) {
        writer.add(frame(i));
      }
      assertEquals(FRAMES, writer.frames());
      assertFalse(Files.exists(gif), "the GIF appears only when complete");
    }

    ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
    try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
      reader.setInput(in);
      assertEquals(FRAMES, reader.getNumImages(true));
      for (int i = 0; i < FRAMES; i++) {
        BufferedImage image = reader.read(i);
        assertEquals(2 * W, image.getWidth());
        assertEquals(2 * H, image.getHeight());
        // Both pixels of the scaled 2x2 block keep the exact colour.
        assertEquals(0xff0000, image.getRGB(2 * i, 2 * 3) & 0xffffff, "ball, frame " + i);
        assertEquals(0xff0000, image.getRGB(2 * i + 1, 2 * 3 + 1) & 0xffffff, "ball, frame " + i);
        assertEquals((20 * i) << 16 | 40 << 8 | 200, image.getRGB(2 * W - 1, 0) & 0xffffff,
            "background, frame " + i);
      }
      IIOMetadataNode first =
          (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_gif_image_1.0");
      IIOMetadataNode control =
          (IIOMetadataNode) first.getElementsByTagName("GraphicControlExtension").item(0);
      assertEquals("7", control.getAttribute("delayTime"), "70 ms in hundredths of a second");
      IIOMetadataNode loop =
          (IIOMetadataNode) first.getElementsByTagName("ApplicationExtension").item(0);
      assertEquals("NETSCAPE", loop.getAttribute("applicationID"));
      assertEquals("2.0", loop.getAttribute("authenticationCode"));
    } finally {
      reader.dispose();
    }
    assertEquals(List.of(gif), listDir(), "no temporary file left behind");
  }

  @Test
  void aFrameWithMoreThan256ColoursIsReducedByTheWriter() throws IOException {
    int side = 20; // 400 colours
    byte[] rgb = new byte[side * side * 3];
    for (int i = 0; i < side * side; i++) {
      rgb[3 * i] = (byte) (i % side * 12);
      rgb[3 * i + 1] = (byte) (i / side * 12);
      rgb[3 * i + 2] = (byte) 100;
    }
    Path gif = dir.resolve("colourful.gif");
    try (GifWriter writer = GifWriter.open(gif, 50, 3)) {
      writer.add(new RgbFrame(side, side, rgb));
    }
    BufferedImage image = ImageIO.read(gif.toFile());
    assertEquals(3 * side, image.getWidth());
    int pixel = image.getRGB(3 * 13, 3 * 7); // x = 13, y = 7: (156, 84, 100)
    assertTrue(Math.abs((pixel >> 16 & 0xff) - 156) <= 24, Integer.toHexString(pixel));
    assertTrue(Math.abs((pixel >> 8 & 0xff) - 84) <= 24, Integer.toHexString(pixel));
    assertTrue(Math.abs((pixel & 0xff) - 100) <= 24, Integer.toHexString(pixel));
  }

  @Test
  void rejectsOtherFormatsAsBadInput() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> GifWriter.open(dir.resolve("episode.mp4"), 50, 1));
    assertTrue(e.getMessage().startsWith("--record supports .gif files: "), e.getMessage());
    assertTrue(e.getMessage().endsWith("episode.mp4"), e.getMessage());
  }

  @Test
  void acceptsAnUpperCaseExtensionAndCreatesParentDirectories() throws IOException {
    Path gif = dir.resolve("recordings/run1/EPISODE.GIF");
    try (GifWriter writer = GifWriter.open(gif, 40, 1)) {
      writer.add(frame(0));
    }
    assertTrue(Files.size(gif) > 0);
  }

  @Test
  void rejectsAFrameOfAnotherSize() throws IOException {
    try (GifWriter writer = GifWriter.open(dir.resolve("episode.gif"), 50, 1)) {
      writer.add(frame(0));
      RgbFrame other = new RgbFrame(W + 1, H, new byte[(W + 1) * H * 3]);
      assertThrows(IllegalArgumentException.class, () -> writer.add(other));
    }
  }

  @Test
  void withoutFramesNothingIsWritten() throws IOException {
    Path gif = dir.resolve("episode.gif");
    GifWriter.open(gif, 50, 1).close();
    assertEquals(List.of(), listDir());
  }

  private List<Path> listDir() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }
}
