package io.github.imageloader.app;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import io.github.imageloader.contract.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * Passes Hazelcast's word that a member left (a crash, a partition, a graceful stop) to this node's api as a local
 * event-bus message, so the api fails the jobs it had sent to that member's loaders over at once, without
 * depending on Hazelcast itself.
 */
final class ClusterDepartures implements MembershipListener {

  private final Vertx vertx;

  private ClusterDepartures(Vertx vertx) {
    this.vertx = vertx;
  }

  static void watch(Vertx vertx, HazelcastClusterManager manager) {
    manager.getHazelcastInstance().getCluster().addMembershipListener(new ClusterDepartures(vertx));
  }

  @Override
  public void memberAdded(MembershipEvent event) {
  }

  @Override
  public void memberRemoved(MembershipEvent event) {
    vertx.eventBus().publish(Addresses.MEMBER_LEFT_LOCAL, event.getMember().getUuid().toString(),
      new DeliveryOptions().setLocalOnly(true));
  }
}
