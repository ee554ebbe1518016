package io.github.imageloader.app;

import com.hazelcast.cluster.Member;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A departed member is named by the node id its loaders announce (the Vert.x node id), not by its Hazelcast UUID:
 * otherwise the api never matches a departure to a loader and waits for its silence instead.
 */
class ClusterDeparturesTest {

  @Test
  void aMemberIsNamedByItsVertxNodeId() {
    JsonObject config = new JsonObject()
      .put("CLUSTER_NAME", "departures-test-" + UUID.randomUUID())
      .put("CLUSTER_CONFIG", NodeProcess.REPO.resolve("cluster.xml").toString());
    HazelcastClusterManager manager = ClusterSettings.clusterManager(config);
    Vertx vertx = Vertx.builder().withClusterManager(manager).buildClustered().await();
    try {
      Member local = manager.getHazelcastInstance().getCluster().getLocalMember();
      assertThat(local.getUuid().toString()).as("Hazelcast's own member UUID").isNotEqualTo(manager.getNodeId());
      assertThat(ClusterDepartures.nodeId(local)).isEqualTo(manager.getNodeId());
    } finally {
      vertx.close().await();
    }
  }
}
