package io.github.imageloader.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP surface exercised directly with the Vert.x WebClient. */
@ExtendWith(VertxExtension.class)
class HttpApiTest {

  private static final String HOST = "127.0.0.1";
  private static final String BUCKET = "b1";
  private static final byte[] CONTENT = Checksums.randomBytes(10_000, 42);
  private static final String MEDIA_URI = "/download/storage/v1/b/b1/o/dir%2Fobj.bin?alt=media";

  @TempDir Path dataDir;
  private int port;
  private WebClient client;

  @BeforeEach
  void setUp(Vertx vertx) throws IOException {
    Path file = dataDir.resolve(BUCKET).resolve("dir/obj.bin");
    Files.createDirectories(file.getParent());
    Files.write(file, CONTENT);
    port = EmulatorFixture.deploy(vertx, dataDir).actualPort();
    client = WebClient.create(vertx);
  }

  @Test
  void fullMediaDownloadCarriesGoogleHeaders(VertxTestContext ctx) {
    client
        .get(port, HOST, MEDIA_URI)
        .send()
        .onComplete(
            ctx.succeeding(
                response ->
                    ctx.verify(
                        () -> {
                          assertThat(response.statusCode()).isEqualTo(200);
                          assertThat(response.body().getBytes()).isEqualTo(CONTENT);
                          assertThat(response.getHeader("x-goog-hash"))
                              .isEqualTo(
                                  "crc32c=" + Checksums.crc32c(CONTENT)
                                      + ",md5=" + Checksums.md5(CONTENT));
                          assertThat(response.getHeader("x-goog-generation")).matches("\\d+");
                          assertThat(response.getHeader("x-goog-metageneration")).isEqualTo("1");
                          assertThat(response.getHeader("x-goog-stored-content-length"))
                              .isEqualTo("10000");
                          assertThat(response.getHeader("x-goog-stored-content-encoding"))
                              .isEqualTo("identity");
                          assertThat(response.getHeader("Content-Length")).isEqualTo("10000");
                          assertThat(response.getHeader("Content-Type"))
                              .isEqualTo("application/octet-stream");
                          assertThat(response.getHeader("ETag")).isNotBlank();
                          ctx.completeNow();
                        })));
  }

  @Test
  void rangeRequests(VertxTestContext ctx) {
    Future<HttpResponse<Buffer>> middle =
        client.get(port, HOST, MEDIA_URI).putHeader("Range", "bytes=100-199").send();
    Future<HttpResponse<Buffer>> tail =
        client.get(port, HOST, MEDIA_URI).putHeader("Range", "bytes=9990-").send();
    Future<HttpResponse<Buffer>> beyond =
        client.get(port, HOST, MEDIA_URI).putHeader("Range", "bytes=20000-").send();
    Future.all(middle, tail, beyond)
        .onComplete(
            ctx.succeeding(
                all ->
                    ctx.verify(
                        () -> {
                          HttpResponse<Buffer> m = middle.result();
                          assertThat(m.statusCode()).isEqualTo(206);
                          assertThat(m.getHeader("Content-Range")).isEqualTo("bytes 100-199/10000");
                          assertThat(m.getHeader("Content-Length")).isEqualTo("100");
                          assertThat(m.body().getBytes())
                              .isEqualTo(Arrays.copyOfRange(CONTENT, 100, 200));
                          assertThat(m.getHeader("x-goog-hash"))
                              .contains("crc32c=" + Checksums.crc32c(CONTENT));

                          HttpResponse<Buffer> t = tail.result();
                          assertThat(t.statusCode()).isEqualTo(206);
                          assertThat(t.getHeader("Content-Range"))
                              .isEqualTo("bytes 9990-9999/10000");
                          assertThat(t.body().getBytes())
                              .isEqualTo(Arrays.copyOfRange(CONTENT, 9990, 10000));

                          HttpResponse<Buffer> b = beyond.result();
                          assertThat(b.statusCode()).isEqualTo(416);
                          assertThat(b.getHeader("Content-Range")).isEqualTo("bytes */10000");
                          assertThat(b.bodyAsJsonObject().getJsonObject("error").getInteger("code"))
                              .isEqualTo(416);
                          ctx.completeNow();
                        })));
  }

