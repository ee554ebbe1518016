package io.github.imageloader.app;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Loads the node's configuration: {@code conf/default.json} (or the file named by {@code CONF_FILE}),
 * overridden by environment variables, overridden by system properties ({@code -DHTTP_PORT=9090}).
 * Tests and embedders pass {@code overrides} last. Every key is an environment variable name; only keys the defaults file declares are taken from the
 * environment, so unrelated variables never leak into the node's configuration.
 */
final class NodeConfig {

  static final String DEFAULT_FILE = "conf/default.json";

  private NodeConfig() {
  }

  static Future<JsonObject> load(Vertx vertx, JsonObject overrides) {
    String file = System.getProperty("CONF_FILE", System.getenv().getOrDefault("CONF_FILE", DEFAULT_FILE));
    ConfigStoreOptions defaults = new ConfigStoreOptions().setType("file").setFormat("json")
      .setConfig(new JsonObject().put("path", file));
    ConfigRetriever fileOnly = ConfigRetriever.create(vertx, new ConfigRetrieverOptions().setScanPeriod(-1).addStore(defaults));
    return fileOnly.getConfig()
      .eventually(() -> {
        fileOnly.close();
        return Future.succeededFuture();
      })
      .compose(fromFile -> {
        JsonArray keys = new JsonArray(fromFile.fieldNames().stream().toList());
        ConfigRetriever layered = ConfigRetriever.create(vertx, new ConfigRetrieverOptions().setScanPeriod(-1)
          .addStore(defaults)
          .addStore(new ConfigStoreOptions().setType("env").setConfig(new JsonObject().put("keys", keys)))
          .addStore(new ConfigStoreOptions().setType("json").setConfig(systemProperties(fromFile)))
          .addStore(new ConfigStoreOptions().setType("json").setConfig(overrides)));
        return layered.getConfig().eventually(() -> {
          layered.close();
          return Future.succeededFuture();
        });
      });
  }

  private static JsonObject systemProperties(JsonObject declared) {
    JsonObject properties = new JsonObject();
    for (String key : declared.fieldNames()) {
      String value = System.getProperty(key);
      if (value != null) {
        properties.put(key, value);
      }
    }
    return properties;
  }
}
