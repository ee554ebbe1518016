package io.github.imageloader.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.gax.paging.Page;
import com.google.api.gax.retrying.RetrySettings;
import com.google.cloud.NoCredentials;
import com.google.cloud.WriteChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Bucket;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import com.google.cloud.storage.StorageOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Drives the emulator with the real google-cloud-storage HTTP client. */
@ExtendWith(VertxExtension.class)
class GoogleClientCompatibilityTest {

  private static final String BUCKET = "test-bucket";

  @TempDir Path dataDir;
  private GcsEmulatorVerticle emulator;
  private Storage storage;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    Files.createDirectories(dataDir.resolve(BUCKET));
    emulator = EmulatorFixture.deploy(vertx, dataDir);
    storage =
        StorageOptions.http()
            .setHost("http://127.0.0.1:" + emulator.actualPort())
            .setProjectId("test-project")
            .setCredentials(NoCredentials.getInstance())
            .setRetrySettings(
                RetrySettings.newBuilder()
                    .setMaxAttempts(1)
                    .setInitialRetryDelayDuration(Duration.ofMillis(10))
                    .setMaxRetryDelayDuration(Duration.ofMillis(10))
                    .setTotalTimeoutDuration(Duration.ofSeconds(30))
                    .build())
            .build()
            .getService();
  }

  @AfterEach
  void tearDown() throws Exception {
    storage.close();
  }

  @Test
  void multipartUploadThenReadBackWithChecksumValidation() {
    byte[] content = Checksums.randomBytes(300_000, 1);
    BlobInfo info =
        BlobInfo.newBuilder(BlobId.of(BUCKET, "dir/sub dir/file+1.bin"))
            .setContentType("application/x-test")
            .build();

    Blob created = storage.create(info, content);

    assertThat(created.getSize()).isEqualTo(content.length);
    assertThat(created.getCrc32c()).isEqualTo(Checksums.crc32c(content));
    assertThat(created.getMd5()).isEqualTo(Checksums.md5(content));
    assertThat(dataDir.resolve(BUCKET).resolve("dir/sub dir/file+1.bin")).hasBinaryContent(content);
    assertThat(storage.readAllBytes(BlobId.of(BUCKET, "dir/sub dir/file+1.bin")))
        .isEqualTo(content);
    assertThat(emulator.stats().toJson().getLong("uploads")).isEqualTo(1);
  }

  @Test
  void metadataOfAFilePlacedOnDisk() throws Exception {
    byte[] content = Checksums.randomBytes(12_345, 2);
    Path file = dataDir.resolve(BUCKET).resolve("test-images/image_001.jpg");
    Files.createDirectories(file.getParent());
    Files.write(file, content);

    Blob blob = storage.get(BlobId.of(BUCKET, "test-images/image_001.jpg"));

    assertThat(blob).isNotNull();
    assertThat(blob.getName()).isEqualTo("test-images/image_001.jpg");
    assertThat(blob.getBucket()).isEqualTo(BUCKET);
    assertThat(blob.getSize()).isEqualTo(content.length);
    assertThat(blob.getCrc32c()).isEqualTo(Checksums.crc32c(content));
    assertThat(blob.getMd5()).isEqualTo(Checksums.md5(content));
    assertThat(blob.getContentType()).isEqualTo("image/jpeg");
    assertThat(blob.getGeneration()).isPositive();
    assertThat(storage.readAllBytes(blob.getBlobId())).isEqualTo(content);
  }

  @Test
  void resumableUploadInSeveralChunks() throws Exception {
    byte[] content = Checksums.randomBytes(3 * 1024 * 1024 + 123, 3);
    BlobInfo info =
        BlobInfo.newBuilder(BlobId.of(BUCKET, "big/resumable.bin"))
            .setContentType("application/octet-stream")
            .build();

    try (WriteChannel writer = storage.writer(info)) {
      writer.setChunkSize(256 * 1024);
      ByteBuffer source = ByteBuffer.wrap(content);
      while (source.hasRemaining()) {
        ByteBuffer slice = source.slice();
        slice.limit(Math.min(slice.remaining(), 100_000));
        int written = writer.write(slice);
        source.position(source.position() + written);
      }
    }

    Blob blob = storage.get(BlobId.of(BUCKET, "big/resumable.bin"));
    assertThat(blob.getSize()).isEqualTo(content.length);
    assertThat(blob.getCrc32c()).isEqualTo(Checksums.crc32c(content));
    assertThat(storage.readAllBytes(blob.getBlobId())).isEqualTo(content);
  }

  @Test
  void listWithPrefixAcrossSeveralPages() {
    for (int i = 0; i < 11; i++) {
      storage.create(
          BlobInfo.newBuilder(BlobId.of(BUCKET, String.format("listing/item-%02d", i))).build(),
          new byte[] {(byte) i});
    }
    storage.create(BlobInfo.newBuilder(BlobId.of(BUCKET, "other/x")).build(), new byte[] {1});

    Page<Blob> page =
        storage.list(
            BUCKET, Storage.BlobListOption.prefix("listing/"), Storage.BlobListOption.pageSize(4));
    List<String> names = new ArrayList<>();
    int pages = 0;
    while (page != null) {
      pages++;
      page.getValues().forEach(blob -> names.add(blob.getName()));
      page = page.hasNextPage() ? page.getNextPage() : null;
    }

    assertThat(pages).isEqualTo(3);
    assertThat(names).hasSize(11).isSorted().allMatch(name -> name.startsWith("listing/"));
  }

  @Test
  void listWithDelimiterReturnsDirectories() {
    storage.create(BlobInfo.newBuilder(BlobId.of(BUCKET, "a/1")).build(), new byte[] {1});
    storage.create(BlobInfo.newBuilder(BlobId.of(BUCKET, "a/b/2")).build(), new byte[] {2});
    storage.create(BlobInfo.newBuilder(BlobId.of(BUCKET, "a/c/3")).build(), new byte[] {3});

    Page<Blob> page =
        storage.list(
            BUCKET, Storage.BlobListOption.prefix("a/"), Storage.BlobListOption.currentDirectory());
    List<String> entries =
        StreamSupport.stream(page.iterateAll().spliterator(), false)
            .map(blob -> blob.isDirectory() ? "dir:" + blob.getName() : blob.getName())
            .toList();

    assertThat(entries).containsExactlyInAnyOrder("a/1", "dir:a/b/", "dir:a/c/");
  }

  @Test
  void deleteRemovesTheObject() {
    BlobId id = BlobId.of(BUCKET, "to-delete/x.txt");
    storage.create(BlobInfo.newBuilder(id).build(), "bye".getBytes());

    assertThat(storage.delete(id)).isTrue();
    assertThat(storage.get(id)).isNull();
    assertThat(storage.delete(id)).isFalse();
    assertThat(dataDir.resolve(BUCKET).resolve("to-delete")).doesNotExist();
  }

  @Test
  void missingObjectIs404() {
    BlobId missing = BlobId.of(BUCKET, "no/such/object");

    assertThat(storage.get(missing)).isNull();
    assertThatThrownBy(() -> storage.readAllBytes(missing))
        .isInstanceOf(StorageException.class)
        .satisfies(e -> assertThat(((StorageException) e).getCode()).isEqualTo(404));
  }

  @Test
  void createOnlyPreconditionFailsWhenTheObjectExists() {
    BlobInfo info = BlobInfo.newBuilder(BlobId.of(BUCKET, "once")).build();
    storage.create(info, new byte[] {1}, Storage.BlobTargetOption.doesNotExist());

    assertThatThrownBy(
            () -> storage.create(info, new byte[] {2}, Storage.BlobTargetOption.doesNotExist()))
        .isInstanceOf(StorageException.class)
        .satisfies(e -> assertThat(((StorageException) e).getCode()).isEqualTo(412));
    assertThat(storage.readAllBytes(info.getBlobId())).containsExactly(1);
  }

  @Test
  void corruptedDownloadIsDetectedByTheClientChecksum() {
    byte[] content = Checksums.randomBytes(100_000, 5);
    BlobId id = BlobId.of(BUCKET, "corrupt/me.bin");
    storage.create(BlobInfo.newBuilder(id).build(), content);
    emulator.faults().replace(FaultSettings.fromJson(
        new JsonObject().put("corruptRate", 1.0), emulator.faults().defaults()));

    assertThatThrownBy(() -> storage.readAllBytes(id))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("checksum");
    assertThat(emulator.stats().faultsInjected(FaultKind.CORRUPT)).isEqualTo(1);
  }

  @Test
  void bucketMetadataAndMissingBucket() {
    Bucket bucket = storage.get(BUCKET);

    assertThat(bucket).isNotNull();
    assertThat(bucket.getName()).isEqualTo(BUCKET);
    assertThat(storage.get("no-such-bucket")).isNull();
  }
}
