package io.github.imageloader.emulator;

import java.nio.file.Path;

/** State of one resumable upload; only touched on the emulator's event loop. */
final class ResumableSession {

  final String uploadId;
  final ObjectPath path;
  final UploadMetadata upload;
  final GenerationPreconditions preconditions;
  final Path stagedFile;
  long received;
  boolean busy;
  ObjectMetadata result;

  ResumableSession(
      String uploadId, ObjectPath path, UploadMetadata upload,
      GenerationPreconditions preconditions, Path stagedFile) {
    this.uploadId = uploadId;
    this.path = path;
    this.upload = upload;
    this.preconditions = preconditions;
    this.stagedFile = stagedFile;
  }

  /** {@code Range} header value acknowledging what was persisted, or null if nothing was. */
  String persistedRange() {
    return received == 0 ? null : "bytes=0-" + (received - 1);
  }
}
