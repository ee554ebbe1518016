package io.github.imageloader.driver;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class SeveralBaseUrlsTest {

  private static Future<HttpServer> server(Vertx vertx, List<String> seen) {
    return vertx.createHttpServer()
      .requestHandler(request -> {
        seen.add(request.uri());
        request.response().end("{}");
      })
      .listen(0, "127.0.0.1");
  }

  @Test
  void severalBaseUrlsSpreadTheVusOverThemStickily(Vertx vertx) throws Exception {
    List<String> first = new CopyOnWriteArrayList<>();
    List<String> second = new CopyOnWriteArrayList<>();
    HttpServer a = server(vertx, first).await();
    HttpServer b = server(vertx, second).await();
    ScenarioDefinition scenario = ScenarioDefinition.from("images",
      ScenarioDefinitionTest.definitions().getJsonObject("images"));
    WebClient client = WebClient.create(vertx);
    BatchRequests requests = new BatchRequests(client,
      "http://127.0.0.1:" + a.actualPort() + ", http://127.0.0.1:" + b.actualPort() + "/", scenario, List.of(), null, null, new BatchPicker(scenario, null));
    for (int vu : new int[] {0, 1, 2, 3, 4, 2}) {
      assertThat(requests.send(vu).await()).isEqualTo(200);
    }
    // VUs 0, 2, 4, 2 on the first URL; 1 and 3 on the second
    assertThat(first).hasSize(4).allMatch(uri -> uri.startsWith("/images?file_names=image_"));
    assertThat(second).hasSize(2).allMatch(uri -> uri.startsWith("/images?file_names=image_"));
    client.close();
  }

  @Test
  void oneBaseUrlTakesEveryVu(Vertx vertx) throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    HttpServer server = server(vertx, seen).await();
    ScenarioDefinition scenario = ScenarioDefinition.from("images", new JsonObject(ScenarioDefinitionTest.definitions()
      .getJsonObject("images").encode()));
    WebClient client = WebClient.create(vertx);
    BatchRequests requests = new BatchRequests(client, "http://127.0.0.1:" + server.actualPort(), scenario, List.of(), null, null, new BatchPicker(scenario, null));
    for (int vu = 0; vu < 3; vu++) {
      requests.send(vu).await();
    }
    assertThat(seen).hasSize(3);
    client.close();
  }
}
