package io.github.imageloader.emulator;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Deterministic sample JPEGs ({@code image_001.jpg}, ...) of varied dimensions, each between 100 KB
 * and 600 KB. File size is steered through per-pixel noise (JPEG bits per pixel grow with it) and
 * the pixel count, then corrected if an encode lands outside the band.
 */
public final class SampleImages {

  public static final String BUCKET = "my-bucket1008";
  public static final String PREFIX = "test-images";
  public static final int COUNT = 100;
  public static final int MIN_BYTES = 100 * 1024;
  public static final int MAX_BYTES = 600 * 1024;

  private static final long SEED = 1008L;
  private static final int TARGET_MIN = 130 * 1024;
  private static final int TARGET_MAX = 560 * 1024;
  private static final int MAX_ATTEMPTS = 6;
  private static final float QUALITY = 0.85f;
  private static final double[][] ASPECTS = {{4, 3}, {3, 2}, {16, 9}, {1, 1}, {3, 4}, {2, 3}};

  private SampleImages() {}

  /** Whether {@code bucketDir/prefix} already holds at least one sample-like JPEG. */
  public static boolean present(Path bucketDir, String prefix) throws IOException {
    Path dir = bucketDir.resolve(prefix);
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (DirectoryStream<Path> images = Files.newDirectoryStream(dir, "*.{jpg,jpeg,JPG,JPEG}")) {
      return images.iterator().hasNext();
    }
  }

  /**
   * Blocking: writes {@code count} JPEGs to {@code bucketDir/prefix/image_NNN.jpg}, using all
   * cores. The same arguments always produce the same bytes.
   */
  public static void generate(Path bucketDir, String prefix, int count) {
    Path dir = bucketDir.resolve(prefix);
    int threads = Math.max(1, Math.min(count, Runtime.getRuntime().availableProcessors()));
    ExecutorService pool = Executors.newFixedThreadPool(threads, SampleImages::daemonThread);
    try {
      Files.createDirectories(dir);
      List<Future<?>> pending = new ArrayList<>();
      for (int index = 1; index <= count; index++) {
        int imageIndex = index;
        pending.add(pool.submit(() -> write(dir, imageIndex)));
      }
      for (Future<?> image : pending) {
        image.get();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Sample generation interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Sample generation failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** File name of sample {@code index} (1-based). */
  public static String fileName(int index) {
    return String.format("image_%03d.jpg", index);
  }

  private static Void write(Path dir, int index) throws IOException {
    byte[] jpeg = render(index);
    Path target = dir.resolve(fileName(index));
    Path temp = dir.resolve("." + fileName(index) + ".tmp");
    Files.write(temp, jpeg);
    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return null;
  }

  static byte[] render(int index) throws IOException {
    Random random = new Random(SEED * 31 + index);
    int noise = 6 + random.nextInt(20);
    double[] aspect = ASPECTS[random.nextInt(ASPECTS.length)];
    long target = TARGET_MIN + (long) (random.nextDouble() * (TARGET_MAX - TARGET_MIN));
    long sceneSeed = random.nextLong();
    double pixels = target * 8 / estimatedBitsPerPixel(noise);
    byte[] jpeg = null;
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      int width = clampDimension(Math.sqrt(pixels * aspect[0] / aspect[1]));
      int height = clampDimension(pixels / width);
      jpeg = encode(paint(width, height, noise, new Random(sceneSeed)));
      if (jpeg.length >= MIN_BYTES && jpeg.length <= MAX_BYTES) {
        return jpeg;
      }
      pixels *= (double) target / jpeg.length;
    }
    throw new IllegalStateException(
        "Could not fit sample " + index + " into the size band (last: " + jpeg.length + " bytes)");
  }

  /** Empirical JPEG bits per pixel at quality 0.85 for the given noise amplitude. */
  private static double estimatedBitsPerPixel(int noise) {
    return 0.35 + 0.145 * noise - 0.0018 * noise * noise;
  }

  private static int clampDimension(double value) {
    return (int) Math.max(160, Math.min(4000, Math.round(value / 8) * 8));
  }

  private static BufferedImage paint(int width, int height, int noise, Random random) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setPaint(
          new GradientPaint(
              0, 0, new Color(random.nextInt(0xFFFFFF)),
              width, height, new Color(random.nextInt(0xFFFFFF))));
      g.fillRect(0, 0, width, height);
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      int shapes = 6 + random.nextInt(12);
      for (int i = 0; i < shapes; i++) {
        g.setColor(new Color(random.nextInt(0xFFFFFF)));
        int x = random.nextInt(width);
        int y = random.nextInt(height);
        int size = 20 + random.nextInt(Math.max(1, Math.min(width, height) / 2));
        if (random.nextBoolean()) {
          g.fillOval(x - size / 2, y - size / 2, size, size);
        } else {
          g.fillRect(x - size / 2, y - size / 2, size, size * 2 / 3);
        }
      }
    } finally {
      g.dispose();
    }
    addNoise(((DataBufferInt) image.getRaster().getDataBuffer()).getData(), noise, random);
    return image;
  }

  /** Per-pixel luminance noise; xorshift instead of Random because this is the hot loop. */
  private static void addNoise(int[] pixels, int amplitude, Random random) {
    long state = random.nextLong() | 1;
    int span = 2 * amplitude + 1;
    for (int i = 0; i < pixels.length; i++) {
      state ^= state << 13;
      state ^= state >>> 7;
      state ^= state << 17;
      int delta = (int) ((state >>> 33) % span) - amplitude;
      int p = pixels[i];
      int r = clamp(((p >> 16) & 0xFF) + delta);
      int g = clamp(((p >> 8) & 0xFF) + delta);
      int b = clamp((p & 0xFF) + delta);
      pixels[i] = (r << 16) | (g << 8) | b;
    }
  }

  private static int clamp(int value) {
    return value < 0 ? 0 : Math.min(255, value);
  }

  private static byte[] encode(BufferedImage image) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(QUALITY);
    ByteArrayOutputStream out = new ByteArrayOutputStream(MAX_BYTES);
    try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  private static Thread daemonThread(Runnable task) {
    Thread thread = new Thread(task, "sample-images");
    thread.setDaemon(true);
    return thread;
  }
}
