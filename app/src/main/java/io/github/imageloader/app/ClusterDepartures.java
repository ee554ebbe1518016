package io.github.imageloader.app;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import io.github.imageloader.contract.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * Passes Hazelcast's word that a member left (a crash, a partition, a graceful stop) to this node's api as a local
 * event-bus message, so the api fails the jobs it had sent to that member's loaders over at once, without
 * depending on Hazelcast itself. The message carries the member's Vert.x node id, the one its loaders announce
 * ({@link HazelcastClusterManager#getNodeId()}): vertx-hazelcast keeps it in the member attribute
 * {@value #VERTX_NODE_ID}, and it is not the member's Hazelcast UUID.
 */
final class ClusterDepartures implements MembershipListener {

  /** The member attribute in which vertx-hazelcast keeps a member's Vert.x node id. */
  static final String VERTX_NODE_ID = "__vertx.nodeId";

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
    vertx.eventBus().publish(Addresses.MEMBER_LEFT_LOCAL, nodeId(event.getMember()), new DeliveryOptions().setLocalOnly(true));
  }

  /** A member's Vert.x node id; its Hazelcast UUID where it has none (a member that is not a Vert.x node). */
  static String nodeId(Member member) {
    String nodeId = member.getAttribute(VERTX_NODE_ID);
    return nodeId != null ? nodeId : member.getUuid().toString();
  }
}
