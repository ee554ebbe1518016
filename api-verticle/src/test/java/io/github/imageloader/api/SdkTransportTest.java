package io.github.imageloader.api;

/** The api contract with loaders on the google-cloud-storage client transport. */
class SdkTransportTest extends ImagesApiContractTest {

  @Override
  String transport() {
    return "sdk";
  }
}
