package io.github.imageloader.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The canonical request and string-to-sign of a V4 signed URL, rebuilt from what the request
 * actually carries (path, query, Host header) as GCS documents it.
 *
 * @see <a href="https://cloud.google.com/storage/docs/authentication/canonical-requests">Canonical
 *     requests</a>
 */
final class V4CanonicalRequest {

  private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
  private static final String CONTENT_SHA256 = "x-goog-content-sha256";

  private V4CanonicalRequest() {}

  /**
   * @throws SignedUrlRejection if a signed header is absent, so no signature can match
   */
  static String build(SignedUrlRequest request, List<QueryParameter> query, V4SignedUrl signed)
      throws SignedUrlRejection {
    StringBuilder canonical = new StringBuilder(512);
    canonical.append(request.method()).append('\n');
    canonical.append(PercentCodec.normalizePath(request.rawPath())).append('\n');
    canonical.append(canonicalQuery(query)).append('\n');
    for (String name : signed.signedHeaders()) {
      canonical.append(name).append(':').append(headerValue(request, name)).append('\n');
    }
    canonical.append('\n');
    canonical.append(String.join(";", signed.signedHeaders())).append('\n');
    canonical.append(
        signed.signedHeaders().contains(CONTENT_SHA256)
            ? headerValue(request, CONTENT_SHA256)
            : UNSIGNED_PAYLOAD);
    return canonical.toString();
  }

  static String stringToSign(V4SignedUrl signed, String canonicalRequest) {
    return V4SignedUrl.ALGORITHM + '\n'
        + signed.timestamp() + '\n'
        + signed.credentialScope() + '\n'
        + sha256Hex(canonicalRequest);
  }

  /** Every parameter but the signature, RFC 3986-encoded and sorted by name, then value. */
  private static String canonicalQuery(List<QueryParameter> query) {
    return query.stream()
        .filter(p -> !V4SignedUrl.SIGNATURE.equals(p.name().toLowerCase(Locale.ROOT)))
        .map(p -> new QueryParameter(PercentCodec.encode(p.name()), PercentCodec.encode(p.value())))
        .sorted(Comparator.comparing(QueryParameter::name).thenComparing(QueryParameter::value))
        .map(p -> p.name() + "=" + p.value())
        .collect(Collectors.joining("&"));
  }

  /** Values trimmed, inner whitespace runs collapsed, repeated headers comma-joined. */
  private static String headerValue(SignedUrlRequest request, String name)
      throws SignedUrlRejection {
    List<String> values =
        "host".equals(name)
            ? (request.host() == null ? List.of() : List.of(request.host()))
            : request.headers().getAll(name);
    if (values.isEmpty()) {
      throw SignedUrlRejection.signatureDoesNotMatch(
          "The request lacks the signed header '" + name + "'");
    }
    return values.stream()
        .map(value -> value.trim().replaceAll("\\s+", " "))
        .collect(Collectors.joining(","));
  }

  private static String sha256Hex(String text) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JDK has no SHA-256", e);
    }
  }
}
