package io.github.imageloader.driver;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** What each request kind puts on the wire, seen by a plain HTTP server: method, path, form parts, bearer token. */
@ExtendWith(VertxExtension.class)
class BatchRequestsTest {

  record Seen(String method, String path, String authorization, String contentType, Map<String, String> form, int fileBytes) {
  }

  private static ScenarioDefinition scenario(String request) {
    return ScenarioDefinition.from(request, new JsonObject("""
      {"request": "%s", "stages": [{"duration": "1s", "target": 1}], "thinkTimeS": {"min": 0, "max": 0},
       "batchSize": {"min": 2, "max": 2}, "imageCount": 2}""".formatted(request)));
  }

  @Test
  void everyRequestCarriesTheTokenAndUploadsAreMultipart(Vertx vertx, VertxTestContext ctx) {
    List<Seen> seen = new CopyOnWriteArrayList<>();
    HttpServer server = vertx.createHttpServer().requestHandler(request -> {
      request.setExpectMultipart(request.path().equals("/images") && request.method().name().equals("POST"));
      int[] fileBytes = {0};
      request.uploadHandler(upload -> upload.handler(chunk -> fileBytes[0] += chunk.length()));
      request.endHandler(v -> {
        Map<String, String> form = new java.util.TreeMap<>();
        request.formAttributes().forEach(e -> form.put(e.getKey(), e.getValue()));
        seen.add(new Seen(request.method().name(), request.path(), request.getHeader("Authorization"),
          request.getHeader("Content-Type"), form, fileBytes[0]));
        request.response().setStatusCode(request.path().equals("/images") && request.method().name().equals("POST") ? 201 : 200).end();
      });
    });
    WebClient client = WebClient.create(vertx);
    UploadImage image = new UploadImage("a.png", "image/png", Buffer.buffer(new byte[1234]), "p r o m p t");
    server.listen(0, "127.0.0.1").compose(listening -> {
      String base = "http://127.0.0.1:" + listening.actualPort();
      return new BatchRequests(client, base, scenario("images"), List.of(), null, "tok.1", new BatchPicker(scenario("images"), null)).request(0)
        .compose(r -> new BatchRequests(client, base, scenario("signed-urls"), List.of("http://x/a", "http://x/b"), null, "tok.1", new BatchPicker(scenario("images"), null)).request(0))
        .compose(r -> new BatchRequests(client, base, scenario("upload"), List.of(), image, "tok.1", new BatchPicker(scenario("upload"), null)).request(0))
        .compose(r -> {
          ctx.verify(() -> assertThat(r.statusCode()).isEqualTo(201));
          return new BatchRequests(client, base, scenario("upload"), List.of(), image, null, new BatchPicker(scenario("upload"), null)).request(0);
        });
    }).onComplete(ctx.succeeding(last -> ctx.verify(() -> {
      assertThat(seen).extracting(Seen::method, Seen::path).containsExactly(
        org.assertj.core.groups.Tuple.tuple("GET", "/images"), org.assertj.core.groups.Tuple.tuple("POST", "/load-images"),
        org.assertj.core.groups.Tuple.tuple("POST", "/images"), org.assertj.core.groups.Tuple.tuple("POST", "/images"));
      assertThat(seen.subList(0, 3)).allSatisfy(s -> assertThat(s.authorization()).isEqualTo("Bearer tok.1"));
      assertThat(seen.get(3).authorization()).isNull();
      Seen upload = seen.get(2);
      assertThat(upload.contentType()).startsWith("multipart/form-data");
      assertThat(upload.form()).containsEntry("prompt", "p r o m p t");
      assertThat(upload.fileBytes()).isEqualTo(1234);
      ctx.completeNow();
    })));
  }

  @Test
  void aTokenThatCannotBeAHeaderIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DriverOptions.parse(new String[] {"--scenario", "images"},
      Map.of("AUTH_TOKEN", "two words"))).hasMessageContaining("AUTH_TOKEN");
    assertThat(DriverOptions.parse(new String[] {"--scenario", "upload"}, Map.of("AUTH_TOKEN", "t", "UPLOAD_FILE", "x.png")))
      .satisfies(o -> {
        assertThat(o.authToken()).isEqualTo("t");
        assertThat(o.uploadFile()).hasToString("x.png");
      });
  }
}
