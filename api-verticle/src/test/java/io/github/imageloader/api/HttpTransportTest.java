package io.github.imageloader.api;

/** The api contract with loaders on the Vert.x web client transport. */
class HttpTransportTest extends ImagesApiContractTest {

  @Override
  String transport() {
    return "http";
  }
}
