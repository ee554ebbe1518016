package io.github.imageloader.driver;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * The driver's command line. Every flag also reads the environment variable the k6 scripts read
 * ({@code BASE_URL}, {@code DURATION}, {@code VUS}, …), so one set of knobs drives both tools.
 */
record DriverOptions(String scenario, String baseUrl, Path scenariosFile, Path signedUrlsFile, Path resultFile,
                     String emulatorUrl, Overrides overrides, boolean progress, Path uploadFile, String uploadPrompt,
                     String authToken, Long seed, String storageFloorUrl, String bucket, String prefix, int storagePoolSize,
                     long warmupMs) {

  static final String DEFAULT_UPLOAD_FILE = "data/gcs/my-bucket1008/test-images/image_001.jpg";
  static final String DEFAULT_PROMPT = "make the photo brighter";

  static final String USAGE = """
    usage: load-driver --scenario NAME [options]
      --scenario NAME        images | signed-urls | soak | spike | steps | upload (from the scenarios file)
      --base-url URL[,URL…]  the service (env BASE_URL; default http://localhost:8080); several
                             comma-separated URLs spread the VUs over them (VU i uses URL i mod n)
      --duration D           replace every stage's duration, k6 style: 30s, 3m (env DURATION)
      --vus N                run N VUs (single stage) or scale the stages to peak at N (env VUS)
      --think-min S / --think-max S   think time in seconds (env THINK_MIN / THINK_MAX)
      --batch-min N / --batch-max N   images per request (env BATCH_MIN / BATCH_MAX)
      --scenarios FILE       scenario definitions (default k6/scenarios.json)
      --signed-urls FILE     {"urls": [...]} for signed-urls (env SIGNED_URLS_FILE; default results/signed-urls.json)
      --upload-file FILE     the image upload sends (env UPLOAD_FILE; default data/gcs/my-bucket1008/test-images/image_001.jpg)
      --upload-prompt TEXT   the prompt upload sends (env UPLOAD_PROMPT)
      --out FILE             result JSON (env RESULT_FILE; default results/<scenario>-driver.json)
      --emulator-url URL     GCS emulator to read connection counts from (env EMULATOR_URL; optional)
      --warmup D             unrecorded load at the first stage's VUs before the run (30s, 1m); the VUs go on
                             into the run without a restart, and the driver prints a line as recording starts
      --seed N               the same batches in every run with the same seed (default: random, as k6)
      --storage-floor URL    fetch each batch's images straight from this GCS-compatible storage instead of
                             asking the service: the floor the service's latency is measured against; bucket,
                             prefix and pool size are the node's (conf/default.json: GCS_BUCKET, IMAGE_PREFIX,
                             STORAGE_POOL_SIZE)
      --node-config FILE     the node's configuration the floor reads (default conf/default.json)
      --quiet                no progress lines
    env AUTH_TOKEN           when set, every request carries Authorization: Bearer <token> (environment only,
                             so the token stays out of process listings)
    """;

  /** The node's defaults, for what the floor must fetch as the node would. */
  private static JsonObject nodeDefaults(Path file) {
    try {
      return new JsonObject(Files.readString(file));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("cannot read the node's configuration " + file + ": " + e.getMessage());
    }
  }

  private static int positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, not " + value);
    }
    return value;
  }

  static DriverOptions parse(String[] args, Map<String, String> env) {
    Map<String, String> flags = new java.util.HashMap<>();
    boolean quiet = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--quiet")) {
        quiet = true;
      } else if (arg.startsWith("--") && i + 1 < args.length) {
        flags.put(arg.substring(2), args[++i]);
      } else {
        throw new IllegalArgumentException("unexpected argument '" + arg + "'\n" + USAGE);
      }
    }
    Function<String[], String> value = names -> flags.containsKey(names[0]) ? flags.get(names[0]) : env.get(names[1]);
    String scenario = flags.get("scenario");
    if (scenario == null) {
      throw new IllegalArgumentException("--scenario is required\n" + USAGE);
    }
    String duration = value.apply(new String[] {"duration", "DURATION"});
    String vus = value.apply(new String[] {"vus", "VUS"});
    String thinkMin = value.apply(new String[] {"think-min", "THINK_MIN"});
    String thinkMax = value.apply(new String[] {"think-max", "THINK_MAX"});
    String batchMin = value.apply(new String[] {"batch-min", "BATCH_MIN"});
    String batchMax = value.apply(new String[] {"batch-max", "BATCH_MAX"});
    Overrides overrides = new Overrides(
      duration == null ? null : K6Duration.parseMs(duration),
      vus == null ? null : positive("VUS", Integer.parseInt(vus)),
      thinkMin == null ? null : Double.valueOf(thinkMin),
      thinkMax == null ? null : Double.valueOf(thinkMax),
      batchMin == null ? null : Integer.valueOf(batchMin),
      batchMax == null ? null : Integer.valueOf(batchMax));
    String baseUrl = value.apply(new String[] {"base-url", "BASE_URL"});
    String signedUrls = value.apply(new String[] {"signed-urls", "SIGNED_URLS_FILE"});
    String out = value.apply(new String[] {"out", "RESULT_FILE"});
    String uploadFile = value.apply(new String[] {"upload-file", "UPLOAD_FILE"});
    String uploadPrompt = value.apply(new String[] {"upload-prompt", "UPLOAD_PROMPT"});
    String authToken = env.get("AUTH_TOKEN");
    // Only the floor needs the node's settings (it fetches what the node would); nothing else reads the file.
    JsonObject node = flags.containsKey("storage-floor")
      ? nodeDefaults(Path.of(flags.getOrDefault("node-config", "conf/default.json")))
      : new JsonObject().put("STORAGE_POOL_SIZE", 1);
    if (authToken != null && !authToken.isEmpty() && !authToken.matches("[\\x21-\\x7e]+")) {
      throw new IllegalArgumentException("AUTH_TOKEN must be printable ASCII without spaces");
    }
    return new DriverOptions(
      scenario,
      baseUrl == null ? "http://localhost:8080" : baseUrl,
      Path.of(flags.getOrDefault("scenarios", "k6/scenarios.json")),
      Path.of(signedUrls == null ? "results/signed-urls.json" : signedUrls),
      Path.of(out == null ? "results/" + scenario + "-driver.json" : out),
      value.apply(new String[] {"emulator-url", "EMULATOR_URL"}),
      overrides,
      !quiet,
      Path.of(uploadFile == null || uploadFile.isEmpty() ? DEFAULT_UPLOAD_FILE : uploadFile),
      uploadPrompt == null || uploadPrompt.isEmpty() ? DEFAULT_PROMPT : uploadPrompt,
      authToken == null || authToken.isEmpty() ? null : authToken,
      flags.containsKey("seed") ? Long.valueOf(flags.get("seed")) : null,
      flags.get("storage-floor"),
      node.getString("GCS_BUCKET"),
      node.getString("IMAGE_PREFIX"),
      node.getInteger("STORAGE_POOL_SIZE"),
      flags.containsKey("warmup") ? K6Duration.parseMs(flags.get("warmup")) : 0);
  }
}
