package io.github.imageloader.emulator;

import io.vertx.core.MultiMap;

/**
 * The parts of an XML API request a signature check needs.
 *
 * @param rawPath the path exactly as received, still percent-encoded
 * @param queryParams decoded query parameters ({@code X-Goog-Signature}, ...)
 */
public record SignedUrlRequest(
    String method,
    String host,
    String rawPath,
    String rawQuery,
    String bucket,
    String objectName,
    MultiMap queryParams,
    MultiMap headers) {}
