package io.github.imageloader.api;

/**
 * The api contract with loaders on the sdk transport reaching storage over HTTPS, as production reaches GCS:
 * the emulator's certificate from a CA the loaders trust through {@code STORAGE_CA_FILE}.
 */
class SdkTransportTlsTest extends ImagesApiContractTest {

  @Override
  String transport() {
    return "sdk";
  }

  @Override
  TestStack.Tls tls() {
    return TestStack.Tls.TRUSTED;
  }
}
