package io.github.imageloader.driver;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One iteration's request, as the k6 scripts make it: {@code GET /images} with a random batch of names
 * ({@code file_names} repeated), or {@code POST /load-images} with a random batch of signed URLs. With several
 * base URLs (several units, no load balancer in front) VU {@code i} always talks to URL {@code i mod n}, as a
 * load balancer with sticky sessions would spread users.
 */
final class BatchRequests {

  private final WebClient client;
  private final List<String> baseUrls;
  private final ScenarioDefinition scenario;
  private final List<String> signedUrls;

  BatchRequests(WebClient client, String baseUrls, ScenarioDefinition scenario, List<String> signedUrls) {
    this.client = client;
    this.baseUrls = java.util.Arrays.stream(baseUrls.split(","))
      .map(String::trim)
      .map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url)
      .toList();
    this.scenario = scenario;
    this.signedUrls = signedUrls;
  }

  Future<HttpResponse<Buffer>> send(int vu) {
    String baseUrl = baseUrls.get(vu % baseUrls.size());
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int count = random.nextInt(scenario.batchMin(), scenario.batchMax() + 1);
    if (scenario.request().equals("signed-urls")) {
      JsonArray urls = new JsonArray();
      for (int i = 0; i < count; i++) {
        urls.add(signedUrls.get(random.nextInt(signedUrls.size())));
      }
      return client.postAbs(baseUrl + "/load-images").timeout(60_000).sendJson(urls);
    }
    StringBuilder uri = new StringBuilder(baseUrl).append("/images?");
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        uri.append('&');
      }
      uri.append(String.format("file_names=image_%03d.jpg", 1 + random.nextInt(scenario.imageCount())));
    }
    return client.getAbs(uri.toString()).timeout(60_000).send();
  }
}
