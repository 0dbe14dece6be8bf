package io.gridshift.activities.kubernetes;

import static io.gridshift.activities.kubernetes.Fixtures.CLUSTER;
import static io.gridshift.activities.kubernetes.Fixtures.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.gridshift.activities.ClusterAccess;
import io.gridshift.workflows.activities.KubernetesActivities;
import io.gridshift.workflows.activities.RolloutRequest;
import io.gridshift.workflows.activities.RolloutStatus;
import io.gridshift.workflows.activities.WorkloadKind;
import io.gridshift.workflows.activities.WorkloadRef;
import io.gridshift.workflows.common.FailureTypes;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * waitForRollout inside Temporal's activity test environment (so it can heartbeat), against the
 * mock API server, with another thread playing the StatefulSet controller.
 */
@EnableKubernetesMockClient(crud = true)
class WaitForRolloutTest {
  private static final WorkloadRef DG = new WorkloadRef(CLUSTER, WorkloadKind.STATEFULSET, "dg");

  KubernetesMockServer server;
  KubernetesClient client;
  private TestActivityEnvironment environment;
  private KubernetesActivities activities;
  private final List<RolloutStatus> heartbeats = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    environment = TestActivityEnvironment.newInstance();
    environment.registerActivitiesImplementations(
        new KubernetesActivitiesImpl(ClusterAccess.of(Fixtures.CLUSTER.cluster(), client)));
    environment.setActivityHeartbeatListener(RolloutStatus.class, heartbeats::add);
    activities =
        environment.newActivityStub(
            KubernetesActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setHeartbeatTimeout(Duration.ofSeconds(10))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
    client
        .apps()
        .statefulSets()
        .resource(Fixtures.grid("dg", "infinispan/server:15.0.21", 3))
        .create();
    setReady(1);
  }

  @AfterEach
  void tearDown() {
    environment.close();
  }

  @Test
  void noticesACompletedRolloutWithinASecond() throws Exception {
    // The "controller" completes the rollout 1.4 s after the activity's first reading (its first
    // heartbeat): polling every 250 ms reads at 0, 0.25, ... 1.5 s, so 7 reads and a quarter second
    // of lag; polling every 500 ms would need only 4 reads.
    AtomicLong completedAt = new AtomicLong();
    CompletableFuture<Void> controller = new CompletableFuture<>();
    environment.setActivityHeartbeatListener(
        RolloutStatus.class,
        h -> {
          if (heartbeats.isEmpty()) {
            CompletableFuture.runAsync(
                () -> {
                  setReady(3);
                  completedAt.set(System.nanoTime());
                  controller.complete(null);
                },
                CompletableFuture.delayedExecutor(1400, TimeUnit.MILLISECONDS));
          }
          heartbeats.add(h);
        });
    int requestsBefore = server.getRequestCount();

    RolloutStatus status = activities.waitForRollout(new RolloutRequest(DG, 20));
    long noticedAt = System.nanoTime();
    controller.get(5, TimeUnit.SECONDS);

    assertThat(status.done()).isTrue();
    assertThat(status.readyReplicas()).isEqualTo(3);
    assertThat(Duration.ofNanos(noticedAt - completedAt.get())).isLessThan(Duration.ofSeconds(1));
    int controllerRequests = 2; // setReady: GET + PUT status
    assertThat(server.getRequestCount() - requestsBefore - controllerRequests)
        .as("reads of the StatefulSet")
        .isGreaterThanOrEqualTo(6);
    assertThat(heartbeats.get(0).readyReplicas()).isEqualTo(1);
    assertThat(heartbeats.get(0).message()).contains("Waiting for 2 pods");
  }

  @Test
  void failsUnretriedAfterItsTimeoutWithTheLastStatus() {
    long start = System.nanoTime();

    ActivityFailure failure =
        catchThrowableOfType(
            ActivityFailure.class, () -> activities.waitForRollout(new RolloutRequest(DG, 1)));

    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    assertThat(elapsed).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(5));
    ApplicationFailure cause = (ApplicationFailure) failure.getCause();
    assertThat(cause.getType()).isEqualTo(FailureTypes.ROLLOUT_NOT_DONE);
    assertThat(cause.isNonRetryable()).isTrue();
    assertThat(cause.getOriginalMessage())
        .contains("StatefulSet demo/dg: rollout not complete after 1 s")
        .contains("Waiting for 2 pods of statefulset dg to be ready");
    // The SDK throttles heartbeats to a fraction of the heartbeat timeout: at least one got out.
    assertThat(heartbeats).isNotEmpty().allMatch(h -> !h.done());
  }

  @Test
  void stopsAtOnceWhenADeploymentExceededItsProgressDeadline() {
    client.apps().deployments().resource(stuckDeployment()).create();
    client.apps().deployments().resource(stuckDeployment()).updateStatus();
    WorkloadRef web = new WorkloadRef(CLUSTER, WorkloadKind.DEPLOYMENT, "web");

    ActivityFailure failure =
        catchThrowableOfType(
            ActivityFailure.class, () -> activities.waitForRollout(new RolloutRequest(web, 30)));

    ApplicationFailure cause = (ApplicationFailure) failure.getCause();
    assertThat(cause.getType()).isEqualTo(FailureTypes.ROLLOUT_STUCK);
    assertThat(cause.isNonRetryable()).isTrue();
    assertThat(cause.getOriginalMessage()).contains("exceeded its progress deadline");
  }

  @Test
  void aMissingWorkloadIsNotRetried() {
    WorkloadRef missing = new WorkloadRef(CLUSTER, WorkloadKind.STATEFULSET, "nope");

    ActivityFailure failure =
        catchThrowableOfType(
            ActivityFailure.class, () -> activities.waitForRollout(new RolloutRequest(missing, 5)));

    ApplicationFailure cause = (ApplicationFailure) failure.getCause();
    assertThat(cause.getType()).isEqualTo(FailureTypes.GRID_NOT_FOUND);
    assertThat(cause.isNonRetryable()).isTrue();
  }

  /**
   * What the StatefulSet controller would write: every pod updated, {@code ready} of them ready.
   */
  private void setReady(int ready) {
    StatefulSet sts = client.apps().statefulSets().inNamespace(NS).withName("dg").get();
    sts.setStatus(
        new StatefulSetStatusBuilder()
            .withObservedGeneration(sts.getMetadata().getGeneration())
            .withReplicas(3)
            .withReadyReplicas(ready)
            .withUpdatedReplicas(3)
            .withCurrentRevision("dg-2")
            .withUpdateRevision("dg-2")
            .build());
    client.apps().statefulSets().resource(sts).updateStatus();
  }

  private static Deployment stuckDeployment() {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName("web")
        .withNamespace(NS)
        .withGeneration(1L)
        .endMetadata()
        .withNewSpec()
        .withReplicas(2)
        .endSpec()
        .withNewStatus()
        .withObservedGeneration(1L)
        .withReplicas(2)
        .withUpdatedReplicas(1)
        .addNewCondition()
        .withType("Progressing")
        .withStatus("False")
        .withReason("ProgressDeadlineExceeded")
        .endCondition()
        .endStatus()
        .build();
  }
}
