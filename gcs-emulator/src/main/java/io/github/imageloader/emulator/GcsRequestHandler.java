package io.github.imageloader.emulator;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes every HTTP request on its raw (undecoded) path. A generic router would decode and
 * normalise the path, turning the {@code %2F} inside object names into path separators.
 */
final class GcsRequestHandler implements Handler<HttpServerRequest> {

  private static final Logger LOG = LoggerFactory.getLogger(GcsRequestHandler.class);

  private static final String JSON_API = "/storage/v1/";
  private static final String DOWNLOAD_API = "/download/storage/v1/";
  private static final String UPLOAD_API = "/upload/storage/v1/";

  private final EmulatorStats stats;
  private final FaultInjector faults;
  private final SignedUrlVerifier signedUrlVerifier;
  private final AdminHandler admin;
  private final BucketHandler buckets;
  private final ObjectListHandler listing;
  private final ObjectMetadataHandler metadata;
  private final ObjectDownloadHandler downloads;
  private final SimpleUploadHandler simpleUploads;
  private final ResumableUploadHandler resumableUploads;

  GcsRequestHandler(
      Vertx vertx, ObjectStore store, FaultInjector faults, EmulatorStats stats,
      SignedUrlVerifier signedUrlVerifier) {
    this.stats = stats;
    this.faults = faults;
    this.signedUrlVerifier = signedUrlVerifier;
    LatencyTimer latency = new LatencyTimer(vertx, faults);
    this.admin = new AdminHandler(stats, faults);
    this.buckets = new BucketHandler(store);
    this.listing = new ObjectListHandler(store, latency, stats);
    this.metadata = new ObjectMetadataHandler(store, latency, stats);
    this.downloads =
        new ObjectDownloadHandler(store, faults, latency, stats, new MediaBodyWriter(vertx, store, stats));
    this.simpleUploads = new SimpleUploadHandler(store, stats);
    this.resumableUploads = new ResumableUploadHandler(vertx, store, stats);
  }

  @Override
  public void handle(HttpServerRequest request) {
    String path = request.path();
    if (LOG.isDebugEnabled()) {
      LOG.debug("{} {} Content-Range={} Range={}", request.method(), request.uri(),
          request.getHeader("Content-Range"), request.getHeader("Range"));
    }
    if (path != null && path.startsWith(AdminHandler.PREFIX)) {
      respondOnFailure(request, ErrorResponder.Format.JSON, () -> admin.handle(request));
      return;
    }
    stats.requestReceived(request.version());
    if (faults.isDown()) {
      stats.faultInjected(FaultKind.DOWN);
      request.connection().close();
      return;
    }
    ErrorResponder.Format errorFormat =
        isXmlApi(path) ? ErrorResponder.Format.XML : ErrorResponder.Format.JSON;
    respondOnFailure(request, errorFormat, () -> route(request, path));
  }

  private Future<Void> route(HttpServerRequest request, String path) {
    if (path == null || !path.startsWith("/")) {
      throw GcsException.badRequest("Invalid request target");
    }
    if (!hasDecodableQuery(request)) {
      throw GcsException.badRequest("Malformed query string");
    }
    if (path.startsWith(JSON_API)) {
      return jsonApi(request, JsonApiPath.parse(path.substring(JSON_API.length())));
    }
    if (path.startsWith(DOWNLOAD_API)) {
      return downloadApi(request, JsonApiPath.parse(path.substring(DOWNLOAD_API.length())));
    }
    if (path.startsWith(UPLOAD_API)) {
      return uploadApi(request, JsonApiPath.parse(path.substring(UPLOAD_API.length())));
    }
    return xmlApi(request, path);
  }

  private Future<Void> jsonApi(HttpServerRequest request, JsonApiPath target) {
    HttpMethod method = request.method();
    switch (target.kind()) {
      case BUCKETS:
        if (method == HttpMethod.GET) {
          return buckets.list(request);
        }
        if (method == HttpMethod.POST) {
          return buckets.create(request);
        }
        break;
      case BUCKET:
        if (method == HttpMethod.GET) {
          return buckets.get(request, target.bucket());
        }
        break;
      case OBJECTS:
        if (method == HttpMethod.GET) {
          ObjectPath.validateBucket(target.bucket());
          return listing.handle(request, target.bucket());
        }
        break;
      case OBJECT:
        if (method == HttpMethod.GET) {
          return "media".equals(request.getParam("alt"))
              ? downloads.handle(request, target.objectPath(), ObjectDownloadHandler.Api.JSON)
              : metadata.get(request, target.objectPath());
        }
        if (method == HttpMethod.DELETE) {
          return metadata.delete(request, target.objectPath());
        }
        break;
      default:
        return unknownRoute(request);
    }
    return methodNotAllowed(request);
  }

