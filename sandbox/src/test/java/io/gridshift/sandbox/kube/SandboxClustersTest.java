package io.gridshift.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.gridshift.sandbox.Sandbox;
import io.gridshift.sandbox.SandboxCluster;
import io.gridshift.sandbox.SandboxOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sandbox with two clusters on ephemeral ports: each has its own API, kubeconfig context,
 * kubelet, controllers and Service routing, on addresses the other never uses, and an object
 * written to one never shows in the other.
 */
class SandboxClustersTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final int SERVICE_PORT = 8080;
  private static final String ECHO = "echo/server:1";

  @TempDir Path dir;
  private Sandbox sandbox;
  private SandboxCluster east;
  private SandboxCluster west;

  @BeforeEach
  void start() throws IOException {
    sandbox = Sandbox.start(SandboxOptions.ephemeral(dir).withClusters("east", "west"));
    sandbox.register(new EchoPodRuntime());
    east = sandbox.cluster("east");
    west = sandbox.cluster("west");
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void eachClusterIsItsOwnApiReachedThroughItsKubeconfigContext() throws Exception {
    assertThat(sandbox.clusters()).extracting(SandboxCluster::name).containsExactly("east", "west");
    assertThat(east.apiUrl()).isNotEqualTo(west.apiUrl());
    assertThat(sandbox.defaultCluster()).isSameAs(east);
    assertThat(sandbox.client().getMasterUrl()).isEqualTo(east.client().getMasterUrl());

    // The shared file: a context per cluster, named after it.
    for (SandboxCluster cluster : sandbox.clusters()) {
      assertThat(cluster.context()).isEqualTo(cluster.name());
      assertThat(masterUrl(sandbox.kubeconfig(), cluster.context()))
          .isEqualTo(cluster.apiUrl() + "/");
    }
    // Each cluster's own file: its one context, current.
    assertThat(masterUrl(west.kubeconfig(), null)).isEqualTo(west.apiUrl() + "/");
    assertThat(Files.readString(west.kubeconfig())).doesNotContain("east");
    assertThat(west.kubeconfig()).isNotEqualTo(east.kubeconfig());

    assertThatThrownBy(() -> sandbox.cluster("north"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no cluster 'north'")
        .hasMessageContaining("[east, west]");
  }

  @Test
  void aStatefulSetInOneClusterNeverAppearsInTheOtherAndPodsGetDistinctAddresses()
      throws Exception {
    east.client().apps().statefulSets().resource(KubeFixtures.statefulSet("web", ECHO, 2)).create();
    awaitReadyPods(east, 2);
    Thread.sleep(1000); // several controller and kubelet rounds of the other cluster
    assertThat(west.client().apps().statefulSets().list().getItems()).isEmpty();
    assertThat(west.client().pods().list().getItems()).isEmpty();

    // The same name in the other cluster is another StatefulSet, with pods of its own.
    west.client().apps().statefulSets().resource(KubeFixtures.statefulSet("web", ECHO, 1)).create();
    awaitReadyPods(west, 1);
    assertThat(east.client().pods().list().getItems()).hasSize(2);

    List<String> eastIps = podIps(east);
    List<String> westIps = podIps(west);
    assertThat(eastIps).doesNotContainAnyElementsOf(westIps);
    assertThat(networkOf(eastIps)).isNotEqualTo(networkOf(westIps));

    String eastService = createService(east);
    String westService = createService(west);
    assertThat(eastService).isNotEqualTo(westService);
    assertThat(networkOf(List.of(eastService))).isEqualTo(networkOf(eastIps));
    assertThat(greetings(eastService)).containsExactlyInAnyOrder("web-0", "web-1");
    assertThat(greetings(westService)).containsExactly("web-0");

    east.client().apps().statefulSets().withName("web").delete();
    KubeWorld.await(
        "east's pods gone", TIMEOUT, () -> east.client().pods().list().getItems().isEmpty());
    assertThat(west.client().pods().list().getItems())
        .singleElement()
        .satisfies(pod -> assertThat(Pods.isRunningAndReady(pod)).isTrue());
  }

  @Test
  void aSandboxThatNamesNoClusterHasTheOneItHadBefore(@TempDir Path single) throws Exception {
    try (Sandbox one = Sandbox.start(SandboxOptions.ephemeral(single))) {
      SandboxCluster only = one.defaultCluster();
      assertThat(one.clusters()).containsExactly(only);
      assertThat(only.name()).isEqualTo("sandbox").isEqualTo(LocalKubernetesApi.CONTEXT);
      assertThat(only.dir()).isEqualTo(single);
      assertThat(one.kubeconfig()).isEqualTo(single.resolve("kubeconfig"));
      assertThat(only.kubeconfig()).isEqualTo(one.kubeconfig());
      assertThat(masterUrl(one.kubeconfig(), LocalKubernetesApi.CONTEXT))
          .isEqualTo(only.apiUrl() + "/");
    }
    // The two-cluster sandbox keeps each cluster's pods apart.
    assertThat(east.dir()).isEqualTo(dir.resolve("clusters").resolve("east"));
    assertThat(west.dir()).isEqualTo(dir.resolve("clusters").resolve("west"));
  }

  private static String masterUrl(Path kubeconfig, String context) throws IOException {
    Config config = Config.fromKubeconfig(context, Files.readString(kubeconfig), null);
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      client.configMaps().list(); // the context reaches a live server
      return client.getMasterUrl().toString();
    }
  }

  private static void awaitReadyPods(SandboxCluster cluster, int count)
      throws InterruptedException {
    KubeWorld.await(
        count + " ready pods in " + cluster.name(),
        TIMEOUT,
        () ->
            cluster.client().pods().list().getItems().stream()
                    .filter(Pods::isRunningAndReady)
                    .count()
                == count);
  }

  private static List<String> podIps(SandboxCluster cluster) {
    return cluster.client().pods().list().getItems().stream()
        .map(Pod::getStatus)
        .map(s -> s.getPodIP())
        .toList();
  }

  /** The first two octets all the addresses share; fails if they do not share them. */
  private static String networkOf(List<String> ips) {
    Set<String> networks = new HashSet<>();
    for (String ip : ips) {
      String[] octets = ip.split("\\.");
      networks.add(octets[0] + "." + octets[1]);
    }
    assertThat(networks).as("networks of %s", ips).hasSize(1);
    return networks.iterator().next();
  }

  /** Creates Service {@code web} for app=web and returns its cluster IP once it listens. */
  private static String createService(SandboxCluster cluster) throws InterruptedException {
    String ip =
        cluster
            .client()
            .services()
            .resource(
                new ServiceBuilder()
                    .withNewMetadata()
                    .withName("web")
                    .endMetadata()
                    .withNewSpec()
                    .addToSelector("app", "web")
                    .addNewPort()
                    .withName("tcp")
                    .withPort(SERVICE_PORT)
                    .withTargetPort(new IntOrString("tcp"))
                    .endPort()
                    .endSpec()
                    .build())
            .create()
            .getSpec()
            .getClusterIP();
    KubeWorld.await("Service " + ip + " answers", TIMEOUT, () -> !greeting(ip).isEmpty());
    return ip;
  }

  /** The pods that greet six new connections through the Service at {@code ip}. */
  private static Set<String> greetings(String ip) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 6; i++) {
      seen.add(greeting(ip));
    }
    return seen;
  }

  /** The greeting of a new connection to {@code ip}, or "" when there is none. */
  private static String greeting(String ip) {
    try (Socket socket = new Socket(ip, SERVICE_PORT)) {
      socket.setSoTimeout(5000);
      String line =
          new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
              .readLine();
      return line == null ? "" : line;
    } catch (IOException e) {
      return "";
    }
  }
}