  @Test
  void objectMetadataIsGcsShaped(VertxTestContext ctx) {
    client
        .get(port, HOST, "/storage/v1/b/b1/o/dir%2Fobj.bin")
        .send()
        .onComplete(
            ctx.succeeding(
                response ->
                    ctx.verify(
                        () -> {
                          assertThat(response.statusCode()).isEqualTo(200);
                          JsonObject json = response.bodyAsJsonObject();
                          assertThat(json.getString("kind")).isEqualTo("storage#object");
                          assertThat(json.getString("name")).isEqualTo("dir/obj.bin");
                          assertThat(json.getString("bucket")).isEqualTo(BUCKET);
                          assertThat(json.getString("size")).isEqualTo("10000");
                          assertThat(json.getString("crc32c"))
                              .isEqualTo(Checksums.crc32c(CONTENT));
                          assertThat(json.getString("md5Hash")).isEqualTo(Checksums.md5(CONTENT));
                          assertThat(json.getString("generation")).matches("\\d+");
                          assertThat(json.getString("metageneration")).isEqualTo("1");
                          assertThat(json.getString("id"))
                              .isEqualTo("b1/dir/obj.bin/" + json.getString("generation"));
                          assertThat(json.getString("mediaLink"))
                              .startsWith("http://127.0.0.1:" + port
                                  + "/download/storage/v1/b/b1/o/dir%2Fobj.bin?");
                          assertThat(json.getString("selfLink")).endsWith("/b/b1/o/dir%2Fobj.bin");
                          assertThat(json.getString("timeCreated")).endsWith("Z");
                          assertThat(json.getString("updated")).isNotBlank();
                          assertThat(json.getString("etag")).isNotBlank();
                          assertThat(json.getString("contentType")).isNotBlank();
                          ctx.completeNow();
                        })));
  }

  @Test
  void bucketMetadata(VertxTestContext ctx) {
    Future<HttpResponse<Buffer>> existing = client.get(port, HOST, "/storage/v1/b/b1").send();
    Future<HttpResponse<Buffer>> missing = client.get(port, HOST, "/storage/v1/b/nope").send();
    Future.all(existing, missing)
        .onComplete(
            ctx.succeeding(
                all ->
                    ctx.verify(
                        () -> {
                          JsonObject bucket = existing.result().bodyAsJsonObject();
                          assertThat(bucket.getString("kind")).isEqualTo("storage#bucket");
                          assertThat(bucket.getString("name")).isEqualTo(BUCKET);
                          assertThat(bucket.getString("id")).isEqualTo(BUCKET);
                          assertThat(missing.result().statusCode()).isEqualTo(404);
                          ctx.completeNow();
                        })));
  }

  @Test
  void missingObjectErrorIsGcsShaped(VertxTestContext ctx) {
    client
        .get(port, HOST, "/storage/v1/b/b1/o/missing%2Fthing")
        .send()
        .onComplete(
            ctx.succeeding(
                response ->
                    ctx.verify(
                        () -> {
                          assertThat(response.statusCode()).isEqualTo(404);
                          JsonObject error = response.bodyAsJsonObject().getJsonObject("error");
                          assertThat(error.getInteger("code")).isEqualTo(404);
                          assertThat(error.getString("message"))
                              .isEqualTo("No such object: b1/missing/thing");
                          JsonObject detail = error.getJsonArray("errors").getJsonObject(0);
                          assertThat(detail.getString("reason")).isEqualTo("notFound");
                          assertThat(detail.getString("message")).isNotBlank();
                          ctx.completeNow();
                        })));
  }

