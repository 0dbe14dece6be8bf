package io.gridshift.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.common.GateDecision;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.TaskQueues;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.kinds.GridKinds;
import io.gridshift.workflows.testing.FakeKubernetes;
import io.gridshift.workflows.testkind.EchoDetails;
import io.gridshift.workflows.testkind.EchoUpgradeRequest;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The worker hosts every kind of the registry, the test kind {@code echo} included (it is in the
 * workflows test-jar and registered through META-INF/services), with no change to the worker.
 */
class PluggedKindWorkerTest {

  @Test
  void theWorkerRunsThePluggedKindFromTheRegistryAlone() throws Exception {
    try (TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(
                    WorkflowClientOptions.newBuilder()
                        .setDataConverter(GridKinds.dataConverter())
                        .build())
                .build())) {
      ClusterRef cluster = new ClusterRef("echo-cluster", "apps");
      env.newWorker(cluster.taskQueue()).registerActivitiesImplementations(new FakeKubernetes());
      WorkerConfig config =
          new WorkerConfig(null, true, List.of(), new WorkerConfig.Notifications(List.of()));
      try (GridshiftWorker worker = new GridshiftWorker(env.getWorkflowClient(), config)) {
        worker.start();
        env.start();
        EchoUpgradeRequest request =
            new EchoUpgradeRequest(cluster, "e1", "2", Map.of(), false, "alice", false);
        WorkflowStub stub =
            env.getWorkflowClient()
                .newUntypedWorkflowStub(
                    GridKinds.named("echo").workflowType(),
                    WorkflowOptions.newBuilder()
                        .setWorkflowId(request.workflowId())
                        .setTaskQueue(TaskQueues.WORKFLOWS)
                        .build());
        stub.start(request);
        awaitGate(stub);
        stub.update("approve", Object.class, new GateDecision("go", "bob", null));

        UpgradeStatus done = stub.getResult(UpgradeStatus.class);

        assertThat(done.phase()).isEqualTo(Phase.COMPLETED);
        assertThat(done.details(EchoDetails.class)).isEqualTo(new EchoDetails(3, 3));
      }
    }
  }

  private static void awaitGate(WorkflowStub stub) throws InterruptedException {
    for (int i = 0; i < 400; i++) {
      try {
        if (stub.query("status", UpgradeStatus.class).openGate() != null) {
          return;
        }
      } catch (RuntimeException e) {
        // No workflow task has run yet.
      }
      Thread.sleep(25);
    }
    throw new AssertionError("gate go never opened");
  }
}
