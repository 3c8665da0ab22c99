package io.a3c.report;

import io.a3c.config.InvalidInputException;
import io.a3c.env.RgbFrame;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Records an episode as an animated, endlessly looping GIF in full colour, the way people see the
 * game. Frames are written as they come, so a long episode is never held in memory, into a
 * temporary file that replaces the target only on {@link #close()}: a reader never sees half a
 * recording. GIF because every browser and viewer plays it and the JDK writes it; Atari frames
 * have few colours, so its 256-colour palette per frame keeps them exact.
 */
public final class GifWriter implements AutoCloseable {
  private static final String GIF_METADATA = "javax_imageio_gif_image_1.0";

  private final Path target;
  private final Path temp;
  private final int delayCentiseconds;
  private final int scale;
  private final ImageWriter writer;
  private final ImageOutputStream stream;
  private int width;
  private int height;
  private int frames;
  private boolean closed;

  private GifWriter(Path target, Path temp, int delayMs, int scale, ImageWriter writer,
      ImageOutputStream stream) {
    this.target = target;
    this.temp = temp;
    this.delayCentiseconds = Math.round(delayMs / 10f);
    this.scale = scale;
    this.writer = writer;
    this.stream = stream;
  }

  /**
   * Starts a recording.
   *
   * @param gif the file to write, ending in {@code .gif}; missing parent directories are created
   * @param delayMs time each frame is shown; GIF stores hundredths of a second, so it is rounded
   *     to 10 ms (many viewers slow down delays under 20 ms)
   * @param scale each pixel becomes a {@code scale x scale} block, to make small frames visible
   * @throws InvalidInputException if the file does not end in {@code .gif}
   */
  public static GifWriter open(Path gif, int delayMs, int scale) {
    if (!gif.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gif")) {
      throw new InvalidInputException("--record supports .gif files: " + gif);
    }
    if (delayMs < 0 || scale < 1) {
      throw new IllegalArgumentException(
          "need delayMs >= 0 and scale >= 1, got " + delayMs + " and " + scale);
    }
    Path target = gif.toAbsolutePath();
    Path temp = null;
    ImageOutputStream stream = null;
    ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
    try {
      temp = AtomicFiles.tempFileFor(target);
      stream = ImageIO.createImageOutputStream(temp.toFile());
      writer.setOutput(stream);
      writer.prepareWriteSequence(null);
      return new GifWriter(target, temp, delayMs, scale, writer, stream);
    } catch (IOException e) {
      writer.dispose();
      closeQuietly(stream);
      AtomicFiles.deleteQuietly(temp);
      throw new UncheckedIOException("cannot write " + gif, e);
    }
  }

  /**
   * Appends a frame shown for the delay given to {@link #open}.
   *
   * @throws IllegalArgumentException if its size differs from the first frame's
   */
  public void add(RgbFrame frame) {
    if (frames == 0) {
      width = frame.width();
      height = frame.height();
    } else if (frame.width() != width || frame.height() != height) {
      throw new IllegalArgumentException("frame is " + frame.width() + "x" + frame.height()
          + " but the recording is " + width + "x" + height);
    }
    BufferedImage image = toImage(frame);
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setProgressiveMode(ImageWriteParam.MODE_DISABLED); // no interlacing: frames play at once
    // The constructor, not createFromRenderedImage: that one would swap in the default palette.
    IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(image), param);
    try {
      describeFrame(metadata, frames == 0);
      writer.writeToSequence(new IIOImage(image, null, metadata), param);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
    frames++;
  }

  /** Frames added so far. */
  public int frames() {
    return frames;
  }

  /**
   * Finishes the GIF and moves it into place. With no frame added nothing is written (a GIF needs
   * at least one image) and the target is left as it was.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try (stream) {
      if (frames > 0) {
        writer.endWriteSequence();
      }
    } catch (IOException e) {
      AtomicFiles.deleteQuietly(temp);
      throw new UncheckedIOException("cannot write " + target, e);
    } finally {
      writer.dispose();
    }
    try {
      if (frames == 0) {
        Files.delete(temp);
        return;
      }
      AtomicFiles.replace(temp, target);
    } catch (IOException e) {
      AtomicFiles.deleteQuietly(temp);
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  /**
   * The frame enlarged {@code scale} times. With at most 256 colours, as in Atari games, it is
   * indexed with an exact palette (also much faster than the JDK's quantizer); otherwise the GIF
   * writer reduces the colours itself.
   */
  private BufferedImage toImage(RgbFrame frame) {
    int[] pixels = new int[width * height];
    byte[] rgb = frame.rgb();
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (rgb[3 * i] & 0xff) << 16 | (rgb[3 * i + 1] & 0xff) << 8 | rgb[3 * i + 2] & 0xff;
    }
    Palette palette = Palette.of(pixels);
    int scaledWidth = width * scale;
    BufferedImage image;
    if (palette == null) {
      image = new BufferedImage(scaledWidth, height * scale, BufferedImage.TYPE_INT_RGB);
      int[] out = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
      enlarge(pixels, out);
    } else {
      image = new BufferedImage(scaledWidth, height * scale, BufferedImage.TYPE_BYTE_INDEXED,
          palette.colorModel());
      byte[] out = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
      int[] indices = palette.indices();
      int[] scaled = new int[out.length];
      enlarge(indices, scaled);
      for (int i = 0; i < out.length; i++) {
        out[i] = (byte) scaled[i];
      }
    }
    return image;
  }

  /** Nearest-neighbour enlargement of a {@code width x height} array by {@code scale}. */
  private void enlarge(int[] in, int[] out) {
    int scaledWidth = width * scale;
    for (int y = 0; y < height; y++) {
      int row = y * scale * scaledWidth;
      for (int x = 0; x < width; x++) {
        int value = in[y * width + x];
        for (int k = 0; k < scale; k++) {
          out[row + x * scale + k] = value;
        }
      }
      for (int k = 1; k < scale; k++) {
        System.arraycopy(out, row, out, row + k * scaledWidth, scaledWidth);
      }
    }
  }

  /** Sets the frame delay and, on the first frame, the NETSCAPE2.0 extension that loops forever. */
  private void describeFrame(IIOMetadata metadata, boolean first) throws IIOInvalidTreeException {
    IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(GIF_METADATA);
    IIOMetadataNode control = child(root, "GraphicControlExtension");
    control.setAttribute("disposalMethod", "none");
    control.setAttribute("userInputFlag", "FALSE");
    control.setAttribute("transparentColorFlag", "FALSE");
    control.setAttribute("delayTime", Integer.toString(delayCentiseconds));
    control.setAttribute("transparentColorIndex", "0");
    if (first) {
      IIOMetadataNode netscape = new IIOMetadataNode("ApplicationExtension");
      netscape.setAttribute("applicationID", "NETSCAPE");
      netscape.setAttribute("authenticationCode", "2.0");
      netscape.setUserObject(new byte[] {1, 0, 0}); // sub-block 1, loop count 0 = forever
      child(root, "ApplicationExtensions").appendChild(netscape);
    }
    metadata.setFromTree(GIF_METADATA, root);
  }

  private static IIOMetadataNode child(IIOMetadataNode parent, String name) {
    for (int i = 0; i < parent.getLength(); i++) {
      if (parent.item(i).getNodeName().equals(name)) {
        return (IIOMetadataNode) parent.item(i);
      }
    }
    IIOMetadataNode node = new IIOMetadataNode(name);
    parent.appendChild(node);
    return node;
  }

  private static void closeQuietly(ImageOutputStream stream) {
    if (stream == null) {
      return;
    }
    try {
      stream.close();
    } catch (IOException e) {
      // Already failing; the first error is the one to report.
    }
  }
}
