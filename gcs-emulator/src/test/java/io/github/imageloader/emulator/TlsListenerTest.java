package io.github.imageloader.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTPS listener: a certificate generated on first start from a dev CA, objects served byte for byte over
 * HTTP/1.1 and over h2 (ALPN), plain HTTP still there, and the TLS connections, SNI names and HTTP/2 requests
 * counted.
 */
@ExtendWith(VertxExtension.class)
class TlsListenerTest {

  private static final int SIZE = 300_000;
  private static final String OBJECT = "/download/storage/v1/b/bucket/o/k%2Fobj.bin?alt=media";

  @Test
  void servesObjectsOverHttpsWithH1AndH2(Vertx vertx, VertxTestContext ctx, @TempDir Path dir) throws Exception {
    byte[] bytes = Checksums.randomBytes(SIZE, 5);
    Path file = dir.resolve("data/bucket/k/obj.bin");
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
    Path ca = dir.resolve("tls/ca.pem");
    GcsEmulatorVerticle emulator =
        EmulatorFixture.deploy(
            vertx,
            dir.resolve("data"),
            new JsonObject()
                .put("tlsPort", 0)
                .put("tlsCertFile", dir.resolve("tls/cert.pem").toString())
                .put("tlsKeyFile", dir.resolve("tls/key.pem").toString())
                .put("tlsCaFile", ca.toString())
                .put("tlsHostNames", new JsonArray().add("localhost").add("127.0.0.1")));
    int tlsPort = emulator.actualTlsPort();
    assertThat(tlsPort).isPositive().isNotEqualTo(emulator.actualPort());
    WebClientOptions trusting =
        new WebClientOptions()
            .setSsl(true)
            .setVerifyHost(true)
            .setTrustOptions(new PemTrustOptions().addCertPath(ca.toString()));
    WebClient h1 = WebClient.create(vertx, new WebClientOptions(trusting));
    WebClient h2 =
        WebClient.create(
            vertx, new WebClientOptions(trusting).setUseAlpn(true).setProtocolVersion(HttpVersion.HTTP_2));
    WebClient plain = WebClient.create(vertx);
    Future<HttpResponse<Buffer>> overH1 = h1.get(tlsPort, "localhost", OBJECT).send();
    Future<HttpResponse<Buffer>> overH2 = h2.get(tlsPort, "127.0.0.1", OBJECT).send();
    Future<HttpResponse<Buffer>> overHttp = plain.get(emulator.actualPort(), "127.0.0.1", OBJECT).send();
    Future.all(overH1, overH2, overHttp)
        .compose(all -> plain.get(emulator.actualPort(), "127.0.0.1", "/_emulator/stats").send())
        .onComplete(
            ctx.succeeding(
                stats ->
                    ctx.verify(
                        () -> {
                          for (Future<HttpResponse<Buffer>> response : java.util.List.of(overH1, overH2, overHttp)) {
                            assertThat(response.result().statusCode()).isEqualTo(200);
                            assertThat(response.result().body().getBytes()).isEqualTo(bytes);
                          }
                          assertThat(overH2.result().version()).isEqualTo(HttpVersion.HTTP_2);
                          assertThat(overH1.result().version()).isEqualTo(HttpVersion.HTTP_1_1);
                          JsonObject counts = stats.bodyAsJsonObject();
                          assertThat(counts.getLong("tlsConnections")).isEqualTo(2);
                          assertThat(counts.getLong("http2Requests")).isEqualTo(1);
                          assertThat(counts.getJsonObject("tlsServerNames").getMap())
                              .as("the JDK sends no SNI for 'localhost' (no dot) nor for an address")
                              .containsOnlyKeys("");
                          ctx.completeNow();
                        })));
  }
}
