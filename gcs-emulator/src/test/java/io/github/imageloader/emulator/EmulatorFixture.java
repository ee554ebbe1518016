package io.github.imageloader.emulator;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Deploys an emulator on an ephemeral port for a test. */
final class EmulatorFixture {

  private EmulatorFixture() {}

  static GcsEmulatorVerticle deploy(Vertx vertx, Path dataDir) {
    return deploy(vertx, dataDir, new JsonObject());
  }

  static GcsEmulatorVerticle deploy(Vertx vertx, Path dataDir, JsonObject extraConfig) {
    GcsEmulatorVerticle emulator = new GcsEmulatorVerticle();
    JsonObject config =
        new JsonObject().put("dataDir", dataDir.toString()).put("port", 0).mergeIn(extraConfig);
    try {
      vertx
          .deployVerticle(emulator, new DeploymentOptions().setConfig(config))
          .await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Emulator deployment failed", e);
    }
    return emulator;
  }
}
