package io.github.imageloader.driver;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

/**
 * Samples a local JVM's heap after a full GC, as a soak needs it: every interval {@code jcmd PID
 * GC.class_histogram} runs a full GC and totals the live objects in the same pause. (A GC followed by a
 * separate read of the heap would count whatever the service allocated in between: at the study's load that
 * is tens of megabytes of image buffers within a few hundred milliseconds.) Rewrites the sample file after
 * every sample, so stopping it loses nothing.
 *
 * <pre>java -cp load-driver.jar io.github.imageloader.driver.HeapSampler PID EVERY_SECONDS OUT.json</pre>
 */
public final class HeapSampler {

  private HeapSampler() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: HeapSampler PID EVERY_SECONDS OUT.json");
      System.exit(2);
    }
    long pid = Long.parseLong(args[0]);
    long everyMs = (long) (Double.parseDouble(args[1]) * 1000);
    Path out = Path.of(args[2]);
    JsonArray samples = new JsonArray();
    long started = System.nanoTime();
    while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      long atMs = (System.nanoTime() - started) / 1_000_000;
      try {
        long used = liveBytes(run("jcmd", Long.toString(pid), "GC.class_histogram"));
        samples.add(new JsonObject().put("atS", atMs / 1000.0).put("heapAfterGcBytes", used));
        write(out, new JsonObject().put("pid", pid).put("method", "jcmd GC.class_histogram").put("samples", samples));
      } catch (IOException | RuntimeException e) {
        System.err.println("heap sampler: " + e.getMessage());
      }
      Thread.sleep(Math.max(0, everyMs - ((System.nanoTime() - started) / 1_000_000 - atMs)));
    }
  }

  /** Replaces the file in one step, so a reader never sees half of it. */
  private static void write(Path out, JsonObject samples) throws IOException {
    Path partial = out.resolveSibling(out.getFileName() + ".partial");
    Files.writeString(partial, samples.encodePrettily());
    Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The live bytes from a class histogram: its last line is {@code Total <instances> <bytes>}. */
  static long liveBytes(String histogram) {
    String[] lines = histogram.strip().split("\\R");
    String[] total = lines[lines.length - 1].trim().split("\\s+");
    if (total.length != 3 || !total[0].equals("Total")) {
      throw new IllegalArgumentException("no Total line in the class histogram: " + lines[lines.length - 1]);
    }
    return Long.parseLong(total[2]);
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Path output = Files.createTempFile("heap-sampler", ".txt");
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not answer within 30 s");
      }
      String text = Files.readString(output);
      if (process.exitValue() != 0) {
        throw new IOException(String.join(" ", command) + " failed: " + text.strip());
      }
      return text;
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
