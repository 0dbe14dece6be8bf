package io.gridshift.workflows.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gridshift.workflows.activities.KubernetesActivities;
import io.gridshift.workflows.activities.PartitionRequest;
import io.gridshift.workflows.activities.PodTemplatePatch;
import io.gridshift.workflows.activities.WorkloadKind;
import io.gridshift.workflows.activities.WorkloadRef;
import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.common.GateDecision;
import io.gridshift.workflows.common.GatePolicy;
import io.gridshift.workflows.common.OpenGate;
import io.gridshift.workflows.common.StepStatus;
import io.gridshift.workflows.common.TaskQueues;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.hazelcast.activities.ClusterSnapshot;
import io.gridshift.workflows.hazelcast.activities.HazelcastActivities;
import io.gridshift.workflows.hazelcast.activities.HazelcastEndpoint;
import io.gridshift.workflows.hazelcast.activities.HazelcastWorkload;
import io.gridshift.workflows.hazelcast.activities.SafeWaitRequest;
import io.gridshift.workflows.hazelcast.bluegreen.HazelcastBlueGreenActivities;
import io.gridshift.workflows.request.HazelcastUpgradeRequest;
import io.gridshift.workflows.testing.ActivitySpy;
import io.gridshift.workflows.testing.FakeHazelcastCluster;
import io.gridshift.workflows.testing.FakeKubernetesEvents;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.Mockito;

/**
 * Runs the real workflow on the in-process Temporal test server (time skipping) on its production
 * task queue, with the activities of {@link FakeHazelcastCluster} on the cluster's task queue,
 * spied on by Mockito ({@link ActivitySpy}). They answer for a healthy 3-member 5.3.6 StatefulSet
 * {@code hz} in namespace {@code apps}, deployed the safe way, with maps {@code orders} (1000
 * entries) and {@code sessions} (500). A pod runs the version its last {@code waitUntilSafe} asked
 * for, so snapshots follow the roll.
 */
abstract class HazelcastTestSupport {
  static final ClusterRef CLUSTER = new ClusterRef("test", "apps");
  static final String FROM = FakeHazelcastCluster.VERSION;
  static final String TARGET = "5.3.8";
  static final String OLD_IMAGE = FakeHazelcastCluster.IMAGE;
  static final String NEW_IMAGE = "hazelcast/hazelcast:" + TARGET;

  /** The claim every destructive request carries: the upgrade's workflow id. */
  static final String CLAIM = "hazelcast-upgrade-test-apps-hz";

  static final WorkloadRef STS = new WorkloadRef(CLUSTER, WorkloadKind.STATEFULSET, "hz");
  static final WorkloadRef DEPLOYMENT = new WorkloadRef(CLUSTER, WorkloadKind.DEPLOYMENT, "hz");
  static final HazelcastEndpoint ENDPOINT = new HazelcastEndpoint(STS, 5701);
  static final Map<String, String> SAFE_PROPERTIES = FakeHazelcastCluster.SAFE_PROPERTIES;

  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TestWorkflowExtension.newBuilder().setDoNotStart(true).build();

  /** The cluster the activities answer for; a test changes it through its setters. */
  final FakeHazelcastCluster cluster = new FakeHazelcastCluster();

  final HazelcastActivities hz = ActivitySpy.on(HazelcastActivities.class, cluster);
  final KubernetesActivities kube = ActivitySpy.on(KubernetesActivities.class, cluster);

  /** The blue-green path's activities (a rolling upgrade never calls them). */
  final HazelcastBlueGreenActivities blueGreen =
      Mockito.mock(HazelcastBlueGreenActivities.class, Mockito.withSettings().withoutAnnotations());

  /** The version each pod runs now. */
  final Map<String, String> podVersions = cluster.podVersions;

  TestWorkflowEnvironment env;
  WorkflowClient client;

  @BeforeEach
  void startWorkers(TestWorkflowEnvironment env, WorkflowClient client) {
    this.env = env;
    this.client = client;
    env.newWorker(TaskQueues.WORKFLOWS)
        .registerWorkflowImplementationTypes(HazelcastUpgradeWorkflowImpl.class);
    Worker activities = env.newWorker(CLUSTER.taskQueue());
    activities.registerActivitiesImplementations(hz, kube, blueGreen, new FakeKubernetesEvents());
    // Every pod listed, so that a test can check or move them all at once.
    for (int i = 0; i < 3; i++) {
      podVersions.put("hz-" + i, FROM);
    }
    env.start();
  }

  static HazelcastWorkload statefulSet(Map<String, String> properties, int grace) {
    return FakeHazelcastCluster.statefulSet("hz", properties, grace);
  }