  @Test
  void unknownRoutesAndMethods(VertxTestContext ctx) {
    Future<HttpResponse<Buffer>> unknown = client.get(port, HOST, "/storage/v1/nothing").send();
    Future<HttpResponse<Buffer>> patch =
        client.patch(port, HOST, "/storage/v1/b/b1/o/dir%2Fobj.bin").send();
    Future<HttpResponse<Buffer>> root = client.get(port, HOST, "/").send();
    Future.all(unknown, patch, root)
        .onComplete(
            ctx.succeeding(
                all ->
                    ctx.verify(
                        () -> {
                          assertThat(unknown.result().statusCode()).isEqualTo(404);
                          assertThat(unknown.result().bodyAsJsonObject().containsKey("error"))
                              .isTrue();
                          assertThat(patch.result().statusCode()).isEqualTo(405);
                          assertThat(root.result().statusCode()).isEqualTo(404);
                          ctx.completeNow();
                        })));
  }

  @Test
  void malformedRequestsAre400(VertxTestContext ctx) {
    Future<HttpResponse<Buffer>> badQuery =
        client.get(port, HOST, "/storage/v1/b/b1/o?prefix=%zz").send();
    Future<HttpResponse<Buffer>> badPath = client.get(port, HOST, "/storage/v1/b/b1/o/%zz").send();
    Future<HttpResponse<Buffer>> badMaxResults =
        client.get(port, HOST, "/storage/v1/b/b1/o?maxResults=-1").send();
    Future<HttpResponse<Buffer>> badUploadType =
        client.post(port, HOST, "/upload/storage/v1/b/b1/o?uploadType=weird").send();
    Future.all(badQuery, badPath, badMaxResults, badUploadType)
        .onComplete(
            ctx.succeeding(
                all ->
                    ctx.verify(
                        () -> {
                          for (Future<HttpResponse<Buffer>> response :
                              List.of(badQuery, badPath, badMaxResults, badUploadType)) {
                            assertThat(response.result().statusCode()).isEqualTo(400);
                            assertThat(
                                    response
                                        .result()
                                        .bodyAsJsonObject()
                                        .getJsonObject("error")
                                        .getInteger("code"))
                                .isEqualTo(400);
                          }
                          ctx.completeNow();
                        })));
  }

  @Test
  void pathTraversalIsRejected(VertxTestContext ctx) {
    Future<HttpResponse<Buffer>> jsonApi =
        client.get(port, HOST, "/storage/v1/b/b1/o/..%2F..%2Fsecret?alt=media").send();
    Future<HttpResponse<Buffer>> encodedDots =
        client.get(port, HOST, "/storage/v1/b/b1/o/%2E%2E%2Fb2%2Fx").send();
    Future<HttpResponse<Buffer>> xmlApi = client.get(port, HOST, "/b1/dir/../../secret").send();
    Future<HttpResponse<Buffer>> upload =
        client
            .post(port, HOST, "/upload/storage/v1/b/b1/o?uploadType=media&name=..%2F..%2Fevil")
            .sendBuffer(Buffer.buffer("evil"));
    Future.all(jsonApi, encodedDots, xmlApi, upload)
        .onComplete(
            ctx.succeeding(
                all ->
                    ctx.verify(
                        () -> {
                          assertThat(jsonApi.result().statusCode()).isEqualTo(400);
                          assertThat(encodedDots.result().statusCode()).isEqualTo(400);
                          assertThat(xmlApi.result().statusCode()).isEqualTo(400);
                          assertThat(upload.result().statusCode()).isEqualTo(400);
                          assertThat(dataDir.getParent().resolve("evil")).doesNotExist();
                          assertThat(dataDir.resolve("evil")).doesNotExist();
                          ctx.completeNow();
                        })));
  }

  @Test
  void xmlApiServesObjectsForSignedUrls(VertxTestContext ctx) {
    Future<HttpResponse<Buffer>> found =
        client
            .get(port, HOST, "/b1/dir/obj.bin?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Signature=00")
            .send();
    Future<HttpResponse<Buffer>> missing = client.get(port, HOST, "/b1/dir/none.bin").send();
    Future.all(found, missing)
        .onComplete(
            ctx.succeeding(
                all ->
                    ctx.verify(
                        () -> {
                          HttpResponse<Buffer> ok = found.result();
                          assertThat(ok.statusCode()).isEqualTo(200);
                          assertThat(ok.body().getBytes()).isEqualTo(CONTENT);
                          assertThat(ok.getHeader("x-goog-hash"))
                              .isEqualTo(
                                  "crc32c=" + Checksums.crc32c(CONTENT)
                                      + ",md5=" + Checksums.md5(CONTENT));
                          assertThat(ok.getHeader("x-goog-stored-content-length"))
                              .isEqualTo("10000");
                          HttpResponse<Buffer> notFound = missing.result();
                          assertThat(notFound.statusCode()).isEqualTo(404);
                          assertThat(notFound.bodyAsString()).contains("<Code>NoSuchKey</Code>");
                          ctx.completeNow();
                        })));
  }

