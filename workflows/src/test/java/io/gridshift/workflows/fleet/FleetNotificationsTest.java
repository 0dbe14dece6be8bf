package io.gridshift.workflows.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.GateDecision;
import io.gridshift.workflows.common.Notification;
import io.gridshift.workflows.common.NotificationEvent;
import io.gridshift.workflows.common.NotificationWorkflow;
import io.gridshift.workflows.common.NotificationWorkflowImpl;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.VisibilityOptions;
import io.gridshift.workflows.fleet.FleetStatus.FleetPhase;
import io.gridshift.workflows.kinds.GridKinds;
import io.gridshift.workflows.testing.FakeNotifications;
import io.temporal.client.WorkflowStub;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fleet's webhooks: stage start and end, halt, fleet end, on a worker serving them. */
class FleetNotificationsTest extends FleetTestSupport {
  private final FakeNotifications notifications = new FakeNotifications();

  @Override
  protected void register(Worker workflows) {
    GridKinds.registerWorkflows(workflows, new VisibilityOptions(List.of(), true));
  }

  @Override
  protected void moreWorkers() {
    Worker notify = env.newWorker(NotificationWorkflow.TASK_QUEUE);
    notify.registerWorkflowImplementationTypes(NotificationWorkflowImpl.class);
    notify.registerActivitiesImplementations(notifications);
  }

  private List<Notification> fleetNotifications(String fleetId) {
    return notifications.received.stream().filter(n -> fleetId.equals(n.workflowId())).toList();
  }

  @Test
  void stagesHaltAndTheEndAreAnnounced() {
    failing.add("eu-1/apps/a");
    WorkflowStub fleet =
        startFleet(
            spec(
                "hooks",
                List.of("eu-1"),
                List.of(stage("canary", 1, 1, "0"), stage("rest", null, 1, null)),
                false));
    awaitStatus(fleet, s -> s.openGate() != null);
    fleet.update("approve", AuditEntry.class, new GateDecision("fleet-halted", "bob", "go on"));
    FleetStatus done = fleet.getResult(FleetStatus.class);
    assertThat(done.phase()).isEqualTo(FleetPhase.COMPLETED);

    String id = FleetUpgradeWorkflow.workflowId("hooks");
    for (int i = 0; i < 100 && fleetNotifications(id).size() < 6; i++) {
      env.sleep(Duration.ofSeconds(1));
    }
    List<Notification> sent = fleetNotifications(id);
    assertThat(sent.subList(0, 4))
        .extracting(Notification::event, Notification::step)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(NotificationEvent.STAGE_STARTED, "canary"),
            org.assertj.core.groups.Tuple.tuple(NotificationEvent.FLEET_HALTED, "canary"),
            org.assertj.core.groups.Tuple.tuple(NotificationEvent.STAGE_ENDED, "canary"),
            org.assertj.core.groups.Tuple.tuple(NotificationEvent.STAGE_STARTED, "rest"));
    // Sent in the same workflow task, each by its own child workflow: they may arrive either way.
    assertThat(sent.subList(4, sent.size()))
        .extracting(Notification::event, Notification::step)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(NotificationEvent.STAGE_ENDED, "rest"),
            org.assertj.core.groups.Tuple.tuple(NotificationEvent.FLEET_ENDED, null));
    Notification halted = sent.get(1);
    assertThat(halted.gate()).isEqualTo(FleetUpgradeWorkflow.HALTED_GATE);
    assertThat(halted.message()).contains("over its failure budget");
    assertThat(sent)
        .filteredOn(n -> n.event() == NotificationEvent.FLEET_ENDED)
        .singleElement()
        .extracting(Notification::phase)
        .isEqualTo(Phase.COMPLETED);
    assertThat(sent).allMatch(n -> "hooks".equals(n.grid()) && "alice".equals(n.requestedBy()));
  }

  @Test
  void aDryRunAnnouncesNothing() {
    FleetStatus done =
        startFleet(spec("quiet", List.of("eu-1"), List.of(stage("all", null, 2, null)), true))
            .getResult(FleetStatus.class);

    assertThat(done.phase()).isEqualTo(FleetPhase.PLANNED);
    env.sleep(Duration.ofSeconds(5));
    assertThat(fleetNotifications(FleetUpgradeWorkflow.workflowId("quiet"))).isEmpty();
  }
}
