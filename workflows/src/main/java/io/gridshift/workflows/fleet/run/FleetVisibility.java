package io.gridshift.workflows.fleet.run;

import io.gridshift.workflows.common.Notification;
import io.gridshift.workflows.common.NotificationEvent;
import io.gridshift.workflows.common.Notifier;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.UpgradeSearchAttributes;
import io.gridshift.workflows.common.VisibilityOptions;
import io.gridshift.workflows.fleet.FleetUpgradeWorkflow;
import io.temporal.workflow.Workflow;
import java.util.Set;

/**
 * What people see of a fleet outside {@code status()}: search attributes {@code GridshiftFleet} and
 * {@code GridshiftStage} (only those the worker found registered), the Temporal UI's current
 * details, and webhooks on stage start and end, halt and fleet end (never for a dry run). What the
 * worker offers is recorded once per run (a side effect), as the kinds do.
 */
final class FleetVisibility {
  private final FleetState state;
  private final Set<String> registered;
  private final boolean notify;
  private final Notifier notifier = new Notifier();

  FleetVisibility(FleetState state, VisibilityOptions offered) {
    this.state = state;
    VisibilityOptions options = Workflow.sideEffect(VisibilityOptions.class, () -> offered);
    this.registered = Set.copyOf(options.searchAttributes());
    this.notify = options.notifications() && !Boolean.TRUE.equals(state.spec.dryRun());
  }

  Set<String> registered() {
    return registered;
  }

  void begin() {
    if (registered.contains(UpgradeSearchAttributes.FLEET.getName())) {
      Workflow.upsertTypedSearchAttributes(
          UpgradeSearchAttributes.FLEET.valueSet(Workflow.getInfo().getWorkflowId()));
    }
    FleetStage stage = state.current();
    if (stage != null && !FleetStage.PENDING.equals(stage.state)) {
      stageAttribute(stage);
    }
    details();
  }

  void stageStarted(FleetStage stage) {
    stageAttribute(stage);
    details();
    send(NotificationEvent.STAGE_STARTED, stage, null, "approved by " + state.stageApprover);
  }

  void stageEnded(FleetStage stage, String summary) {
    details();
    send(NotificationEvent.STAGE_ENDED, stage, null, summary);
  }

  void halted(FleetStage stage, String why) {
    details();
    send(NotificationEvent.FLEET_HALTED, stage, FleetUpgradeWorkflow.HALTED_GATE, why);
  }

  void ended(Phase phase) {
    details();
    if (notify) {
      notifier.send(notification(NotificationEvent.FLEET_ENDED, null, null, phase, state.message));
    }
  }

  private void stageAttribute(FleetStage stage) {
    if (registered.contains(UpgradeSearchAttributes.STAGE.getName())) {
      Workflow.upsertTypedSearchAttributes(UpgradeSearchAttributes.STAGE.valueSet(stage.name()));
    }
  }

  private void send(NotificationEvent event, FleetStage stage, String gate, String message) {
    if (notify) {
      notifier.send(notification(event, stage, gate, Phase.RUNNING, message));
    }
  }

  private Notification notification(
      NotificationEvent event, FleetStage stage, String gate, Phase phase, String message) {
    return new Notification(
        event,
        Workflow.getInfo().getWorkflowId(),
        "fleet",
        null,
        null,
        state.spec.name(),
        null,
        null,
        gate,
        null,
        state.spec.requestedBy(),
        phase,
        stage == null ? null : stage.name(),
        message);
  }

  /** The Temporal UI's current details: phase, stage, message and how to act. */
  void details() {
    String id = Workflow.getInfo().getWorkflowId();
    FleetStage stage = state.current();
    StringBuilder d = new StringBuilder();
    d.append("**fleet** `").append(state.spec.name()).append("`: phase **").append(state.phase);
    d.append("**");
    if (stage != null) {
      d.append(", stage `").append(stage.name()).append("` (").append(stage.state).append(')');
    }
    if (state.message != null) {
      d.append("\n\n").append(state.message);
    }
    d.append("\n\n`gridshift fleet status ").append(id).append('`');
    Workflow.setCurrentDetails(d.toString());
  }
}
