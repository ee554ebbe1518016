package io.github.imageloader.loader;

import io.vertx.core.buffer.Buffer;

/**
 * An object's bytes as fetched from storage, with the CRC32C they were verified against.
 *
 * @param data   the object's bytes
 * @param crc32c base64 of the big-endian CRC32C of {@code data}
 */
record StoredObject(Buffer data, String crc32c) {
}
