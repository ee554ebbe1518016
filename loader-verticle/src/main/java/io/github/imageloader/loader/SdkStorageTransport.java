package io.github.imageloader.loader;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.gax.retrying.RetrySettings;
import com.google.cloud.NoCredentials;
import com.google.cloud.http.HttpTransportOptions;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import com.google.cloud.storage.StorageOptions;
import io.github.imageloader.contract.HeldBytes;
import io.github.imageloader.contract.LoadFailure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.netty.buffer.Unpooled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The blocking transport: the official {@code google-cloud-storage} client on a bounded, named worker pool.
 * <p>
 * Its default HTTP transport is {@code HttpURLConnection}, whose keep-alive cache holds only
 * {@code http.maxConnections} (default 5) idle sockets per host, so with more threads than that it keeps
 * opening new connections; the property is raised to the pool size before the first request. The client's
 * own retries (1 s first back-off, 50 s in all) are switched off: {@link RetryPolicy} retries inside the
 * job's deadline for both transports alike. google-cloud-storage verifies crc32c on full reads itself.
 */
final class SdkStorageTransport implements StorageTransport {

  private static final Logger LOG = LoggerFactory.getLogger(SdkStorageTransport.class);
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final Storage storage;
  private final WorkerExecutor workers;

  private SdkStorageTransport(Storage storage, WorkerExecutor workers) {
    this.storage = storage;
    this.workers = workers;
  }

  /**
   * @param endpoint  the storage host, e.g. {@code https://storage.googleapis.com} or an emulator's URL
   * @param emulator  whether to send no credentials (an emulator) instead of Application Default Credentials
   * @param trustStore the CAs storage's certificate must chain to, or {@code null} for the JVM's
   */
  static Future<SdkStorageTransport> create(Vertx vertx, String endpoint, boolean emulator, String projectId,
                                            int poolSize, long attemptTimeoutMs, KeyStore trustStore) {
    raiseKeepAliveCache(poolSize);
    // Named per instance: a shared name would make every loader instance share the first one's pool.
    WorkerExecutor workers = vertx.createSharedWorkerExecutor("gcs-sdk-" + POOLS.incrementAndGet(), poolSize);
    return vertx.executeBlocking(() -> {
      HttpTransportOptions.Builder transportOptions = HttpTransportOptions.newBuilder()
        .setConnectTimeout((int) attemptTimeoutMs)
        .setReadTimeout((int) attemptTimeoutMs);
      if (trustStore != null) {
        // The client's own transport, trusting the configured CAs (not JVM-wide properties); HttpsURLConnection
        // verifies host names with its default verifier. One transport, so kept-alive connections are shared.
        NetHttpTransport transport = new NetHttpTransport.Builder().trustCertificates(trustStore).build();
        transportOptions.setHttpTransportFactory(() -> transport);
      }
      StorageOptions.Builder options = StorageOptions.http()
        .setHost(endpoint)
        .setRetrySettings(RetrySettings.newBuilder().setMaxAttempts(1).build())
        .setTransportOptions(transportOptions.build());
      if (projectId != null && !projectId.isBlank()) {
        options.setProjectId(projectId);
      }
      if (emulator) {
        options.setCredentials(NoCredentials.getInstance());
      }
      return new SdkStorageTransport(options.build().getService(), workers);
    }, false);
  }

  private static void raiseKeepAliveCache(int poolSize) {
    int current = Integer.getInteger("http.maxConnections", 5);
    if (current < poolSize) {
      System.setProperty("http.maxConnections", Integer.toString(poolSize));
      LOG.info("Raised http.maxConnections from {} to {} so every SDK worker keeps its connection", current, poolSize);
    }
  }

  @Override
  public Future<StoredObject> fetch(String bucket, String objectName, HeldBytes keepBytes, long deadlineEpochMs) {
    String what = "gs://" + bucket + "/" + objectName;
    if (deadlineEpochMs <= System.currentTimeMillis()) {
      return Future.failedFuture(UpstreamException.deadline(what));
    }
    return workers.executeBlocking(() -> {
        if (deadlineEpochMs <= System.currentTimeMillis()) {
          throw UpstreamException.deadline(what);
        }
        return storage.readAllBytes(BlobId.of(bucket, objectName));
      }, false)
      // The client reads the whole object into one array (and has verified its crc32c): it can be counted only now.
      .compose(bytes -> {
        Buffer data = BufferInternal.buffer(Unpooled.wrappedBuffer(bytes));
        if (keepBytes != null && !keepBytes.tryReserve(bytes.length)) {
          return Future.failedFuture(UpstreamException.bytesInFlight(what));
        }
        return Future.succeededFuture(new StoredObject(bytes.length, Crc32c.of(data), keepBytes == null ? null : data));
      })
      .recover(error -> Future.failedFuture(classify(error, what)));
  }

