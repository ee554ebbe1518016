package io.github.imageloader.loader;

import io.vertx.core.buffer.Buffer;

/**
 * An object as fetched from storage and verified: its length and the CRC32C its bytes had.
 *
 * @param size   the number of bytes received
 * @param crc32c base64 of the big-endian CRC32C of those bytes
 * @param data   the bytes, when the job asked for them; {@code null} when they were only checksummed
 */
record StoredObject(long size, String crc32c, Buffer data) {
}
