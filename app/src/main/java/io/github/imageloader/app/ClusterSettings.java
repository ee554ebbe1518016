package io.github.imageloader.app;

import com.hazelcast.config.Config;
import com.hazelcast.config.FileSystemXmlConfig;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;

import static io.github.imageloader.contract.ConfigValues.string;

/**
 * The Hazelcast cluster manager for clustered nodes, configured by {@code CLUSTER_CONFIG} (the repository's
 * {@code cluster.xml} by default: TCP-IP members on 127.0.0.1, multicast off).
 */
final class ClusterSettings {

  private ClusterSettings() {
  }

  static HazelcastClusterManager clusterManager(JsonObject config) {
    String file = string(config, "CLUSTER_CONFIG", "cluster.xml");
    try {
      Config hazelcast = new FileSystemXmlConfig(file);
      String clusterName = string(config, "CLUSTER_NAME", "");
      if (!clusterName.isEmpty()) {
        hazelcast.setClusterName(clusterName);
      }
      String memberPort = string(config, "CLUSTER_PORT", "");
      if (!memberPort.isEmpty()) {
        hazelcast.getNetworkConfig().setPort(Integer.parseInt(memberPort));
      }
      return new HazelcastClusterManager(hazelcast);
    } catch (FileNotFoundException e) {
      throw new UncheckedIOException("CLUSTER_CONFIG " + file + " does not exist", e);
    }
  }
}
