package io.github.imageloader.api;

import io.vertx.core.buffer.Buffer;

/**
 * A {@code POST /images} form as received: the prompt, the file's bytes and what the client said about the file
 * (kept for error messages only; the stored object's name and type come from the server).
 */
record UploadForm(String prompt, Buffer data, String clientFileName, String clientContentType) {
}