  @Test
  void mediaUploadStoresBytesAndReportsHashes(VertxTestContext ctx) {
    byte[] body = "hello emulator".getBytes(StandardCharsets.UTF_8);
    client
        .post(port, HOST, "/upload/storage/v1/b/b1/o?uploadType=media&name=up%2Fhello.txt")
        .putHeader("Content-Type", "text/plain")
        .sendBuffer(Buffer.buffer(body))
        .onComplete(
            ctx.succeeding(
                response ->
                    ctx.verify(
                        () -> {
                          assertThat(response.statusCode()).isEqualTo(200);
                          JsonObject json = response.bodyAsJsonObject();
                          assertThat(json.getString("name")).isEqualTo("up/hello.txt");
                          assertThat(json.getString("contentType")).isEqualTo("text/plain");
                          assertThat(json.getString("crc32c")).isEqualTo(Checksums.crc32c(body));
                          assertThat(json.getString("md5Hash")).isEqualTo(Checksums.md5(body));
                          assertThat(dataDir.resolve("b1/up/hello.txt")).hasBinaryContent(body);
                          ctx.completeNow();
                        })));
  }

  @Test
  void gzipEncodedMultipartUploadIsInflated(VertxTestContext ctx) throws IOException {
    byte[] media = Checksums.randomBytes(50_000, 7);
    String boundary = "__END_OF_PART__test__";
    ByteArrayOutputStream multipart = new ByteArrayOutputStream();
    multipart.write(
        ("--" + boundary + "\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n"
                + new JsonObject()
                    .put("name", "gz/obj.bin")
                    .put("contentType", "application/x-gz-test")
                    .put("crc32c", Checksums.crc32c(media))
                    .encode()
                + "\r\n--" + boundary + "\r\nContent-Type: application/x-gz-test\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    multipart.write(media);
    multipart.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));

    client
        .post(port, HOST, "/upload/storage/v1/b/b1/o?uploadType=multipart")
        .putHeader("Content-Type", "multipart/related; boundary=" + boundary)
        .putHeader("Content-Encoding", "gzip")
        .sendBuffer(Buffer.buffer(gzip(multipart.toByteArray())))
        .onComplete(
            ctx.succeeding(
                response ->
                    ctx.verify(
                        () -> {
                          assertThat(response.statusCode()).isEqualTo(200);
                          JsonObject json = response.bodyAsJsonObject();
                          assertThat(json.getString("size")).isEqualTo("50000");
                          assertThat(json.getString("contentType"))
                              .isEqualTo("application/x-gz-test");
                          assertThat(json.getString("crc32c")).isEqualTo(Checksums.crc32c(media));
                          assertThat(dataDir.resolve("b1/gz/obj.bin")).hasBinaryContent(media);
                          ctx.completeNow();
                        })));
  }

  @Test
  void checksumMismatchOnUploadIsRejected(VertxTestContext ctx) {
    String boundary = "b0undary";
    String body =
        "--" + boundary + "\r\nContent-Type: application/json\r\n\r\n"
            + new JsonObject().put("name", "bad.bin").put("crc32c", "AAAAAA==").encode()
            + "\r\n--" + boundary + "\r\nContent-Type: application/octet-stream\r\n\r\n"
            + "payload"
            + "\r\n--" + boundary + "--";
    client
        .post(port, HOST, "/upload/storage/v1/b/b1/o?uploadType=multipart")
        .putHeader("Content-Type", "multipart/related; boundary=\"" + boundary + "\"")
        .sendBuffer(Buffer.buffer(body))
        .onComplete(
            ctx.succeeding(
                response ->
                    ctx.verify(
                        () -> {
                          assertThat(response.statusCode()).isEqualTo(400);
                          assertThat(dataDir.resolve("b1/bad.bin")).doesNotExist();
                          ctx.completeNow();
                        })));
  }

