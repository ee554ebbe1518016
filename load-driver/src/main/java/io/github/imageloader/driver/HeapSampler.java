package io.github.imageloader.driver;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Samples a local JVM's heap after a full GC, as a soak needs it: every interval it asks the JVM for a GC
 * ({@code jcmd PID GC.run}) and reads the used heap right after ({@code jstat -gc PID}: survivor, eden and
 * old generation used). Rewrites the sample file after every sample, so stopping it loses nothing.
 *
 * <pre>java -cp load-driver.jar io.github.imageloader.driver.HeapSampler PID EVERY_SECONDS OUT.json</pre>
 */
public final class HeapSampler {

  private static final List<String> HEAP_USED_COLUMNS = List.of("S0U", "S1U", "EU", "OU");

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
        run("jcmd", Long.toString(pid), "GC.run");
        long used = heapUsedBytes(run("jstat", "-gc", Long.toString(pid)));
        samples.add(new JsonObject().put("atS", atMs / 1000.0).put("heapAfterGcBytes", used));
        Files.writeString(out, new JsonObject().put("pid", pid).put("method", "jcmd GC.run + jstat -gc")
          .put("samples", samples).encodePrettily());
      } catch (IOException e) {
        System.err.println("heap sampler: " + e.getMessage());
      }
      Thread.sleep(Math.max(0, everyMs - ((System.nanoTime() - started) / 1_000_000 - atMs)));
    }
  }

  /** The heap in use from {@code jstat -gc} output: a header line of column names, then one line of KB values. */
  static long heapUsedBytes(String jstatOutput) {
    String[] lines = jstatOutput.strip().split("\\R");
    if (lines.length < 2) {
      throw new IllegalArgumentException("unexpected jstat output: " + jstatOutput);
    }
    List<String> columns = List.of(lines[0].trim().split("\\s+"));
    String[] values = lines[lines.length - 1].trim().split("\\s+");
    double kb = 0;
    for (String column : HEAP_USED_COLUMNS) {
      int index = columns.indexOf(column);
      if (index < 0) {
        throw new IllegalArgumentException("jstat output has no " + column + " column: " + lines[0]);
      }
      kb += Double.parseDouble(values[index]);
    }
    return Math.round(kb * 1024);
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + output.strip());
    }
    return output;
  }
}
