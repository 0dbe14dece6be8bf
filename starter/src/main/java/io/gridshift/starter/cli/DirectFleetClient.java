package io.gridshift.starter.cli;

import io.gridshift.starter.FleetService;
import io.gridshift.starter.FleetSpecReader;
import io.gridshift.starter.FleetSummary;
import io.gridshift.starter.PlannedFleet;
import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.GateDecision;
import io.gridshift.workflows.common.OperatorAction;
import io.gridshift.workflows.fleet.FleetSpec;
import io.gridshift.workflows.fleet.FleetStatus;
import io.gridshift.workflows.fleet.GridAction;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Fleets over Temporal directly ({@link FleetService}); the identity recorded is the one given
 * ({@code --by}, else {@code $USER}). Errors map as {@link DirectClient}'s do.
 */
final class DirectFleetClient implements FleetClient {
  /** A dry run waits for the plan: discovery through every cluster's agent and every child's. */
  private static final Duration DRY_RUN_TIMEOUT = Duration.ofMinutes(5);

  private final FleetService service;
  private final String identity;
  private final String target;

  DirectFleetClient(FleetService service, String identity, String target) {
    this.service = service;
    this.identity = identity;
    this.target = target;
  }

  @Override
  public Started start(String specText, boolean dryRun) {
    FleetSpec spec =
        call(() -> FleetSpecReader.parseWithDefaultRequester(specText, dryRun, identity));
    if (Boolean.TRUE.equals(spec.dryRun())) {
      PlannedFleet planned = call(() -> service.plan(spec, DRY_RUN_TIMEOUT));
      return new Started(
          planned.workflowId(),
          null,
          planned.status(),
          planned.refused() ? planned.refusal() : null);
    }
    return new Started(call(() -> service.start(spec).getWorkflowId()), null, null, null);
  }

  @Override
  public FleetStatus status(String workflowId) {
    return call(() -> service.status(workflowId));
  }

  @Override
  public List<FleetSummary> list() {
    return call(service::list);
  }

  @Override
  public AuditEntry decide(String workflowId, String gate, boolean approve, String comment) {
    GateDecision decision = new GateDecision(gate, identity, comment);
    return call(
        () ->
            approve ? service.approve(workflowId, decision) : service.reject(workflowId, decision));
  }

  @Override
  public AuditEntry control(String workflowId, String action, String comment) {
    return call(() -> service.control(workflowId, action, new OperatorAction(identity, comment)));
  }

  @Override
  public AuditEntry grid(String workflowId, String action, String grid, String comment) {
    return call(() -> service.grid(workflowId, action, new GridAction(grid, identity, comment)));
  }

  private <T> T call(Supplier<T> action) {
    return DirectClient.call(target, action);
  }
}
