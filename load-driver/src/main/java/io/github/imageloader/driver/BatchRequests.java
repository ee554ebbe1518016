package io.github.imageloader.driver;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.multipart.MultipartForm;

import java.util.Arrays;
import java.util.List;

/**
 * One iteration's request, as the k6 scripts make it: {@code GET /images} with a random batch of names
 * ({@code file_names} repeated), {@code POST /load-images} with a random batch of signed URLs, or
 * {@code POST /images} uploading one image as {@code multipart/form-data} ({@code prompt} + {@code beforeImagePath}).
 * With an auth token, every request carries it as a bearer token. With several base URLs (several units, no
 * load balancer in front) VU {@code i} always talks to URL {@code i mod n}, as a load balancer with sticky
 * sessions would spread users.
 */
final class BatchRequests implements Requests {

  private final WebClient client;
  private final List<String> baseUrls;
  private final ScenarioDefinition scenario;
  private final List<String> signedUrls;
  private final UploadImage upload;
  private final String authToken;
  private final BatchPicker picker;

  /**
   * @param baseUrls  one base URL, or several separated by commas
   * @param upload    the image the upload request sends, or {@code null} for the other requests
   * @param authToken a bearer token for every request, or {@code null}
   */
  BatchRequests(WebClient client, String baseUrls, ScenarioDefinition scenario, List<String> signedUrls,
                UploadImage upload, String authToken, BatchPicker picker) {
    this.client = client;
    this.baseUrls = Arrays.stream(baseUrls.split(","))
      .map(String::trim)
      .map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url)
      .toList();
    this.scenario = scenario;
    this.signedUrls = signedUrls;
    this.upload = upload;
    this.authToken = authToken;
    this.picker = picker;
  }

  @Override
  public Future<Integer> send(int vu) {
    return request(vu).map(HttpResponse::statusCode);
  }

  Future<HttpResponse<Buffer>> request(int vu) {
    String baseUrl = baseUrls.get(vu % baseUrls.size());
    if (scenario.request().equals("upload")) {
      MultipartForm form = MultipartForm.create().attribute("prompt", upload.prompt())
        .binaryFileUpload("beforeImagePath", upload.fileName(), upload.data(), upload.mediaType());
      return authorized(client.postAbs(baseUrl + "/images")).timeout(60_000).sendMultipartForm(form);
    }
    int[] batch = picker.next(vu);
    if (scenario.request().equals("signed-urls")) {
      JsonArray urls = new JsonArray();
      for (int i = 0; i < batch.length; i++) {
        urls.add(signedUrls.get(picker.nextIndex(vu, signedUrls.size())));
      }
      return authorized(client.postAbs(baseUrl + "/load-images")).timeout(60_000).sendJson(urls);
    }
    StringBuilder uri = new StringBuilder(baseUrl).append("/images?");
    for (int i = 0; i < batch.length; i++) {
      if (i > 0) {
        uri.append('&');
      }
      uri.append("file_names=").append(BatchPicker.imageName(batch[i]));
    }
    return authorized(client.getAbs(uri.toString())).timeout(60_000).send();
  }

  private HttpRequest<Buffer> authorized(HttpRequest<Buffer> request) {
    return authToken == null ? request : request.bearerTokenAuthentication(authToken);
  }
}
