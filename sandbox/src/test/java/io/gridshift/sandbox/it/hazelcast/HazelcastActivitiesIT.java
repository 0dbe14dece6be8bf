package io.gridshift.sandbox.it.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.gridshift.activities.ClusterAccess;
import io.gridshift.activities.hazelcast.HazelcastActivitiesImpl;
import io.gridshift.sandbox.hazelcast.HazelcastMember;
import io.gridshift.sandbox.hazelcast.HazelcastMemberSpec;
import io.gridshift.workflows.activities.WorkloadKind;
import io.gridshift.workflows.activities.WorkloadRef;
import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.hazelcast.activities.ClusterSnapshot;
import io.gridshift.workflows.hazelcast.activities.HazelcastActivities;
import io.gridshift.workflows.hazelcast.activities.HazelcastEndpoint;
import io.gridshift.workflows.hazelcast.activities.HazelcastWorkload;
import io.gridshift.workflows.hazelcast.activities.MemberHealth;
import io.gridshift.workflows.hazelcast.activities.SafeWaitRequest;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Hazelcast activities against three real 5.3.6 members on loopback "pod IPs", with the pods in
 * the Kubernetes mock: health and versions as members report them, map sizes through a real client,
 * a graceful member stop that the safety wait sees through to the end of migration, and a pod whose
 * member is in another cluster of the same size, which sizes alone would call safe.
 */
