package io.github.imageloader.emulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks GCS V4 signed URLs ({@code X-Goog-Algorithm=GOOG4-RSA-SHA256}) against the public keys
 * of known service accounts, refusing as GCS does: 403 {@code AccessDenied} when unsigned, 400
 * {@code MalformedSecurityHeader} for unparseable signing parameters, 400 {@code ExpiredToken} once
 * expired, 403 {@code SignatureDoesNotMatch} for an unknown signer or a signature that does not
 * verify. Before {@code X-Goog-Date} (beyond {@link #CLOCK_SKEW}) it answers 403
 * {@code AccessDenied}, a guess: GCS does not document that case. Keys are loaded up front;
 * {@link #verify} does not block.
 *
 * <p>The signature covers the {@code Host} header the request arrives with, so the Google client
 * must sign for the address it will fetch from: {@code StorageOptions.http().setHost(
 * "http://127.0.0.1:PORT")} (which gives the URL its scheme) and {@code SignUrlOption.withHostName(
 * "http://127.0.0.1:PORT")} (which gives it host and port, and the signed {@code host}), plus
 * {@code withV4Signature()}; path style ({@code /bucket/object}) is the client's default.
 */
public final class V4SignatureVerifier implements SignedUrlVerifier {

  /** How far ahead of this machine's clock a signer's clock may run. */
  public static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

  private static final Logger LOG = LoggerFactory.getLogger(V4SignatureVerifier.class);
  private static final String SIGNATURE_DOES_NOT_MATCH =
      "The request signature we calculated does not match the signature you provided."
          + " Check your Google secret key and signing method.";

  private final Map<String, List<RSAPublicKey>> keysBySigner;
  private final Clock clock;

  /**
   * @param signers accepted keys; one account may appear with several keys (key rotation)
   */
  public V4SignatureVerifier(Collection<ServiceAccountKey> signers, Clock clock) {
    if (signers.isEmpty()) {
      throw new IllegalArgumentException("V4 signature verification needs at least one key");
    }
    this.keysBySigner =
        Map.copyOf(
            signers.stream()
                .collect(
                    Collectors.groupingBy(
                        ServiceAccountKey::clientEmail,
                        Collectors.mapping(ServiceAccountKey::publicKey, Collectors.toList()))));
    this.clock = clock;
  }

  /** Reads service-account JSON key files; blocking. */
  public static V4SignatureVerifier fromKeyFiles(List<Path> keyFiles) throws IOException {
    List<ServiceAccountKey> keys = new ArrayList<>();
    for (Path keyFile : keyFiles) {
      keys.add(ServiceAccountKey.read(keyFile));
    }
    return new V4SignatureVerifier(keys, Clock.systemUTC());
  }

  @Override
  public void verify(SignedUrlRequest request) throws SignedUrlRejection {
    try {
      check(request);
    } catch (SignedUrlRejection rejection) {
      LOG.debug("Refused {} {}: {} {}", request.method(), request.rawPath(), rejection.code(),
          rejection.getMessage());
      throw rejection;
    }
  }

  private void check(SignedUrlRequest request) throws SignedUrlRejection {
    List<QueryParameter> query = QueryParameter.parseAll(request.rawQuery());
    if (!V4SignedUrl.isPresentIn(query)) {
      throw SignedUrlRejection.accessDenied(
          "Access denied. Anonymous caller does not have storage.objects.get access to the"
              + " Google Cloud Storage object " + request.bucket() + "/" + request.objectName()
              + " (this emulator requires a V4 signed URL).");
    }
    V4SignedUrl signed = V4SignedUrl.parse(query);
    Instant now = clock.instant();
    if (now.isAfter(signed.expiresAt())) {
      throw SignedUrlRejection.expiredToken(
          "The provided token has expired. Request signature expired at: " + signed.expiresAt());
    }
    if (signed.signedAt().isAfter(now.plus(CLOCK_SKEW))) {
      throw SignedUrlRejection.accessDenied(
          "Access denied. The signed URL is not valid before " + signed.signedAt());
    }
    List<RSAPublicKey> keys = keysBySigner.get(signed.signerEmail());
    if (keys == null) {
      throw SignedUrlRejection.signatureDoesNotMatch(
          SIGNATURE_DOES_NOT_MATCH + " Unknown signer: " + signed.signerEmail());
    }
    String canonicalRequest = V4CanonicalRequest.build(request, query, signed);
    byte[] stringToSign =
        V4CanonicalRequest.stringToSign(signed, canonicalRequest).getBytes(StandardCharsets.UTF_8);
    for (RSAPublicKey key : keys) {
      if (verifies(key, stringToSign, signed.signature())) {
        return;
      }
    }
    LOG.debug("No key of {} signed canonical request:\n{}", signed.signerEmail(), canonicalRequest);
    throw SignedUrlRejection.signatureDoesNotMatch(SIGNATURE_DOES_NOT_MATCH);
  }

  private static boolean verifies(RSAPublicKey key, byte[] data, byte[] signature) {
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initVerify(key);
      rsa.update(data);
      return rsa.verify(signature);
    } catch (GeneralSecurityException e) {
      // A signature of the wrong length for the key, for instance.
      return false;
    }
  }
}
