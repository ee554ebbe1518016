package io.github.imageloader.api;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Real, small images for upload tests, drawn at test time (nothing binary committed). */
final class TestImages {

  /**
   * A 1x1 lossless WebP (RIFF container, VP8L bitstream): the JDK has no WebP writer, and a valid file this small
   * is easier to read as bytes than to generate.
   */
  static final byte[] WEBP = {
    'R', 'I', 'F', 'F', 0x1a, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'L', 0x0d, 0, 0, 0,
    0x2f, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, (byte) 0x88, (byte) 0x88, (byte) 0xfe, 0x07, 0};

  private TestImages() {
  }

  static byte[] jpeg(int width, int height) {
    return draw("jpg", width, height);
  }

  static byte[] png(int width, int height) {
    return draw("png", width, height);
  }

  private static byte[] draw(String format, int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    for (int y = 0; y < height; y += 8) {
      for (int x = 0; x < width; x += 8) {
        g.setColor(new Color((x * 7 + y * 3) & 0xFF, (x * y) & 0xFF, (x + y * 5) & 0xFF));
        g.fillRect(x, y, 8, 8);
      }
    }
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("no ImageIO writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
