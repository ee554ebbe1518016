package io.github.imageloader.driver;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The floor a batch loader is measured against: the same batches fetched by the driver straight from storage
 * (JSON API media downloads), every image of a batch at once over one pooled keep-alive client of the
 * service's pool size, bodies read and dropped. A batch's latency is then what storage alone costs; whatever
 * the service adds on top is its overhead. The batch counts as 200 when every image answered 200.
 */
final class StorageFloorRequests implements Requests {

  private final HttpClient client;
  private final String storageUrl;
  private final String bucket;
  private final String prefix;
  private final BatchPicker picker;

  StorageFloorRequests(HttpClient client, String storageUrl, String bucket, String prefix, BatchPicker picker) {
    this.client = client;
    this.storageUrl = storageUrl.endsWith("/") ? storageUrl.substring(0, storageUrl.length() - 1) : storageUrl;
    this.bucket = bucket;
    this.prefix = prefix;
    this.picker = picker;
  }

  @Override
  public Future<Integer> send(int vu) {
    int[] batch = picker.next(vu);
    List<Future<Integer>> images = new ArrayList<>(batch.length);
    for (int index : batch) {
      images.add(fetch(prefix + BatchPicker.imageName(index)));
    }
    return Future.join(images).transform(done -> {
      int status = 200;
      for (Future<Integer> image : images) {
        int code = image.succeeded() ? image.result() : 0;
        if (code != 200) {
          status = code;
        }
      }
      return Future.succeededFuture(status);
    });
  }

  private Future<Integer> fetch(String objectName) {
    String url = storageUrl + "/download/storage/v1/b/" + encode(bucket) + "/o/" + encode(objectName) + "?alt=media";
    return client.request(new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url).setTimeout(60_000))
      .compose(request -> request.send())
      .compose(response -> response.handler(chunk -> { }).end().map(v -> response.statusCode()));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
