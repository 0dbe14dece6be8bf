package io.gridshift.sandbox.it.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.sandbox.Sandbox;
import io.gridshift.sandbox.SandboxOptions;
import io.gridshift.sandbox.hazelcast.HazelcastHealth;
import io.gridshift.sandbox.hazelcast.HazelcastMember;
import io.gridshift.sandbox.hazelcast.HazelcastMemberSpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Hazelcast members (open source, from Maven Central) on loopback addresses 127.0.30.x: the
 * launcher forms clusters, a SIGTERM with the GRACEFUL shutdown hook loses no entry, open source
 * refuses a 5.4 member in a 5.3 cluster, and the sandbox runs a StatefulSet of Hazelcast pods from
 * a Kubernetes-style {@code hazelcast.yaml}. The first run downloads the jars (~16 MB each).
 */
class HazelcastMemberIT {
  private static final Duration READY = Duration.ofSeconds(90);
  private static final List<String> GRACEFUL =
      List.of(
          "-Dhazelcast.shutdownhook.policy=GRACEFUL", "-Dhazelcast.graceful.shutdown.max.wait=120");

  // Kept when a test fails: the members' logs are the evidence.
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  private final List<HazelcastMember> started = new ArrayList<>();

  @BeforeEach
  void onlyUnderFailsafe() {
    // Failsafe sets the property (parent pom); surefire must not start real members.
    assumeTrue(
        System.getProperty("gridshift.infinispan.source") != null,
        "real-member IT: run it with failsafe (mvn verify -Dit.test=HazelcastMemberIT)");
  }

  @AfterEach
  void killMembers() {
    started.forEach(HazelcastMember::kill);
  }

  @Test
  void withoutBackupsNoEntryIsLostWhenAMemberLeavesBySigtermWithTheGracefulHook() throws Exception {
    List<String> ips = List.of("127.0.30.1", "127.0.30.2", "127.0.30.3");
    List<HazelcastMember> members = new ArrayList<>();
    for (String ip : ips) {
      // No backups: only a graceful leave, which hands partitions over first, keeps every entry.
      members.add(
          start("5.3.8", ip, "it-graceful", ips, HazelcastMember.sandboxConfig(0), GRACEFUL));
    }
    for (HazelcastMember member : members) {
      assertThat(member.awaitReady(READY))
          .as("%s ready; log %s", member, member.logFile())
          .isTrue();
    }
    await("3 members, cluster safe", () -> members.stream().allMatch(m -> whole(m, 3)));

    HazelcastInstance client = client("it-graceful", ips);
    try {
      IMap<Integer, String> map = client.getMap("orders");
      for (int batch = 0; batch < 10; batch++) {
        Map<Integer, String> entries = new HashMap<>();
        IntStream.range(batch * 1000, batch * 1000 + 1000).forEach(i -> entries.put(i, "v" + i));
        map.putAll(entries);
      }
      assertThat(map.size()).isEqualTo(10_000);

      HazelcastMember leaving = members.get(2);
      long startedStop = System.nanoTime();
      leaving.stop(Duration.ofSeconds(60));
      Duration took = Duration.ofNanos(System.nanoTime() - startedStop);
      assertThat(leaving.isAlive()).isFalse();
      assertThat(took)
          .as("exited on SIGTERM, not on the SIGKILL after the grace")
          .isLessThan(Duration.ofSeconds(60));

      await("2 members, cluster safe", () -> whole(members.get(0), 2) && whole(members.get(1), 2));
      assertThat(map.size()).isEqualTo(10_000);
      Set<Integer> keys = new HashSet<>();
      IntStream.range(0, 10_000).forEach(keys::add);
      Map<Integer, String> all = map.getAll(keys);
      assertThat(all).hasSize(10_000);
      assertThat(all.get(4242)).isEqualTo("v4242");
    } finally {
      client.shutdown();
    }
  }

  @Test
  void openSourceRefusesA54MemberInA53Cluster() throws Exception {
    List<String> ips = List.of("127.0.30.4", "127.0.30.5");
    HazelcastMember old = start("5.3.6", ips.get(0), "it-mixed", ips, null, List.of());
    assertThat(old.awaitReady(READY)).as("5.3.6 ready; log %s", old.logFile()).isTrue();

    HazelcastMember newer = start("5.4.0", ips.get(1), "it-mixed", ips, null, List.of());
    // The 5.3 master refuses the join; the 5.4 member then shuts itself down (a pod crash loops).
    String refusal = "Rolling Member Upgrades are only supported in Hazelcast Enterprise";
    await("the 5.3.6 master to log the refusal", () -> logContains(old, refusal));
    await("the refused 5.4.0 member to exit", () -> !newer.isAlive());
    assertThat(Files.readString(newer.logFile())).contains("Node could not join cluster");
    assertThat(old.health()).map(HazelcastHealth::clusterSize).contains(1);
  }

