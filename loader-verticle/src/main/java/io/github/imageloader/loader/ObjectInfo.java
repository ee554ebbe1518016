package io.github.imageloader.loader;

/**
 * What storage says it holds for one object after an upload.
 *
 * @param size       bytes
 * @param crc32c     base64 of the big-endian CRC32C, as GCS writes it
 * @param generation the object's generation
 */
record ObjectInfo(long size, String crc32c, long generation) {
}
