package io.gridshift.workflows.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.gridshift.workflows.activities.KubernetesActivities;
import io.gridshift.workflows.activities.PartitionRequest;
import io.gridshift.workflows.activities.PodTemplatePatch;
import io.gridshift.workflows.activities.RolloutStatus;
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
import io.gridshift.workflows.hazelcast.activities.MemberHealth;
import io.gridshift.workflows.hazelcast.activities.SafeWaitRequest;
import io.gridshift.workflows.request.HazelcastUpgradeRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the real workflow on the in-process Temporal test server (time skipping) on its production
 * task queue, with Mockito activities on the cluster's task queue. The activities answer for a
 * healthy 3-member 5.3.6 StatefulSet {@code hz} in namespace {@code apps}, deployed the safe way,
 * with maps {@code orders} (1000 entries) and {@code sessions} (500). A pod runs the version its
 * last {@code waitUntilSafe} asked for, so snapshots follow the roll.
 */
abstract class HazelcastTestSupport {
  static final ClusterRef CLUSTER = new ClusterRef("test", "apps");
  static final String FROM = "5.3.6";
  static final String TARGET = "5.3.8";
  static final String OLD_IMAGE = "hazelcast/hazelcast:" + FROM;
  static final String NEW_IMAGE = "hazelcast/hazelcast:" + TARGET;

  /** The claim every destructive request carries: the upgrade's workflow id. */
  static final String CLAIM = "hazelcast-upgrade-test-apps-hz";

  static final WorkloadRef STS = new WorkloadRef(CLUSTER, WorkloadKind.STATEFULSET, "hz");
  static final WorkloadRef DEPLOYMENT = new WorkloadRef(CLUSTER, WorkloadKind.DEPLOYMENT, "hz");
  static final HazelcastEndpoint ENDPOINT = new HazelcastEndpoint(STS, 5701);
  static final Map<String, String> SAFE_PROPERTIES =
      Map.of(
          "hazelcast.shutdownhook.policy", "GRACEFUL",
          "hazelcast.graceful.shutdown.max.wait", "600");

  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TestWorkflowExtension.newBuilder().setDoNotStart(true).build();

  final HazelcastActivities hz =
      mock(HazelcastActivities.class, withSettings().withoutAnnotations());
  final KubernetesActivities kube =
      mock(KubernetesActivities.class, withSettings().withoutAnnotations());

  /** The version each pod runs now. */
  final Map<String, String> podVersions = new ConcurrentHashMap<>();

  TestWorkflowEnvironment env;
  WorkflowClient client;

  @BeforeEach
  void startWorkers(TestWorkflowEnvironment env, WorkflowClient client) {
    this.env = env;
    this.client = client;
    env.newWorker(TaskQueues.WORKFLOWS)
        .registerWorkflowImplementationTypes(HazelcastUpgradeWorkflowImpl.class);
    Worker activities = env.newWorker(CLUSTER.taskQueue());
    activities.registerActivitiesImplementations(hz, kube);
    answerForHealthyCluster();
    env.start();
  }

  static HazelcastWorkload statefulSet(Map<String, String> properties, int grace) {
    return new HazelcastWorkload(
        "hz",
        WorkloadKind.STATEFULSET,
        3,
        3,
        "hazelcast",
        OLD_IMAGE,
        FROM,
        grace,
        properties,
        Map.of("default", 1),
        "RollingUpdate",
        0,
        null,
        null,
        "hz-config",
        null);
  }

  private void answerForHealthyCluster() {
    for (int i = 0; i < 3; i++) {
      podVersions.put("hz-" + i, FROM);
    }
    when(hz.inspect(any())).thenReturn(statefulSet(SAFE_PROPERTIES, 600));
    when(hz.snapshot(any())).thenAnswer(i -> snapshot());
    when(hz.waitUntilSafe(any()))
        .thenAnswer(
            i -> {
              SafeWaitRequest r = i.getArgument(0);
              if (r.pod() != null) {
                podVersions.put(r.pod(), r.version());
              }
              return snapshot();
            });
    when(hz.mapSizes(any())).thenReturn(Map.of("orders", 1000L, "sessions", 500L));
    when(kube.rolloutStatus(any())).thenReturn(new RolloutStatus(3, 3, 3, 3, 0, true, "done"));
  }

  /** Every pod healthy, on the version it runs now. */
  ClusterSnapshot snapshot() {
    List<MemberHealth> members = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String pod = "hz-" + i;
      members.add(
          new MemberHealth(
              pod,
              "10.0.0." + i + ":5701",
              podVersions.get(pod),
              "ACTIVE",
              "ACTIVE",
              true,
              0,
              3,
              true));
    }
    return new ClusterSnapshot(members, "5.3");
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
  void stuck(String pod, String version, java.util.concurrent.atomic.AtomicBoolean stuck) {
    // doAnswer: re-stubbing through when() would call the current answer with a null request.
    doAnswer(
            i -> {
              SafeWaitRequest r = i.getArgument(0);
              if (pod.equals(r.pod()) && version.equals(r.version()) && stuck.get()) {
                throw ApplicationFailure.newNonRetryableFailure(
                    pod + " not Ready after 600 s", "NotReady");
              }
              if (r.pod() != null) {
                podVersions.put(r.pod(), r.version());
              }
              return snapshot();
            })
        .when(hz)
        .waitUntilSafe(any());
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
