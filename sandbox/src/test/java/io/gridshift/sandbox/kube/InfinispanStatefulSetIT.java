package io.gridshift.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.sandbox.Sandbox;
import io.gridshift.sandbox.SandboxOptions;
import io.gridshift.sandbox.infinispan.InfinispanServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real two-pod Infinispan StatefulSet in the sandbox: the kubelet launches two server processes
 * on their own pod IPs, they form one cluster, and the Service's cluster IP routes REST calls to
 * them. The first run downloads the server (~60 MB) from Maven Central.
 */
class InfinispanStatefulSetIT {
  private static final String VERSION =
      System.getProperty("gridshift.infinispan.source", "14.0.28.Final");
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(10);

  @TempDir Path dir;

  @Test
  void twoPodsFormOneClusterReachableThroughTheService() throws Exception {
    // Failsafe sets the property (parent pom); surefire runs with -Dtest=...** must not start
    // real servers.
    assumeTrue(
        System.getProperty("gridshift.infinispan.source") != null,
        "real-server IT: run it with failsafe (mvn verify -Dit.test=InfinispanStatefulSetIT)");
    List<String> podIps;
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.ephemeral(dir))) {
      KubernetesClient client = sandbox.client();
      client
          .configMaps()
          .resource(
              new ConfigMapBuilder()
                  .withNewMetadata()
                  .withName("dg-config")
                  .endMetadata()
                  .addToData("infinispan.xml", InfinispanServer.sandboxConfig(false))
                  .build())
          .create();
      StatefulSet sts = KubeFixtures.statefulSet("dg", "quay.io/infinispan/server:" + VERSION, 2);
      var container = sts.getSpec().getTemplate().getSpec().getContainers().get(0);
      container.setPorts(
          List.of(new ContainerPortBuilder().withName("hotrod").withContainerPort(11222).build()));
      container.setVolumeMounts(
          List.of(
              new VolumeMountBuilder()
                  .withName("config")
                  .withMountPath("/opt/infinispan/server/conf/user")
                  .build()));
      sts.getSpec()
          .getTemplate()
          .getSpec()
          .setVolumes(
              List.of(
                  new VolumeBuilder()
                      .withName("config")
                      .withNewConfigMap()
                      .withName("dg-config")
                      .endConfigMap()
                      .build()));
      sts.getSpec().getTemplate().getSpec().setTerminationGracePeriodSeconds(30L);
      client.apps().statefulSets().resource(sts).create();
      String clusterIp =
          client
              .services()
              .resource(
                  new ServiceBuilder()
                      .withNewMetadata()
                      .withName("dg")
                      .endMetadata()
                      .withNewSpec()
                      .addToSelector("app", "dg")
                      .addNewPort()
                      .withName("hotrod")
                      .withPort(11222)
                      .withTargetPort(new IntOrString("hotrod"))
                      .endPort()
                      .endSpec()
                      .build())
              .create()
              .getSpec()
              .getClusterIP();

      KubeWorld.await(
          "StatefulSet dg ready",
          READY_TIMEOUT,
          () -> RolloutRules.done(client.apps().statefulSets().withName("dg").get()));
      podIps = client.pods().list().getItems().stream().map(p -> p.getStatus().getPodIP()).toList();
      assertThat(podIps)
          .hasSize(2)
          .doesNotHaveDuplicates()
          // An ephemeral sandbox claims its own network 127.1xx.1.x for pods.
          .allMatch(ip -> ip.matches("127\\.1\\d\\d\\.1\\.\\d+"));

      JsonNode[] health = new JsonNode[1];
      KubeWorld.await(
          "2 cluster members seen through the Service",
          Duration.ofMinutes(2),
          () -> {
            health[0] = health(clusterIp);
            return health[0] != null
                && health[0].path("cluster_health").path("number_of_nodes").asInt() == 2;
          });
      assertThat(health[0].path("cluster_health").path("cluster_name").asText()).isEqualTo("dg");
      assertThat(health[0].path("cluster_health").path("node_names").toString())
          .contains("dg-0", "dg-1");
      Pod pod0 = client.pods().withName("dg-0").get();
      assertThat(pod0.getStatus().getContainerStatuses().get(0).getImage()).endsWith(":" + VERSION);
      assertThat(Files.exists(dir.resolve("pods/default/dg-0/conf/infinispan.xml"))).isTrue();
    }
    for (String ip : podIps) {
      assertThat(listening(ip, 11222))
          .as("pod process on %s stopped with the sandbox", ip)
          .isFalse();
    }
  }

  private static JsonNode health(String host) {
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://" + host + ":11222/rest/v2/cache-managers/default/health"))
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? new ObjectMapper().readTree(response.body()) : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static boolean listening(String ip, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(ip, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
