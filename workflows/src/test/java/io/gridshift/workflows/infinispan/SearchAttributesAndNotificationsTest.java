package io.gridshift.workflows.infinispan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gridshift.workflows.common.Notification;
import io.gridshift.workflows.common.NotificationEvent;
import io.gridshift.workflows.common.NotificationWorkflow;
import io.gridshift.workflows.common.NotificationWorkflowImpl;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.TaskQueues;
import io.gridshift.workflows.common.UpgradeSearchAttributes;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.common.VisibilityOptions;
import io.gridshift.workflows.testing.FakeNotifications;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.sdk.v1.WorkflowMetadata;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the Temporal UI shows of an upgrade, read back the way the UI reads it: search attributes
 * through DescribeWorkflowExecution, current details through the {@code
 * __temporal_workflow_metadata} query; and the notifications, which never stop the upgrade.
 */
class SearchAttributesAndNotificationsTest extends WorkflowTestSupport {
  final FakeNotifications notifications = new FakeNotifications();

  @Override
  void registerWorkflows(TestWorkflowEnvironment env) {
    for (String name : UpgradeSearchAttributes.names()) {
      env.registerSearchAttribute(name, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    env.newWorker(TaskQueues.WORKFLOWS)
        .registerWorkflowImplementationFactory(
            InfinispanUpgradeWorkflow.class,
            () -> new InfinispanUpgradeWorkflowImpl(VisibilityOptions.all()));
    Worker notify = env.newWorker(NotificationWorkflow.TASK_QUEUE);
    notify.registerWorkflowImplementationTypes(NotificationWorkflowImpl.class);
    notify.registerActivitiesImplementations(notifications);
  }

  @Test
  void searchAttributesDetailsAndNotificationsFollowTheUpgrade() {
    InfinispanUpgradeWorkflow stub = start();
    UpgradeStatus atGate = awaitGate(stub, InfinispanGates.SWITCH_TRAFFIC);
    assertThat(atGate.currentStep()).isEqualTo(InfinispanSteps.GATE_SWITCH_TRAFFIC);

    Map<String, String> attributes = searchAttributes(stub);
    assertThat(attributes)
        .containsEntry("GridshiftKind", "infinispan")
        .containsEntry("GridshiftCluster", "test")
        .containsEntry("GridshiftNamespace", "apps")
        .containsEntry("GridshiftGrid", "dg")
        .containsEntry("GridshiftSourceVersion", "14.0.28.Final")
        .containsEntry("GridshiftTargetVersion", "15.0.21.Final")
        .containsEntry("GridshiftStep", InfinispanSteps.GATE_SWITCH_TRAFFIC)
        .containsEntry("GridshiftPhase", "WAITING_APPROVAL");

    String id = WorkflowStub.fromTyped(stub).getExecution().getWorkflowId();
    WorkflowMetadata metadata =
        WorkflowStub.fromTyped(stub).query("__temporal_workflow_metadata", WorkflowMetadata.class);
    assertThat(metadata.getCurrentDetails())
        .contains("WAITING_APPROVAL")
        .contains("gridshift approve " + id + " switch-traffic");

    Notification opened = awaitNotification(NotificationEvent.GATE_OPENED);
    assertThat(opened.gate()).isEqualTo(InfinispanGates.SWITCH_TRAFFIC);
    assertThat(opened.deadline()).isEqualTo(atGate.openGate().deadline());
    assertThat(opened.grid()).isEqualTo("dg");
    assertThat(opened.requestedBy()).isEqualTo("alice");
    assertThat(opened.text())
        .contains("grid dg (test/apps)")
        .contains("14.0.28.Final -> 15.0.21.Final")
        .contains("gridshift approve " + id + " switch-traffic --comment");

    approve(stub, InfinispanGates.SWITCH_TRAFFIC, "bob");
    approve(stub, InfinispanGates.CUTOVER, "bob");
    approve(stub, InfinispanGates.DELETE_SOURCE, "bob");
    assertThat(result(stub).phase()).isEqualTo(Phase.COMPLETED);

    assertThat(searchAttributes(stub))
        .containsEntry("GridshiftPhase", "COMPLETED")
        .containsEntry("GridshiftStep", InfinispanSteps.DELETE_SOURCE);
    // Sent by a child that outlives the upgrade: it arrives after the upgrade closed.
    Notification completed = awaitNotification(NotificationEvent.COMPLETED);
    assertThat(completed.phase()).isEqualTo(Phase.COMPLETED);
    assertThat(completed.text()).contains("completed");
    assertThat(notifications.received)
        .extracting(Notification::event)
        .filteredOn(e -> e == NotificationEvent.GATE_OPENED)
        .hasSize(3);
  }

  @Test
  void aWebhookThatAlwaysFailsNeitherBlocksNorFailsTheUpgrade() {
    notifications.failing = true;
    InfinispanUpgradeWorkflow stub = start();
    approve(stub, InfinispanGates.SWITCH_TRAFFIC, "bob");
    approve(stub, InfinispanGates.CUTOVER, "bob");
    approve(stub, InfinispanGates.DELETE_SOURCE, "bob");
    assertThat(result(stub).phase()).isEqualTo(Phase.COMPLETED);

    // The first notification (gate switch-traffic opened) was tried 5 times, then gave up.
    WorkflowExecution upgrade = WorkflowStub.fromTyped(stub).getExecution();
    String child = upgrade.getWorkflowId() + "-notify-" + upgrade.getRunId().substring(0, 8) + "-1";
    WorkflowFailedException failed =
        catchThrowableOfType(
            WorkflowFailedException.class,
            () -> client.newUntypedWorkflowStub(child).getResult(Void.class));
    assertThat(failed).as("the notification child should have failed").isNotNull();
    assertThat(notifications.calls.get()).isGreaterThanOrEqualTo(5);
    assertThat(notifications.received).isEmpty();
  }

  private InfinispanUpgradeWorkflow start() {
    return start(Requests.upgrade().build());
  }

  private Map<String, String> searchAttributes(InfinispanUpgradeWorkflow stub) {
    WorkflowExecution execution = WorkflowStub.fromTyped(stub).getExecution();
    Map<String, Payload> fields =
        env.getWorkflowServiceStubs()
            .blockingStub()
            .describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace(env.getNamespace())
                    .setExecution(execution)
                    .build())
            .getWorkflowExecutionInfo()
            .getSearchAttributes()
            .getIndexedFieldsMap();
    Map<String, String> values = new HashMap<>();
    fields.forEach(
        (name, payload) ->
            values.put(
                name,
                DefaultDataConverter.STANDARD_INSTANCE.fromPayload(
                    payload, String.class, String.class)));
    return values;
  }

  private Notification awaitNotification(NotificationEvent event) {
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (System.nanoTime() < deadline) {
      for (Notification n : notifications.received) {
        if (n.event() == event) {
          return n;
        }
      }
      sleep(20);
    }
    throw new AssertionError("no " + event + " notification; received " + notifications.received);
  }
}
