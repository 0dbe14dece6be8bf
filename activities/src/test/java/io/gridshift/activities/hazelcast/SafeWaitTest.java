package io.gridshift.activities.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.gridshift.activities.ClusterAccess;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.hazelcast.activities.ClusterSnapshot;
import io.gridshift.workflows.hazelcast.activities.HazelcastActivities;
import io.gridshift.workflows.hazelcast.activities.HazelcastEndpoint;
import io.gridshift.workflows.hazelcast.activities.MemberHealth;
import io.gridshift.workflows.hazelcast.activities.SafeWaitRequest;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * snapshot and waitUntilSafe against canned member endpoints on loopback "pod IPs" and pods in the
 * Kubernetes mock; waitUntilSafe runs in a Temporal activity environment, so heartbeats are real.
 */
@EnableKubernetesMockClient(crud = true)
class SafeWaitTest {
  private static final String REVISION = "controller-revision-hash";
  private static final String[] IPS = {"127.0.41.1", "127.0.41.2", "127.0.41.3"};

  KubernetesClient client;
  private final List<FakeMember> members = new ArrayList<>();
  private HazelcastEndpoint endpoint;
  private TestActivityEnvironment env;
  private HazelcastActivities stub;
  private final List<ClusterSnapshot> heartbeats = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    members.add(new FakeMember(IPS[0], 0, 3, "5.3.6"));
    int port = members.get(0).port();
    members.add(new FakeMember(IPS[1], port, 3, "5.3.6"));
    members.add(new FakeMember(IPS[2], port, 3, "5.3.6"));
    List<String> cluster = members.stream().map(FakeMember::uuid).toList();
    members.forEach(m -> m.sees(cluster));
    client.apps().statefulSets().resource(HzFixtures.statefulSet("hz", 3, null)).create();
    for (int i = 0; i < 3; i++) {
      client.pods().resource(HzFixtures.pod("hz", "hz-" + i, IPS[i], true)).create();
    }
    // A pod of another cluster in the namespace must not count.
    client.pods().resource(HzFixtures.pod("other", "other-0", "127.0.41.9", true)).create();
    endpoint = new HazelcastEndpoint(HzFixtures.sts("hz"), port);
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        new HazelcastActivitiesImpl(
            ClusterAccess.of(HzFixtures.CLUSTER.cluster(), client),
            Duration.ofMillis(500),
            Duration.ofMillis(50)));
    env.setActivityHeartbeatListener(ClusterSnapshot.class, heartbeats::add);
    stub =
        env.newActivityStub(
            HazelcastActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
  }

  @AfterEach
  void tearDown() {
    env.close();
    members.forEach(FakeMember::close);
  }

  @Test
  void snapshotReadsEveryPodsMemberAndMarksTheSilentOneUnreachable() {
    members.get(2).close();
    members.get(1).state(false, 155, 3);

    ClusterSnapshot snapshot = stub.snapshot(endpoint);

    assertThat(snapshot.clusterVersion()).isEqualTo("5.3");
    assertThat(snapshot.members())
        .extracting(MemberHealth::pod)
        .containsExactly("hz-0", "hz-1", "hz-2");
    MemberHealth first = snapshot.members().get(0);
    assertThat(first.address()).isEqualTo(IPS[0] + ":" + endpoint.port());
    // The version is the answering member's own (localMember), not another member's.
    assertThat(first.version()).isEqualTo("5.3.6");
    assertThat(first.nodeState()).isEqualTo("ACTIVE");
    assertThat(first.clusterSafe()).isTrue();
    assertThat(snapshot.members().get(1).migrationQueueSize()).isEqualTo(155);
    assertThat(snapshot.members().get(1).clusterSafe()).isFalse();
    assertThat(snapshot.members().get(2).reachable()).isFalse();
    assertThat(snapshot.safe(3)).isFalse();
  }

  @Test
  void waitsUntilMigrationsFinishAndThePodRunsTheNewVersion() throws Exception {
    members.get(0).state(false, 40, 3);
    members.get(2).version("5.3.6");
    CompletableFuture<ClusterSnapshot> wait =
        CompletableFuture.supplyAsync(
            () -> stub.waitUntilSafe(new SafeWaitRequest(endpoint, 3, "hz-2", "5.3.8", 20)));
    awaitHealthCalls(members.get(0), 3);
    members.get(0).state(true, 0, 3);
    awaitHealthCalls(members.get(0), 6);
    assertThat(wait).as("hz-2 still runs 5.3.6").isNotDone();

    members.get(2).version("5.3.8");
    ClusterSnapshot done = wait.get(10, TimeUnit.SECONDS);

    assertThat(done.safe(3)).isTrue();
    assertThat(done.members().get(2).version()).isEqualTo("5.3.8");
    assertThat(heartbeats).isNotEmpty();
    assertThat(heartbeats.get(0).members().get(0).migrationQueueSize()).isEqualTo(40);
  }

  @Test
  void aPodThatIsNotReadyKeepsTheWaitGoingUntilTheTimeoutSaysWhy() {
    Pod notReady = HzFixtures.pod("hz", "hz-1", IPS[1], false);
    client.pods().resource(notReady).update();
    members.get(1).state(true, 0, 2);

    assertThatThrownBy(() -> stub.waitUntilSafe(new SafeWaitRequest(endpoint, 3, "hz-1", null, 1)))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.isNonRetryable()).isTrue();
              assertThat(f.getType()).isEqualTo(FailureTypes.CLUSTER_NOT_SAFE);
              assertThat(f.getOriginalMessage())
                  .contains("StatefulSet hz/hz: cluster not safe after 1 s")
                  .contains("hz-1 (" + IPS[1] + ":" + endpoint.port() + ") sees 2 of 3 members")
                  .contains("pod hz-1 is not Ready");
            });
  }

  @Test
  void aPodThatCrashLoopsEndsTheWaitAtOnceNotAtItsTimeout() {
    Pod crashing =
        new PodBuilder(HzFixtures.pod("hz", "hz-1", IPS[1], false))
            .editStatus()
            .withContainerStatuses(
                new ContainerStatusBuilder()
                    .withName("hazelcast")
                    .withImage("hazelcast/hazelcast:5.3.8")
                    .withReady(false)
                    .withRestartCount(3)
                    .withNewState()
                    .withNewWaiting()
                    .withReason("CrashLoopBackOff")
                    .endWaiting()
                    .endState()
                    .build())
            .endStatus()
            .build();
    client.pods().resource(crashing).update();
    long started = System.nanoTime();

    assertThatThrownBy(
            () -> stub.waitUntilSafe(new SafeWaitRequest(endpoint, 3, "hz-1", "5.3.8", 600)))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.isNonRetryable()).isTrue();
              assertThat(f.getType()).isEqualTo(FailureTypes.POD_CRASH_LOOP);
              assertThat(f.getOriginalMessage())
                  .contains("StatefulSet hz/hz: pod hz-1 crash-loops")
                  .contains("restarted 3 times")
                  .contains("kubectl logs -n hz hz-1 -c hazelcast --previous");
            });
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aPodNotYetReplacedWithTheNewTemplateIsNotDoneEvenOnTheSameVersion() throws Exception {
    // The safe settings change the template, not the version: the old hz-2 is Ready on 5.3.6 too.
    revision("hz-2", "hz-old");
    statefulSetStatus("hz-new", 0);
    CompletableFuture<ClusterSnapshot> wait =
        CompletableFuture.supplyAsync(
            () -> stub.waitUntilSafe(new SafeWaitRequest(endpoint, 3, "hz-2", "5.3.6", 20)));
    awaitHealthCalls(members.get(0), 4);
    assertThat(wait).as("hz-2 still has the old revision").isNotDone();

    revision("hz-2", "hz-new");
    assertThat(wait.get(10, TimeUnit.SECONDS).safe(3)).isTrue();
  }

  @Test
  void aTemplateTheControllerHasNotSeenYetSaysSoAndARevisionMismatchNamesBoth() {
    revision("hz-2", "hz-old");
    statefulSetStatus("hz-old", 1);

    assertThatThrownBy(() -> stub.waitUntilSafe(new SafeWaitRequest(endpoint, 3, "hz-2", null, 1)))
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f ->
                assertThat(f.getOriginalMessage())
                    .contains("the StatefulSet controller has not yet seen the latest template"));

    statefulSetStatus("hz-new", 0);
    assertThatThrownBy(() -> stub.waitUntilSafe(new SafeWaitRequest(endpoint, 3, "hz-2", null, 1)))
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f ->
                assertThat(f.getOriginalMessage())
                    .contains("pod hz-2 still has revision hz-old, not the template's hz-new"));
  }

  @Test
  void aPodWaitingForItsImageSaysWhy() {
    Pod pulling = HzFixtures.pod("hz", "hz-2", null, false);
    pulling.getStatus().setPhase("Pending");
    pulling
        .getStatus()
        .setContainerStatuses(
            List.of(
                new ContainerStatusBuilder()
                    .withName("member")
                    .withNewState()
                    .withNewWaiting()
                    .withReason("ErrImagePull")
                    .withMessage("manifest unknown")
                    .endWaiting()
                    .endState()
                    .build()));
    client.pods().resource(pulling).update();

    assertThatThrownBy(
            () -> stub.waitUntilSafe(new SafeWaitRequest(endpoint, 3, "hz-2", "5.3.8", 1)))
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f ->
                assertThat(f.getOriginalMessage())
                    .contains("pod hz-2 is not Ready (ErrImagePull: manifest unknown)"));
  }

  private void revision(String pod, String revision) {
    client
        .pods()
        .inNamespace(HzFixtures.NS)
        .withName(pod)
        .edit(
            p ->
                new PodBuilder(p)
                    .editMetadata()
                    .addToLabels(REVISION, revision)
                    .endMetadata()
                    .build());
  }

  /** Sets the update revision and how many generations the controller is behind. */
  private void statefulSetStatus(String updateRevision, long generationsBehind) {
    var statefulSets = client.apps().statefulSets().inNamespace(HzFixtures.NS).withName("hz");
    long generation = statefulSets.get().getMetadata().getGeneration();
    statefulSets.editStatus(
        s -> {
          s.getStatus().setUpdateRevision(updateRevision);
          s.getStatus().setObservedGeneration(generation - generationsBehind);
          return s;
        });
    assertThat(statefulSets.get().getStatus().getObservedGeneration())
        .isEqualTo(statefulSets.get().getMetadata().getGeneration() - generationsBehind);
  }

  @Test
  void aStatefulSetStatusThatLagsBehindItsReadyPodsKeepsTheWaitGoing() throws Exception {
    // Every pod is Ready and every member safe, but the controller has not counted hz-2 yet: the
    // preflight that runs next reads that count, so the wait must outlast the lag.
    readyReplicas(2);
    CompletableFuture<ClusterSnapshot> wait =
        CompletableFuture.supplyAsync(
            () -> stub.waitUntilSafe(new SafeWaitRequest(endpoint, 3, "hz-2", "5.3.6", 20)));
    awaitHealthCalls(members.get(0), 4);
    assertThat(wait).as("status.readyReplicas is 2 of 3").isNotDone();

    readyReplicas(3);
    assertThat(wait.get(10, TimeUnit.SECONDS).safe(3)).isTrue();

    readyReplicas(2);
    assertThatThrownBy(() -> stub.waitUntilSafe(new SafeWaitRequest(endpoint, 3, null, null, 1)))
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f ->
                assertThat(f.getOriginalMessage())
                    .contains("StatefulSet hz/hz counts 2 of 3 pods ready (status.readyReplicas)"));
  }

  private void readyReplicas(int ready) {
    client
        .apps()
        .statefulSets()
        .inNamespace(HzFixtures.NS)
        .withName("hz")
        .editStatus(
            s -> {
              s.getStatus().setReadyReplicas(ready);
              return s;
            });
  }

  @Test
  void aMissingMemberIsNamedInTheTimeout() {
    members.get(2).close();

    assertThatThrownBy(() -> stub.waitUntilSafe(new SafeWaitRequest(endpoint, 3, null, null, 1)))
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f ->
                assertThat(f.getOriginalMessage())
                    .contains("hz-2 (" + IPS[2] + ":" + endpoint.port() + ") does not answer"));
  }

  @Test
  void membersOfTheExpectedSizeThatSeeAnotherMemberSetAreNotSafeAndTheReasonNamesThem() {
    // hz-2 answers safe, size 3, no migrations, but sees two members no pod runs: it is in
    // another cluster of three. Sizes alone would call this safe.
    members.get(2).sees(List.of("a1b2c3d4-0000", "e5f6a7b8-0000"));

    assertThatThrownBy(() -> stub.waitUntilSafe(new SafeWaitRequest(endpoint, 3, null, null, 1)))
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f ->
                assertThat(f.getOriginalMessage())
                    .doesNotContain("sees 1 of 3")
                    .contains(
                        "hz-2 (%s:%d) is not in one cluster with the other pods: it does not see"
                                .formatted(IPS[2], endpoint.port())
                            + " hz-0, hz-1 and sees 2 members that no answering pod runs"
                            + " (a1b2c3d4, e5f6a7b8)"));
    assertThat(stub.snapshot(endpoint).members().get(0).memberUuids())
        .containsExactly("uuid-127.0.41.1", "uuid-127.0.41.2", "uuid-127.0.41.3");
  }

  private static void awaitHealthCalls(FakeMember member, int calls) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    int target = member.healthCalls() + calls;
    while (member.healthCalls() < target && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }
}