  /**
   * {@code Storage.create} with bytes computes their crc32c and md5 and sends them in the upload's metadata, so
   * storage verifies what it received; {@code doesNotExist()} is {@code ifGenerationMatch=0}.
   */
  @Override
  public Future<ObjectInfo> store(String bucket, String objectName, String contentType, Map<String, String> metadata,
                                  Buffer data, String crc32c, long deadlineEpochMs) {
    String what = "gs://" + bucket + "/" + objectName;
    if (deadlineEpochMs <= System.currentTimeMillis()) {
      return Future.failedFuture(UpstreamException.deadline(what));
    }
    BlobInfo info = BlobInfo.newBuilder(BlobId.of(bucket, objectName))
      .setContentType(contentType)
      .setCrc32c(crc32c)
      .setMetadata(metadata.isEmpty() ? null : metadata)
      .build();
    return workers.executeBlocking(() -> {
        if (deadlineEpochMs <= System.currentTimeMillis()) {
          throw UpstreamException.deadline(what);
        }
        return info(storage.create(info, data.getBytes(), Storage.BlobTargetOption.doesNotExist(),
          Storage.BlobTargetOption.disableGzipContent()), what);
      }, false)
      .recover(error -> Future.failedFuture(classify(error, what)));
  }

  @Override
  public Future<ObjectInfo> stat(String bucket, String objectName, long deadlineEpochMs) {
    String what = "gs://" + bucket + "/" + objectName;
    return workers.executeBlocking(() -> {
        Blob blob = storage.get(BlobId.of(bucket, objectName));
        if (blob == null) {
          throw UpstreamException.ofStatus(404, what);
        }
        return info(blob, what);
      }, false)
      .recover(error -> Future.failedFuture(classify(error, what)));
  }

  private static ObjectInfo info(Blob blob, String what) {
    if (blob.getSize() == null || blob.getGeneration() == null) {
      throw new UpstreamException(LoadFailure.UPSTREAM_ERROR, "bad_response", false,
        "storage answered an incomplete object resource for " + what);
    }
    return new ObjectInfo(blob.getSize(), blob.getCrc32c(), blob.getGeneration());
  }

  @Override
  public Future<Void> probe(String bucket, long deadlineEpochMs) {
    String what = "bucket " + bucket;
    return workers.executeBlocking(() -> storage.list(bucket, Storage.BlobListOption.pageSize(1)), false)
      .recover(error -> Future.failedFuture(classify(error, what)))
      .mapEmpty();
  }

  @Override
  public Future<List<String>> sample(String bucket, String prefix, int max, long deadlineEpochMs) {
    String what = "bucket " + bucket;
    return workers.executeBlocking(() -> {
        List<String> names = new ArrayList<>();
        storage.list(bucket, Storage.BlobListOption.prefix(prefix), Storage.BlobListOption.pageSize(max))
          .getValues().forEach(blob -> names.add(blob.getName()));
        return names.subList(0, Math.min(max, names.size()));
      }, false)
      .recover(error -> Future.failedFuture(classify(error, what)));
  }

  static UpstreamException classify(Throwable error, String what) {
    if (error instanceof UpstreamException upstream) {
      return upstream;
    }
    if (error instanceof StorageException storageError) {
      int code = storageError.getCode();
      if (isChecksumFailure(storageError)) {
        return new UpstreamException(LoadFailure.CHECKSUM_MISMATCH, "checksum", true,
          "checksum mismatch for " + what, UpstreamException.describe(storageError));
      }
      if (code > 0) {
        return UpstreamException.ofStatus(code, what);
      }
      return UpstreamException.connection(what, storageError.getCause() != null ? storageError.getCause() : storageError);
    }
    if (error instanceof IOException) {
      return UpstreamException.connection(what, error);
    }
    return new UpstreamException(LoadFailure.UPSTREAM_ERROR, "client_error", false,
      "storage client failed for " + what, UpstreamException.describe(error));
  }

  /** The client signals a crc32c mismatch with its (non-public) {@code Hasher.ChecksumMismatchException}. */
  private static boolean isChecksumFailure(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t.getClass().getSimpleName().contains("ChecksumMismatch")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String name() {
    return "sdk";
  }

  @Override
  public Future<Void> close() {
    return workers.executeBlocking(() -> {
      storage.close();
      return null;
    }, false).<Void>mapEmpty().eventually(workers::close);
  }
}
