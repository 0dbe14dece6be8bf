package io.gridshift.workflows.testkind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridshift.workflows.activities.KubernetesActivities;
import io.gridshift.workflows.activities.RolloutStatus;
import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.common.GateDecision;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.TaskQueues;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.common.VisibilityOptions;
import io.gridshift.workflows.kinds.GridKinds;
import io.gridshift.workflows.request.UpgradeRequest;
import io.gridshift.workflows.testing.FakeKubernetesEvents;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A kind that is one package and one registry line ({@code META-INF/services} of this test tree) is
 * known to the registry, read from JSON by its {@code kind}, and runs on the skeleton from the
 * registry alone: its workflow registered and started by the kind's workflow type, its status read
 * back with its typed details.
 */
class PluggedKindTest {
  private static final ClusterRef CLUSTER = new ClusterRef("echo-cluster", "apps");
  private TestWorkflowEnvironment env;

  @BeforeEach
  void start() {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(
                    WorkflowClientOptions.newBuilder()
                        .setDataConverter(GridKinds.dataConverter())
                        .build())
                .build());
    Worker workflows = env.newWorker(TaskQueues.WORKFLOWS);
    GridKinds.registerWorkflows(workflows, VisibilityOptions.NONE);
    KubernetesActivities kube =
        mock(KubernetesActivities.class, withSettings().withoutAnnotations());
    when(kube.rolloutStatus(any())).thenReturn(new RolloutStatus(3, 3, 3, 3, 0, true, "ok"));
    env.newWorker(CLUSTER.taskQueue())
        .registerActivitiesImplementations(kube, new FakeKubernetesEvents());
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void theRegistryKnowsTheBuiltInKindsAndThePluggedOne() {
    assertThat(GridKinds.names()).containsExactly("infinispan", "hazelcast", "echo");
    assertThat(GridKinds.workflowTypes())
        .containsExactly("InfinispanUpgrade", "HazelcastUpgrade", "EchoUpgrade");
    assertThat(GridKinds.named("echo").steps()).containsExactly("plan", "gate:go", "echo");
  }

  @Test
  void jacksonPicksThePluggedRequestFromItsKind() throws Exception {
    ObjectMapper mapper = GridKinds.registerWith(new ObjectMapper());
    UpgradeRequest request =
        mapper.readValue(
            """
            {"kind": "echo", "cluster": {"cluster": "echo-cluster"}, "grid": "e1",
             "targetVersion": "2"}""",
            UpgradeRequest.class);

    assertThat(request).isInstanceOf(EchoUpgradeRequest.class);
    assertThat(request.workflowId()).isEqualTo("echo-upgrade-echo-cluster-default-e1");
    assertThat(mapper.writeValueAsString(request)).contains("\"kind\":\"echo\"");
  }

  @Test
  void thePluggedKindRunsOnTheSkeletonWithItsGateAndTypedDetails() {
    EchoUpgradeRequest request =
        new EchoUpgradeRequest(CLUSTER, "e1", "2", Map.of(), false, "alice", false);
    WorkflowStub stub =
        env.getWorkflowClient()
            .newUntypedWorkflowStub(
                GridKinds.named(request.kind()).workflowType(),
                WorkflowOptions.newBuilder()
                    .setWorkflowId(request.workflowId())
                    .setTaskQueue(TaskQueues.WORKFLOWS)
                    .build());
    stub.start(request);
    awaitGate(stub);
    stub.update("approve", Object.class, new GateDecision("go", "bob", "fine"));

    UpgradeStatus done = stub.getResult(UpgradeStatus.class);

    assertThat(done.kind()).isEqualTo("echo");
    assertThat(done.phase()).isEqualTo(Phase.COMPLETED);
    assertThat(done.details(EchoDetails.class)).isEqualTo(new EchoDetails(3, 3));
    assertThat(done.message()).isEqualTo("echoed e1: 3 replicas");
  }

  private static void awaitGate(WorkflowStub stub) {
    for (int i = 0; i < 200; i++) {
      UpgradeStatus status = stub.query("status", UpgradeStatus.class);
      if (status.openGate() != null) {
        return;
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("gate go never opened");
  }
}
