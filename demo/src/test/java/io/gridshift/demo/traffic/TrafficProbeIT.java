package io.gridshift.demo.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gridshift.sandbox.hazelcast.HazelcastMember;
import io.gridshift.sandbox.hazelcast.HazelcastMemberSpec;
import io.gridshift.sandbox.infinispan.InfinispanServer;
import io.gridshift.sandbox.infinispan.InfinispanServerSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.infinispan.client.hotrod.configuration.ClientIntelligence;
import org.infinispan.client.hotrod.configuration.ConfigurationBuilder;
import org.infinispan.commons.configuration.StringConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe's clients against real servers: an Infinispan server on 127.0.40.1 (Hot Rod BASIC,
 * digest credentials) and a two-member Hazelcast cluster on 127.0.41.x, one member of which leaves
 * gracefully while the probe runs. Both must end with no error and no lost write.
 */
class TrafficProbeIT {
  private static final String USER = "admin";
  private static final String PASSWORD = "probe-Secret-1";
  private static final List<String> GRACEFUL =
      List.of(
          "-Dhazelcast.shutdownhook.policy=GRACEFUL", "-Dhazelcast.graceful.shutdown.max.wait=60");

  // Kept when a test fails: the servers' logs are the evidence.
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  private final List<AutoCloseable> started = new ArrayList<>();

  @BeforeEach
  void onlyUnderFailsafe() {
    assumeTrue(
        System.getProperty("gridshift.infinispan.target") != null,
        "real-server IT: run it with failsafe (mvn verify -Dit.test=TrafficProbeIT)");
  }

  @AfterEach
  void stopEverything() throws Exception {
    for (int i = started.size() - 1; i >= 0; i--) {
      started.get(i).close();
    }
  }

  @Test
  void infinispanOverHotRodBasicWithCredentialsRunsCleanAndStoresVerifiableValues()
      throws Exception {
    InfinispanServer server =
        InfinispanServer.start(
            new InfinispanServerSpec(
                System.getProperty("gridshift.infinispan.target"),
                dir.resolve("ispn"),
                "127.0.40.1",
                11222,
                "it-traffic",
                List.of("127.0.40.1[7800]"),
                7800,
                InfinispanServer.sandboxConfig(true),
                InfinispanServer.usersFiles(USER, PASSWORD),
                Map.of()));
    started.add(() -> server.stop(Duration.ofSeconds(10)));
    assertThat(server.awaitReady(Duration.ofSeconds(120))).as("see %s", server.logFile()).isTrue();
    try (RemoteCacheManager admin = hotRod()) {
      admin
          .administration()
          .getOrCreateCache(
              "traffic",
              new StringConfiguration("<distributed-cache name=\"traffic\" mode=\"SYNC\"/>"));
    }
    assertThatThrownBy(() -> new InfinispanOps("127.0.40.1", 11222, "nope", USER, PASSWORD))
        .hasMessageContaining("no cache 'nope'");

    try (InfinispanOps ops = new InfinispanOps("127.0.40.1", 11222, "traffic", USER, PASSWORD)) {
      TrafficProbe probe = TrafficProbe.start(ops, TrafficOptions.defaults().withRunId("ispn"));
      Thread.sleep(3_000);
      TrafficRecord record = probe.stopAndVerify();

      assertThat(record.ops()).isBetween(500L, 700L);
      assertThat(record.errorGroups()).isEmpty();
      assertThat(record.errors()).isZero();
      assertThat(record.lostWrites()).isZero();
      assertThat(record.unreadableKeys()).isZero();
      assertThat(record.verification().checkedKeys()).isGreaterThan(200);
    }
    // Another client reads what the probe wrote: the values are plain strings.
    try (RemoteCacheManager reader = hotRod()) {
      assertThat((String) reader.getCache("traffic").get("probe-ispn-0"))
          .startsWith("probe-ispn-0#");
    }
  }

  private static RemoteCacheManager hotRod() {
    ConfigurationBuilder builder = new ConfigurationBuilder();
    builder.addServer().host("127.0.40.1").port(11222);
    builder.clientIntelligence(ClientIntelligence.BASIC);
    builder
        .security()
        .authentication()
        .saslMechanism("DIGEST-MD5")
        .serverName("infinispan")
        .realm("default")
        .username(USER)
        .password(PASSWORD);
    return new RemoteCacheManager(builder.build());
  }

  @Test
  void hazelcastUnisocketClientRidesOverAMemberLeavingGracefully() throws Exception {
    List<String> ips = List.of("127.0.41.1", "127.0.41.2");
    List<HazelcastMember> members = new ArrayList<>();
    for (String ip : ips) {
      HazelcastMember member =
          HazelcastMember.start(
              new HazelcastMemberSpec(
                  "5.3.8",
                  dir.resolve(ip),
                  ip,
                  5701,
                  "it-traffic",
                  ips.stream().map(i -> i + ":5701").toList(),
                  HazelcastMember.sandboxConfig(1),
                  GRACEFUL,
                  Map.of()));
      started.add(member::kill);
      members.add(member);
    }
    for (HazelcastMember member : members) {
      assertThat(member.awaitReady(Duration.ofSeconds(90))).as("see %s", member.logFile()).isTrue();
    }
    awaitClusterSize(members.get(0), 2);

    try (HazelcastOps ops = new HazelcastOps("127.0.41.1:5701", "it-traffic", "traffic")) {
      TrafficProbe probe = TrafficProbe.start(ops, TrafficOptions.defaults().withRunId("hz"));
      Thread.sleep(2_000);
      // The member the client is not connected to hands its partitions over and leaves.
      members.get(1).stop(Duration.ofSeconds(60));
      Thread.sleep(2_000);
      TrafficRecord record = probe.stopAndVerify();

      assertThat(record.errorGroups()).isEmpty();
      assertThat(record.errors()).isZero();
      assertThat(record.lostWrites()).isZero();
      assertThat(record.unreadableKeys()).isZero();
      assertThat(record.verification().checkedKeys()).isGreaterThan(200);
    }
  }

  private static void awaitClusterSize(HazelcastMember member, int size)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (member.health().map(h -> h.clusterSize() == size).orElse(false)) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(member + " did not see " + size + " members; see " + member.logFile());
  }
}
