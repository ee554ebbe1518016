package io.github.imageloader.emulator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code X-Goog-*} signing parameters of a V4 signed URL, checked for shape but not yet for
 * authenticity. Parameter names match case-insensitively, as GCS accepts both spellings.
 *
 * @param credentialScope {@code <yyyymmdd>/<region>/storage/goog4_request}
 * @param timestamp {@code X-Goog-Date} as sent, {@code yyyyMMdd'T'HHmmss'Z'}
 * @param signedHeaders lower-case, sorted, always including {@code host}
 */
record V4SignedUrl(
    String signerEmail,
    String credentialScope,
    String timestamp,
    Instant signedAt,
    Duration validity,
    List<String> signedHeaders,
    byte[] signature) {

  static final String ALGORITHM = "GOOG4-RSA-SHA256";
  static final String SIGNATURE = "x-goog-signature";
  static final Duration MAX_VALIDITY = Duration.ofDays(7);

  private static final String ALGORITHM_PARAM = "x-goog-algorithm";
  private static final String CREDENTIAL = "x-goog-credential";
  private static final String DATE = "x-goog-date";
  private static final String EXPIRES = "x-goog-expires";
  private static final String SIGNED_HEADERS = "x-goog-signedheaders";
  private static final List<String> SIGNING_PARAMS =
      List.of(ALGORITHM_PARAM, CREDENTIAL, DATE, EXPIRES, SIGNED_HEADERS, SIGNATURE);
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT);

  /** Whether the request carries any V4 signing parameter at all. */
  static boolean isPresentIn(List<QueryParameter> query) {
    return query.stream().anyMatch(p -> SIGNING_PARAMS.contains(lower(p.name())));
  }

  static V4SignedUrl parse(List<QueryParameter> query) throws SignedUrlRejection {
    Map<String, String> params = signingParams(query);
    String algorithm = params.get(ALGORITHM_PARAM);
    if (!ALGORITHM.equals(algorithm)) {
      throw SignedUrlRejection.malformedSecurityHeader(
          "X-Goog-Algorithm must be " + ALGORITHM + ", not '" + algorithm + "'");
    }
    String timestamp = params.get(DATE);
    Instant signedAt = parseTimestamp(timestamp);
    String[] credential = params.get(CREDENTIAL).split("/", -1);
    int n = credential.length;
    if (n < 5
        || !"goog4_request".equals(credential[n - 1])
        || !"storage".equals(credential[n - 2])
        || credential[n - 3].isEmpty()
        || credential[0].isEmpty()) {
      throw SignedUrlRejection.malformedSecurityHeader(
          "X-Goog-Credential must be <email>/<yyyymmdd>/<region>/storage/goog4_request");
    }
    if (!timestamp.startsWith(credential[n - 4]) || credential[n - 4].length() != 8) {
      throw SignedUrlRejection.malformedSecurityHeader(
          "The date in X-Goog-Credential does not match X-Goog-Date");
    }
    return new V4SignedUrl(
        String.join("/", Arrays.copyOfRange(credential, 0, n - 4)),
        String.join("/", Arrays.copyOfRange(credential, n - 4, n)),
        timestamp,
        signedAt,
        parseValidity(params.get(EXPIRES)),
        parseSignedHeaders(params.get(SIGNED_HEADERS)),
        parseSignature(params.get(SIGNATURE)));
  }

  Instant expiresAt() {
    return signedAt.plus(validity);
  }

  private static Map<String, String> signingParams(List<QueryParameter> query)
      throws SignedUrlRejection {
    Map<String, String> params = new TreeMap<>();
    for (QueryParameter p : query) {
      String name = lower(p.name());
      if (SIGNING_PARAMS.contains(name) && params.put(name, p.value()) != null) {
        throw SignedUrlRejection.malformedSecurityHeader(p.name() + " appears more than once");
      }
    }
    List<String> missing = new ArrayList<>(SIGNING_PARAMS);
    missing.removeAll(params.keySet());
    if (!missing.isEmpty()) {
      throw SignedUrlRejection.malformedSecurityHeader(
          "Incomplete V4 signed URL, missing " + missing);
    }
    return params;
  }

  private static Instant parseTimestamp(String timestamp) throws SignedUrlRejection {
    try {
      return LocalDateTime.parse(timestamp, TIMESTAMP).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw SignedUrlRejection.malformedSecurityHeader(
          "X-Goog-Date must be yyyyMMdd'T'HHmmss'Z', not '" + timestamp + "'");
    }
  }

  private static Duration parseValidity(String expires) throws SignedUrlRejection {
    long seconds;
    try {
      seconds = Long.parseLong(expires);
    } catch (NumberFormatException e) {
      seconds = -1;
    }
    if (seconds < 0 || seconds > MAX_VALIDITY.toSeconds()) {
      throw SignedUrlRejection.malformedSecurityHeader(
          "X-Goog-Expires must be 0.." + MAX_VALIDITY.toSeconds() + " seconds, not '" + expires
              + "'");
    }
    return Duration.ofSeconds(seconds);
  }

  private static List<String> parseSignedHeaders(String signedHeaders) throws SignedUrlRejection {
    List<String> names = new ArrayList<>();
    for (String name : signedHeaders.split(";", -1)) {
      if (name.isBlank()) {
        throw SignedUrlRejection.malformedSecurityHeader(
            "X-Goog-SignedHeaders has an empty header name");
      }
      names.add(lower(name.trim()));
    }
    if (!names.contains("host")) {
      throw SignedUrlRejection.malformedSecurityHeader("X-Goog-SignedHeaders must include host");
    }
    return names.stream().distinct().sorted().toList();
  }

  /** A mangled signature is simply one that does not match. */
  private static byte[] parseSignature(String hex) throws SignedUrlRejection {
    try {
      return HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      throw SignedUrlRejection.signatureDoesNotMatch("X-Goog-Signature is not hexadecimal");
    }
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