  @Test
  void aSandboxStatefulSetOfHazelcastPodsFormsOneCluster() throws Exception {
    List<String> podIps;
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.ephemeral(dir.resolve("sandbox")))) {
      KubernetesClient client = sandbox.client();
      client
          .configMaps()
          .resource(
              new ConfigMapBuilder()
                  .withNewMetadata()
                  .withName("hz-config")
                  .endMetadata()
                  .addToData("hazelcast.yaml", KUBERNETES_YAML)
                  .build())
          .create();
      client.apps().statefulSets().resource(statefulSet()).create();

      await(
          "StatefulSet hz: 3 ready replicas",
          Duration.ofMinutes(3),
          () -> {
            StatefulSet sts = client.apps().statefulSets().withName("hz").get();
            Integer ready = sts.getStatus() == null ? null : sts.getStatus().getReadyReplicas();
            return ready != null && ready == 3;
          });
      podIps = client.pods().list().getItems().stream().map(p -> p.getStatus().getPodIP()).toList();
      assertThat(podIps).hasSize(3).doesNotHaveDuplicates();
      for (String ip : podIps) {
        await("pod " + ip + " sees 3 members", () -> clusterSize(ip) == 3);
      }
      assertThat(Files.readString(dir.resolve("sandbox/pods/default/hz-0/hazelcast.yaml")))
          .contains("cluster-name: dev") // Hazelcast's default, as the config names none
          .contains("orders")
          .doesNotContain("kubernetes");
    }
    for (String ip : podIps) {
      assertThat(listening(ip, 5701))
          .as("pod process on %s stopped with the sandbox", ip)
          .isFalse();
    }
  }

  private static final String KUBERNETES_YAML =
      """
      hazelcast:
        network:
          join:
            kubernetes:
              enabled: true
              service-dns: hz.default.svc.cluster.local
          rest-api:
            enabled: true
            endpoint-groups:
              HEALTH_CHECK:
                enabled: true
        map:
          orders:
            backup-count: 1
      """;

  private static StatefulSet statefulSet() {
    return new StatefulSetBuilder()
        .withNewMetadata()
        .withName("hz")
        .endMetadata()
        .withNewSpec()
        .withReplicas(3)
        .withServiceName("hz")
        .withNewSelector()
        .addToMatchLabels("app", "hz")
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", "hz")
        .endMetadata()
        .withNewSpec()
        .withTerminationGracePeriodSeconds(30L)
        .addNewContainer()
        .withName("hazelcast")
        .withImage("hazelcast/hazelcast:5.3.6")
        .addNewPort()
        .withName("hazelcast")
        .withContainerPort(5701)
        .endPort()
        .addNewEnv()
        .withName("JAVA_OPTS")
        .withValue(
            "-Dhazelcast.config=/data/hazelcast/hazelcast.yaml " + String.join(" ", GRACEFUL))
        .endEnv()
        .addNewVolumeMount()
        .withName("config")
        .withMountPath("/data/hazelcast")
        .endVolumeMount()
        .endContainer()
        .addNewVolume()
        .withName("config")
        .withNewConfigMap()
        .withName("hz-config")
        .endConfigMap()
        .endVolume()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private HazelcastMember start(
      String version,
      String ip,
      String cluster,
      List<String> ips,
      String configYaml,
      List<String> jvmOptions)
      throws IOException {
    HazelcastMember member =
        HazelcastMember.start(
            new HazelcastMemberSpec(
                version,
                dir.resolve(ip),
                ip,
                5701,
                cluster,
                ips.stream().map(i -> i + ":5701").toList(),
                configYaml,
                jvmOptions,
                Map.of()));
    started.add(member);
    return member;
  }

  private static boolean whole(HazelcastMember member, int size) {
    return member
        .health()
        .map(h -> h.clusterSize() == size && h.clusterSafe() && h.migrationQueueSize() == 0)
        .orElse(false);
  }

  private static int clusterSize(String ip) {
    return HazelcastMember.health(ip, 5701).map(HazelcastHealth::clusterSize).orElse(0);
  }

  private static boolean logContains(HazelcastMember member, String text) {
    try {
      return Files.exists(member.logFile()) && Files.readString(member.logFile()).contains(text);
    } catch (IOException e) {
      return false;
    }
  }

  private static HazelcastInstance client(String cluster, List<String> ips) {
    ClientConfig config = new ClientConfig();
    config.setClusterName(cluster);
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.getNetworkConfig().setAddresses(ips.stream().map(ip -> ip + ":5701").toList());
    return HazelcastClient.newHazelcastClient(config);
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    await(what, Duration.ofSeconds(90), condition);
  }

  private static void await(String what, Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      Thread.sleep(250);
    }
  }

  private static boolean listening(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