  /** Every pod healthy, on the version it runs now. */
  ClusterSnapshot snapshot() {
    return cluster.snapshot("hz");
  }

  static HazelcastUpgradeRequest request() {
    return HazelcastUpgradeRequest.of(CLUSTER, "hz", TARGET);
  }

  static HazelcastUpgradeRequest with(
      HazelcastUpgradeRequest r, boolean canary, boolean fix, boolean dryRun) {
    return new HazelcastUpgradeRequest(
        r.cluster(),
        r.grid(),
        r.workloadKind(),
        r.targetVersion(),
        r.targetImage(),
        r.container(),
        r.port(),
        r.edition(),
        fix,
        canary,
        r.podTimeout(),
        r.gates(),
        r.fourEyes(),
        "alice",
        dryRun);
  }

  static HazelcastUpgradeRequest deployment(HazelcastUpgradeRequest r) {
    return new HazelcastUpgradeRequest(
        r.cluster(),
        r.grid(),
        WorkloadKind.DEPLOYMENT,
        r.targetVersion(),
        r.targetImage(),
        r.container(),
        r.port(),
        r.edition(),
        r.fixUnsafeSettings(),
        r.canary(),
        r.podTimeout(),
        r.gates(),
        r.fourEyes(),
        "alice",
        r.dryRun());
  }

  static HazelcastUpgradeRequest gates(HazelcastUpgradeRequest r, Map<String, GatePolicy> gates) {
    return new HazelcastUpgradeRequest(
        r.cluster(),
        r.grid(),
        r.workloadKind(),
        r.targetVersion(),
        r.targetImage(),
        r.container(),
        r.port(),
        r.edition(),
        r.fixUnsafeSettings(),
        r.canary(),
        r.podTimeout(),
        gates,
        r.fourEyes(),
        "alice",
        r.dryRun());
  }

  static PartitionRequest partition(int p) {
    return new PartitionRequest(STS, p, CLAIM);
  }

  static PodTemplatePatch image(String image) {
    return new PodTemplatePatch(STS, "hazelcast", image, Map.of(), CLAIM);
  }

  static SafeWaitRequest waitFor(String pod, String version) {
    return new SafeWaitRequest(ENDPOINT, 3, pod, version, 600);
  }

  /** Makes {@code pod} never become safe on {@code version} while {@code stuck} says so. */
  void stuck(String pod, String version, AtomicBoolean stuck) {
    cluster.stuck(pod, version, stuck::get);
  }

  HazelcastUpgradeWorkflow start(HazelcastUpgradeRequest request) {
    HazelcastUpgradeWorkflow stub =
        client.newWorkflowStub(
            HazelcastUpgradeWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(request.withDefaults().workflowId())
                .setTaskQueue(TaskQueues.WORKFLOWS)
                .build());
    WorkflowClient.start(stub::upgrade, request);
    return stub;
  }

  /** Waits (real time; queries do not skip time) until {@code status()} satisfies a condition. */
  static UpgradeStatus awaitStatus(
      HazelcastUpgradeWorkflow stub, String what, Predicate<UpgradeStatus> condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    UpgradeStatus status = null;
    while (System.nanoTime() < deadline) {
      status = stub.status();
      if (condition.test(status)) {
        return status;
      }
      sleep(20);
    }
    throw new AssertionError("timed out waiting for " + what + "; last status: " + status);
  }

  static UpgradeStatus awaitGate(HazelcastUpgradeWorkflow stub, String gate) {
    return awaitStatus(
        stub,
        "gate " + gate,
        s -> {
          OpenGate open = s.openGate();
          return open != null && open.name().equals(gate);
        });
  }

  static void decide(HazelcastUpgradeWorkflow stub, String gate, boolean approve) {
    awaitGate(stub, gate);
    GateDecision d = new GateDecision(gate, "bob", approve ? "go on" : "roll it back");
    if (approve) {
      stub.approve(d);
    } else {
      stub.reject(d);
    }
  }

  static UpgradeStatus result(HazelcastUpgradeWorkflow stub) {
    return WorkflowStub.fromTyped(stub).getResult(UpgradeStatus.class);
  }

  static ApplicationFailure failure(HazelcastUpgradeWorkflow stub) {
    WorkflowFailedException e =
        catchThrowableOfType(WorkflowFailedException.class, () -> result(stub));
    assertThat(e).as("the workflow should have failed").isNotNull();
    assertThat(e.getCause()).isInstanceOf(ApplicationFailure.class);
    return (ApplicationFailure) e.getCause();
  }

  static StepStatus step(UpgradeStatus status, String name) {
    return status.steps().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