  @Test
  void resumableUploadProtocol(VertxTestContext ctx) {
    byte[] content = Checksums.randomBytes(20, 9);
    client
        .post(port, HOST, "/upload/storage/v1/b/b1/o?uploadType=resumable")
        .sendJsonObject(new JsonObject().put("name", "res/r.bin"))
        .compose(
            start -> {
              ctx.verify(() -> assertThat(start.statusCode()).isEqualTo(200));
              String location = start.getHeader("Location");
              ctx.verify(() -> assertThat(location).contains("upload_id="));
              String uri = location.substring(location.indexOf("/upload/"));
              return client
                  .put(port, HOST, uri)
                  .putHeader("Content-Range", "bytes 0-9/*")
                  .sendBuffer(Buffer.buffer(Arrays.copyOfRange(content, 0, 10)))
                  .compose(
                      first -> {
                        ctx.verify(
                            () -> {
                              assertThat(first.statusCode()).isEqualTo(308);
                              assertThat(first.getHeader("Range")).isEqualTo("bytes=0-9");
                            });
                        return client
                            .put(port, HOST, uri)
                            .putHeader("Content-Range", "bytes */*")
                            .send();
                      })
                  .compose(
                      status -> {
                        ctx.verify(
                            () -> {
                              assertThat(status.statusCode()).isEqualTo(308);
                              assertThat(status.getHeader("Range")).isEqualTo("bytes=0-9");
                            });
                        return client
                            .put(port, HOST, uri)
                            .putHeader("Content-Range", "bytes 10-19/20")
                            .sendBuffer(Buffer.buffer(Arrays.copyOfRange(content, 10, 20)));
                      });
            })
        .onComplete(
            ctx.succeeding(
                done ->
                    ctx.verify(
                        () -> {
                          assertThat(done.statusCode()).isEqualTo(200);
                          JsonObject json = done.bodyAsJsonObject();
                          assertThat(json.getString("size")).isEqualTo("20");
                          assertThat(json.getString("crc32c")).isEqualTo(Checksums.crc32c(content));
                          assertThat(dataDir.resolve("b1/res/r.bin")).hasBinaryContent(content);
                          ctx.completeNow();
                        })));
  }

  @Test
  void listingWithDelimiterAndPages(VertxTestContext ctx) throws IOException {
    for (String name : new String[] {"l/a", "l/b", "l/c/1", "l/c/2", "l/d/1", "l/e"}) {
      Path file = dataDir.resolve(BUCKET).resolve(name);
      Files.createDirectories(file.getParent());
      Files.writeString(file, name);
    }
    String base = "/storage/v1/b/b1/o?prefix=l%2F&delimiter=%2F&maxResults=3";
    client
        .get(port, HOST, base)
        .send()
        .compose(
            first -> {
              JsonObject json = first.bodyAsJsonObject();
              ctx.verify(
                  () -> {
                    assertThat(json.getString("kind")).isEqualTo("storage#objects");
                    assertThat(names(json.getJsonArray("items"))).containsExactly("l/a", "l/b");
                    assertThat(json.getJsonArray("prefixes")).containsExactly("l/c/");
                    assertThat(json.getString("nextPageToken")).isNotBlank();
                  });
              return client
                  .get(port, HOST, base + "&pageToken=" + json.getString("nextPageToken"))
                  .send();
            })
        .onComplete(
            ctx.succeeding(
                second ->
                    ctx.verify(
                        () -> {
                          JsonObject json = second.bodyAsJsonObject();
                          assertThat(names(json.getJsonArray("items"))).containsExactly("l/e");
                          assertThat(json.getJsonArray("prefixes")).containsExactly("l/d/");
                          assertThat(json.containsKey("nextPageToken")).isFalse();
                          ctx.completeNow();
                        })));
  }

  private static List<String> names(JsonArray items) {
    return items.stream().map(item -> ((JsonObject) item).getString("name")).toList();
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    }
    return out.toByteArray();
  }
}
