package io.github.imageloader.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The api contract with loaders on the http transport reaching storage over HTTPS, as production reaches GCS:
 * the emulator's certificate from a CA the loaders trust through {@code STORAGE_CA_FILE}.
 */
class HttpTransportTlsTest extends ImagesApiContractTest {

  @Override
  String transport() {
    return "http";
  }

  @Override
  TestStack.Tls tls() {
    return TestStack.Tls.TRUSTED;
  }

  /**
   * A signed URL naming storage by host name is fetched from the address the SSRF check resolved and pinned
   * (the emulator listens on 127.0.0.1 only), with that host name as TLS SNI and as the name its certificate is
   * checked against; a certificate valid for the name but reached without SNI would not show the name here.
   */
  @Test
  void signedUrlsOverHttpsCarryTheirHostAsSni(VertxTestContext ctx) {
    JsonArray urls = new JsonArray(names(3).stream().map(n -> stack.signedUrl(n, 0)).toList());
    assertThat(urls.getString(0)).startsWith("https://localhost:");
    stack.post("/load-images", urls.toBuffer())
      .compose(response -> {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return stack.emulatorStats();
      })
      .onComplete(ctx.succeeding(stats -> ctx.verify(() -> {
        JsonObject names = stats.getJsonObject("tlsServerNames");
        assertThat(names.getLong("localhost", 0L)).as("TLS connections that indicated SNI localhost: " + names).isPositive();
        assertThat(names.fieldNames()).as("SNI names storage saw").isSubsetOf("", "localhost");
        ctx.completeNow();
      })));
  }
}