@EnableKubernetesMockClient(crud = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HazelcastActivitiesIT {
  private static final String VERSION = "5.3.6";
  private static final String CLUSTER_NAME = "it-hz-activities";
  private static final String[] IPS = {"127.0.31.1", "127.0.31.2", "127.0.31.3"};
  private static final int PORT = 5701;
  private static final ClusterRef CLUSTER = new ClusterRef("it", "hz");
  private static final WorkloadRef WORKLOAD =
      new WorkloadRef(CLUSTER, WorkloadKind.STATEFULSET, "hz");
  private static final HazelcastEndpoint ENDPOINT = new HazelcastEndpoint(WORKLOAD, PORT);
  private static final Map<String, String> LABELS = Map.of("app", "hazelcast", "cluster", "hz");

  static KubernetesClient client;

  private static final List<HazelcastMember> members = new ArrayList<>();
  private static TestActivityEnvironment env;
  private static HazelcastActivities activities;

  @BeforeAll
  static void setUp() throws Exception {
    List<String> memberList = List.of(IPS).stream().map(ip -> ip + ":" + PORT).toList();
    for (int i = 0; i < IPS.length; i++) {
      Path workDir = Path.of("target", "it-hazelcast-activities", "hz-" + i);
      members.add(
          HazelcastMember.start(
              new HazelcastMemberSpec(
                  VERSION,
                  workDir,
                  IPS[i],
                  PORT,
                  CLUSTER_NAME,
                  memberList,
                  null,
                  List.of("-Dhazelcast.shutdownhook.policy=GRACEFUL"),
                  Map.of())));
    }
    for (HazelcastMember member : members) {
      assertThat(member.awaitReady(Duration.ofSeconds(120)))
          .as("%s ready; see %s", member, member.logFile())
          .isTrue();
    }
    createWorkload();
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        new HazelcastActivitiesImpl(ClusterAccess.of(CLUSTER.cluster(), client)));
    activities =
        env.newActivityStub(
            HazelcastActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(3))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
  }

  @AfterAll
  static void tearDown() {
    if (env != null) {
      env.close();
    }
    members.forEach(m -> m.stop(Duration.ofSeconds(30)));
  }

  @Test
  @Order(1)
  void inspectReadsTheClusterNameBackupsAndVersionFromKubernetes() {
    HazelcastWorkload workload = activities.inspect(WORKLOAD);

    assertThat(workload.version()).isEqualTo(VERSION);
    assertThat(workload.replicas()).isEqualTo(3);
    assertThat(workload.mapBackupCounts()).containsEntry("default", 1);
  }

  @Test
  @Order(2)
  void waitUntilSafeThenSnapshotShowsEveryMemberSafeOnItsVersion() {
    ClusterSnapshot safe =
        activities.waitUntilSafe(new SafeWaitRequest(ENDPOINT, 3, "hz-2", VERSION, 120));
    assertThat(safe.safe(3)).isTrue();

    ClusterSnapshot snapshot = activities.snapshot(ENDPOINT);

    assertThat(snapshot.safe(3)).as("%s", snapshot).isTrue();
    assertThat(snapshot.clusterVersion()).isEqualTo("5.3");
    assertThat(snapshot.members())
        .extracting(MemberHealth::pod, MemberHealth::address, MemberHealth::version)
        .containsExactly(
            tuple("hz-0", IPS[0] + ":" + PORT, VERSION),
            tuple("hz-1", IPS[1] + ":" + PORT, VERSION),
            tuple("hz-2", IPS[2] + ":" + PORT, VERSION));
    assertThat(snapshot.members())
        .allSatisfy(
            m -> {
              assertThat(m.nodeState()).isEqualTo("ACTIVE");
              assertThat(m.clusterState()).isEqualTo("ACTIVE");
              assertThat(m.clusterSize()).isEqualTo(3);
            });
  }

  @Test
  @Order(3)
  void mapSizesCountsWhatAClientPut() {
    HazelcastInstance writer = client();
    try {
      IMap<Integer, String> orders = writer.getMap("orders");
      for (int i = 0; i < 5_000; i++) {
        orders.set(i, "order-" + i);
      }
      writer.<String, String>getMap("sessions").set("s", "v");
    } finally {
      writer.shutdown();
    }

    assertThat(activities.mapSizes(ENDPOINT)).isEqualTo(Map.of("orders", 5_000L, "sessions", 1L));
  }

  @Test
  @Order(4)
  void aGracefullyStoppedMemberIsSeenAndTheRestBecomeSafeWithNoEntryLost() {
    members.get(2).stop(Duration.ofSeconds(60));

    ClusterSnapshot withDeadPod = activities.snapshot(ENDPOINT);
    assertThat(withDeadPod.members().get(2).reachable()).isFalse();
    assertThat(withDeadPod.safe(3)).isFalse();

    // The kubelet removes the pod; the remaining two must agree they are whole and safe.
    client.pods().inNamespace(CLUSTER.namespace()).withName("hz-2").delete();
    reportReadyReplicas();
    ClusterSnapshot safe =
        activities.waitUntilSafe(new SafeWaitRequest(ENDPOINT, 2, null, null, 120));

    assertThat(safe.members()).extracting(MemberHealth::clusterSize).containsOnly(2);
    assertThat(activities.mapSizes(ENDPOINT)).isEqualTo(Map.of("orders", 5_000L, "sessions", 1L));
  }

  @Test
  @Order(5)
  void aPodWhoseMemberIsInAnotherClusterOfTheSameSizeIsNotSafe() throws Exception {
    // hz-0 and hz-1 form the cluster left by the last test. Two members of another cluster start
    // beside them, and hz-1's pod now points at one of them: each pod's member reports a safe
    // cluster of 2 with no migrations (a member alone does the same, hazelcast#13302).
    String[] elsewhere = {"127.0.31.4", "127.0.31.5"};
    List<String> elsewhereList = List.of(elsewhere).stream().map(ip -> ip + ":" + PORT).toList();
    for (String ip : elsewhere) {
      members.add(
          HazelcastMember.start(
              new HazelcastMemberSpec(
                  VERSION,
                  Path.of("target", "it-hazelcast-activities", "elsewhere-" + ip),
                  ip,
                  PORT,
                  CLUSTER_NAME + "-elsewhere",
                  elsewhereList,
                  null,
                  List.of(),
                  Map.of())));
    }
    for (HazelcastMember member : members.subList(members.size() - 2, members.size())) {
      assertThat(member.awaitReady(Duration.ofSeconds(120)))
          .as("%s ready; see %s", member, member.logFile())
          .isTrue();
    }
    podIp("hz-1", elsewhere[0]);
    ClusterSnapshot fooling = activities.snapshot(ENDPOINT);
    assertThat(fooling.members())
        .as("what a check of sizes, cluster-safe and migrations sees: %s", fooling)
        .allSatisfy(
            m -> {
              assertThat(m.clusterSize()).isEqualTo(2);
              assertThat(m.clusterSafe()).isTrue();
              assertThat(m.migrationQueueSize()).isZero();
            });

    assertThatThrownBy(
            () -> activities.waitUntilSafe(new SafeWaitRequest(ENDPOINT, 2, null, null, 3)))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo(FailureTypes.CLUSTER_NOT_SAFE);
              assertThat(f.getOriginalMessage())
                  .contains(
                      "hz-0 (%s:%d) is not in one cluster with the other pods: it does not see hz-1"
                          .formatted(IPS[0], PORT))
                  .contains(
                      "hz-1 (%s:%d) is not in one cluster with the other pods: it does not see hz-0"
                          .formatted(elsewhere[0], PORT));
            });

    // The pod back on its own member: the same wait passes, so the refusal above was the sets.
    podIp("hz-1", IPS[1]);
    assertThat(activities.waitUntilSafe(new SafeWaitRequest(ENDPOINT, 2, null, null, 60)).safe(2))
        .isTrue();
  }

  private static void podIp(String pod, String ip) {
    client
        .pods()
        .inNamespace(CLUSTER.namespace())
        .withName(pod)
        .editStatus(
            p -> {
              p.getStatus().setPodIP(ip);
              return p;
            });
  }

  private static HazelcastInstance client() {
    ClientConfig config = new ClientConfig();
    config.setClusterName(CLUSTER_NAME);
    config.setProperty("hazelcast.logging.type", "slf4j");
    config
        .getNetworkConfig()
        .setAddresses(List.of(IPS).stream().map(ip -> ip + ":" + PORT).toList());
    return HazelcastClient.newHazelcastClient(config);
  }

  /**
   * Counts the StatefulSet's pods into its {@code status}, as its controller would (every pod here
   * is Ready); there is no controller here, and the safety wait reads that count.
   */
  private static void reportReadyReplicas() {
    int ready =
        client.pods().inNamespace(CLUSTER.namespace()).withLabels(LABELS).list().getItems().size();
    client
        .apps()
        .statefulSets()
        .inNamespace(CLUSTER.namespace())
        .withName("hz")
        .editStatus(
            s ->
                new StatefulSetBuilder(s)
                    .withNewStatus()
                    .withReplicas(ready)
                    .withReadyReplicas(ready)
                    .withAvailableReplicas(ready)
                    .endStatus()
                    .build());
  }

  /**
   * The StatefulSet, its member configuration ConfigMap and Ready pods on the members' IPs, with
   * the ready count reported.
   */
  private static void createWorkload() {
    String ns = CLUSTER.namespace();
    client
        .configMaps()
        .inNamespace(ns)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("hz-config")
                .endMetadata()
                .addToData(
                    "hazelcast.yaml",
                    "hazelcast:\n  cluster-name: %s\n  map:\n    default:\n      backup-count: 1\n"
                        .formatted(CLUSTER_NAME))
                .build())
        .create();
    client
        .apps()
        .statefulSets()
        .inNamespace(ns)
        .resource(
            new StatefulSetBuilder()
                .withNewMetadata()
                .withName("hz")
                .endMetadata()
                .withNewSpec()
                .withReplicas(3)
                .withNewSelector()
                .withMatchLabels(LABELS)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(LABELS)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("hazelcast")
                .withImage("hazelcast/hazelcast:" + VERSION)
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
                .build())
        .create();
    for (int i = 0; i < IPS.length; i++) {
      client
          .pods()
          .inNamespace(ns)
          .resource(
              new PodBuilder()
                  .withNewMetadata()
                  .withName("hz-" + i)
                  .withLabels(LABELS)
                  .endMetadata()
                  .withNewSpec()
                  .addNewContainer()
                  .withName("hazelcast")
                  .withImage("hazelcast/hazelcast:" + VERSION)
                  .endContainer()
                  .endSpec()
                  .withNewStatus()
                  .withPhase("Running")
                  .withPodIP(IPS[i])
                  .addNewCondition()
                  .withType("Ready")
                  .withStatus("True")
                  .endCondition()
                  .endStatus()
                  .build())
          .create();
    }
    reportReadyReplicas();
  }
}
