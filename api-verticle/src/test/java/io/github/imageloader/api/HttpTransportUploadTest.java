package io.github.imageloader.api;

/** Uploads stored by loaders on the Vert.x web client transport (JSON API multipart upload). */
class HttpTransportUploadTest extends ImageUploadContractTest {

  @Override
  String transport() {
    return "http";
  }
}