  private Future<Void> downloadApi(HttpServerRequest request, JsonApiPath target) {
    if (target.kind() != JsonApiPath.Kind.OBJECT) {
      return unknownRoute(request);
    }
    if (request.method() != HttpMethod.GET) {
      return methodNotAllowed(request);
    }
    return downloads.handle(request, target.objectPath(), ObjectDownloadHandler.Api.JSON);
  }

  private Future<Void> uploadApi(HttpServerRequest request, JsonApiPath target) {
    if (target.kind() != JsonApiPath.Kind.OBJECTS) {
      return unknownRoute(request);
    }
    ObjectPath.validateBucket(target.bucket());
    HttpMethod method = request.method();
    String uploadId = request.getParam("upload_id");
    if (uploadId != null && method == HttpMethod.PUT) {
      return resumableUploads.put(request, uploadId);
    }
    if (uploadId != null && method == HttpMethod.DELETE) {
      return resumableUploads.cancel(request, uploadId);
    }
    if (method != HttpMethod.POST) {
      return methodNotAllowed(request);
    }
    String uploadType = request.getParam("uploadType");
    if ("multipart".equals(uploadType)) {
      return simpleUploads.multipart(request, target.bucket());
    }
    if ("media".equals(uploadType)) {
      return simpleUploads.media(request, target.bucket());
    }
    if ("resumable".equals(uploadType)) {
      return resumableUploads.start(request, target.bucket());
    }
    throw GcsException.badRequest("Unsupported uploadType: " + uploadType);
  }

  /** {@code /{bucket}/{object name with slashes}}, the form signed URLs take. */
  private Future<Void> xmlApi(HttpServerRequest request, String rawPath) {
    String rest = rawPath.substring(1);
    int slash = rest.indexOf('/');
    if (slash <= 0 || slash == rest.length() - 1) {
      return unknownRoute(request);
    }
    HttpMethod method = request.method();
    if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
      return methodNotAllowed(request);
    }
    ObjectPath path =
        new ObjectPath(
            PercentCodec.decode(rest.substring(0, slash)),
            PercentCodec.decode(rest.substring(slash + 1)));
    try {
      signedUrlVerifier.verify(
          new SignedUrlRequest(
              method.name(),
              hostHeader(request),
              rawPath,
              request.query(),
              path.bucket(),
              path.name(),
              request.params(),
              request.headers()));
    } catch (SignedUrlRejection rejection) {
      return Future.failedFuture(rejection.toGcsException());
    }
    return downloads.handle(request, path, ObjectDownloadHandler.Api.XML);
  }

  /** The Host header as sent; HTTP/2 carries it as {@code :authority} instead. */
  private static String hostHeader(HttpServerRequest request) {
    String host = request.getHeader("Host");
    if (host == null && request.authority() != null) {
      return request.authority().toString();
    }
    return host;
  }

  private static boolean isXmlApi(String path) {
    return path != null
        && path.startsWith("/")
        && !path.startsWith(JSON_API)
        && !path.startsWith(DOWNLOAD_API)
        && !path.startsWith(UPLOAD_API);
  }

  private static boolean hasDecodableQuery(HttpServerRequest request) {
    try {
      request.params();
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static Future<Void> unknownRoute(HttpServerRequest request) {
    return Future.failedFuture(GcsException.notFound("Not Found: " + request.path()));
  }

  private static Future<Void> methodNotAllowed(HttpServerRequest request) {
    return Future.failedFuture(
        GcsException.methodNotAllowed(request.method() + " not allowed on " + request.path()));
  }

  private static void respondOnFailure(
      HttpServerRequest request, ErrorResponder.Format format, Supplier<Future<Void>> action) {
    Future<Void> result;
    try {
      result = action.get();
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result.onFailure(failure -> ErrorResponder.respond(request, failure, format));
  }
}
