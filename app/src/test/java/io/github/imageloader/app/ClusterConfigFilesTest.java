package io.github.imageloader.app;

import com.hazelcast.config.Config;
import com.hazelcast.config.FileSystemXmlConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped Hazelcast files parse as Hazelcast reads them, and each discovers members the way its README says. */
class ClusterConfigFilesTest {

  private static Config load(String file) throws Exception {
    return new FileSystemXmlConfig(NodeProcess.REPO.resolve(Path.of(file)).toString());
  }

  @Test
  void localClusterUsesTcpIpOnLoopback() throws Exception {
    Config config = load("cluster.xml");
    assertThat(config.getClusterName()).isEqualTo("image-batch-loader");
    assertThat(config.getNetworkConfig().getJoin().getTcpIpConfig().isEnabled()).isTrue();
    assertThat(config.getNetworkConfig().getJoin().getTcpIpConfig().getMembers()).containsExactly("127.0.0.1");
    assertThat(config.getNetworkConfig().getJoin().getMulticastConfig().isEnabled()).isFalse();
    assertThat(config.getProperty("hazelcast.max.no.heartbeat.seconds")).isEqualTo("5");
  }

  @Test
  void kubernetesUsesDnsDiscovery() throws Exception {
    Config config = load("deploy/k8s/cluster-k8s.xml");
    assertThat(config.getNetworkConfig().getJoin().getKubernetesConfig().isEnabled()).isTrue();
    assertThat(config.getNetworkConfig().getJoin().getKubernetesConfig().getProperty("service-dns"))
      .isEqualTo("image-batch-loader-hazelcast.default.svc.cluster.local");
    assertThat(config.getNetworkConfig().getJoin().getTcpIpConfig().isEnabled()).isFalse();
  }

  @Test
  void composeUsesMulticast() throws Exception {
    Config config = load("deploy/compose/cluster-compose.xml");
    assertThat(config.getNetworkConfig().getJoin().getMulticastConfig().isEnabled()).isTrue();
  }
}
