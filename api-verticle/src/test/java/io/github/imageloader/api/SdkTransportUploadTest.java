package io.github.imageloader.api;

/** Uploads stored by loaders on the google-cloud-storage client transport. */
class SdkTransportUploadTest extends ImageUploadContractTest {

  @Override
  String transport() {
    return "sdk";
  }
}
