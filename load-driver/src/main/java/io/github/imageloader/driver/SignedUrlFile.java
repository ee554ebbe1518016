package io.github.imageloader.driver;

import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Writes the file the signed-URL scenario reads: {@code {"urls": [...]}} with one V4 signed URL per sample
 * image, signed offline by google-cloud-storage with a service-account key: the dev key the embedded
 * emulator trusts, or a real bucket's key.
 */
public final class SignedUrlFile {

  static final String USAGE = """
    usage: sign-urls [options]
      --key FILE        service-account JSON key (default data/dev-service-account.json, made by dev mode)
      --endpoint URL    storage endpoint the URLs point at, e.g. http://127.0.0.1:4443 (default: real GCS)
      --bucket NAME     (default my-bucket1008)
      --prefix PREFIX   (default test-images/)
      --count N         images image_001.jpg … (default 100)
      --expires SECONDS (default 3600; GCS allows at most 604800)
      --out FILE        (default results/signed-urls.json)
    """;

  private SignedUrlFile() {
  }

  public static void main(String[] args) {
    try {
      Map<String, String> flags = flags(args);
      Path out = Path.of(flags.getOrDefault("out", "results/signed-urls.json"));
      List<String> urls = sign(Path.of(flags.getOrDefault("key", "data/dev-service-account.json")),
        flags.get("endpoint"), flags.getOrDefault("bucket", "my-bucket1008"), flags.getOrDefault("prefix", "test-images/"),
        Integer.parseInt(flags.getOrDefault("count", "100")), Long.parseLong(flags.getOrDefault("expires", "3600")));
      write(out, urls);
      System.out.println("wrote " + urls.size() + " signed URLs to " + out.toAbsolutePath());
    } catch (IOException | RuntimeException e) {
      System.err.println("sign-urls: " + e.getMessage());
      System.exit(2);
    }
  }

  static List<String> sign(Path keyFile, String endpoint, String bucket, String prefix, int count, long expiresSeconds)
    throws IOException {
    if (!Files.exists(keyFile)) {
      throw new IOException("no service-account key at " + keyFile
        + " (dev mode writes data/dev-service-account.json on its first start)");
    }
    ServiceAccountCredentials credentials;
    try (InputStream in = Files.newInputStream(keyFile)) {
      credentials = ServiceAccountCredentials.fromStream(in);
    }
    StorageOptions.Builder options = StorageOptions.http().setCredentials(credentials).setProjectId(credentials.getProjectId());
    List<Storage.SignUrlOption> signing = new ArrayList<>(List.of(Storage.SignUrlOption.withV4Signature()));
    if (endpoint != null) {
      // setHost gives the scheme; withHostName the host and port the signature covers.
      options.setHost(endpoint);
      signing.add(Storage.SignUrlOption.withHostName(endpoint));
    }
    Storage storage = options.build().getService();
    List<String> urls = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      BlobInfo blob = BlobInfo.newBuilder(bucket, prefix + String.format("image_%03d.jpg", i)).build();
      urls.add(storage.signUrl(blob, expiresSeconds, TimeUnit.SECONDS, signing.toArray(Storage.SignUrlOption[]::new)).toString());
    }
    return urls;
  }

  static void write(Path out, List<String> urls) throws IOException {
    if (out.toAbsolutePath().getParent() != null) {
      Files.createDirectories(out.toAbsolutePath().getParent());
    }
    Files.writeString(out, new JsonObject().put("urls", new JsonArray(urls)).encodePrettily() + "\n");
  }

  private static Map<String, String> flags(String[] args) {
    Map<String, String> flags = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("unexpected argument '" + args[i] + "'\n" + USAGE);
      }
      flags.put(args[i].substring(2), args[++i]);
    }
    return flags;
  }
}
