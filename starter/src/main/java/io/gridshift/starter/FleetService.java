package io.gridshift.starter;

import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.GateDecision;
import io.gridshift.workflows.common.OperatorAction;
import io.gridshift.workflows.common.TaskQueues;
import io.gridshift.workflows.fleet.FleetSpec;
import io.gridshift.workflows.fleet.FleetStatus;
import io.gridshift.workflows.fleet.FleetUpgradeWorkflow;
import io.gridshift.workflows.fleet.GridAction;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What the front door can do with fleet runs, over a Temporal client and the typed {@link
 * FleetUpgradeWorkflow} stub: start (one run per fleet name), plan (a dry run to its end), status,
 * list, gate decisions, pause/resume/abort, skip/retry a grid. Every control is the workflow's
 * validated update, so a refusal comes back with the workflow's reason. Errors are {@link
 * UpgradeException}s, mapped as the upgrades' are (404, 409, 422, 403).
 */
public final class FleetService {
  // Memo keys, read back by FleetLister.
  static final String MEMO_NAME = "fleet";
  static final String MEMO_DRY_RUN = "dryRun";

  /** The controls {@link #control} sends, each an update of the same name. */
  public static final List<String> ACTIONS = List.of("pause", "resume", "abort");

  /** The grid controls {@link #grid} sends, each an update of the same name. */
  public static final List<String> GRID_ACTIONS = List.of("skip", "retry");

  private static final Pattern GRID_PATH = Pattern.compile("[^/\\s]+/[^/\\s]+/[^/\\s]+");

  private final WorkflowClient client;

  public FleetService(WorkflowClient client) {
    this.client = client;
  }

  /**
   * Starts the fleet {@code spec} describes as workflow {@code fleet-<name>}; a second start while
   * it runs is refused (CONFLICT) naming the running one.
   */
  public WorkflowExecution start(FleetSpec spec) {
    return start(spec, FleetUpgradeWorkflow.workflowId(spec.name()));
  }

  /**
   * Runs {@code spec} as a dry run to its end and returns its plan. The dry run has its own id
   * ({@code fleet-<name>-dry-run-<random>}), so it neither collides with nor blocks the fleet's
   * run.
   *
   * @throws UpgradeException TIMEOUT when the plan is not ready within {@code timeout}
   */
  public PlannedFleet plan(FleetSpec spec, Duration timeout) {
    if (!Boolean.TRUE.equals(spec.dryRun())) {
      throw new IllegalArgumentException("plan() needs a dry-run spec");
    }
    String id =
        FleetUpgradeWorkflow.workflowId(spec.name())
            + "-dry-run-"
            + UUID.randomUUID().toString().substring(0, 8);
    start(spec, id);
    try {
      WorkflowStub.fromTyped(stub(id))
          .getResult(timeout.toMillis(), TimeUnit.MILLISECONDS, FleetStatus.class);
    } catch (TimeoutException e) {
      throw new UpgradeException(
          UpgradeException.Reason.TIMEOUT,
          "the fleet dry run "
              + id
              + " has not finished planning after "
              + timeout.toSeconds()
              + " s: discovery asks every cluster's agent (task queue gridshift-cluster-<name>);"
              + " it still runs: `gridshift fleet status "
              + id
              + "` shows which agents answered");
    } catch (WorkflowFailedException e) {
      // A plan that cannot be made ends the workflow as failed; its status says why.
    }
    return new PlannedFleet(id, status(id));
  }

  private WorkflowExecution start(FleetSpec spec, String workflowId) {
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(workflowId)
            .setTaskQueue(TaskQueues.WORKFLOWS)
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
            .setMemo(Map.of(MEMO_NAME, spec.name(), MEMO_DRY_RUN, String.valueOf(isDryRun(spec))))
            .setStaticSummary(summary(spec))
            .build();
    FleetUpgradeWorkflow fleet = client.newWorkflowStub(FleetUpgradeWorkflow.class, options);
    try {
      return WorkflowClient.start(fleet::run, spec, null);
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new UpgradeException(
          UpgradeException.Reason.CONFLICT,
          "fleet '"
              + spec.name()
              + "' is already running as workflow "
              + workflowId
              + "; follow it with `gridshift fleet status "
              + workflowId
              + "` or stop it with `gridshift fleet abort "
              + workflowId
              + "`");
    }
  }

  /** The line the Temporal UI shows for the run, e.g. {@code fleet q3: 3 stages, by alice}. */
  static String summary(FleetSpec spec) {
    int stages = spec.stages() == null ? 0 : spec.stages().size();
    return String.format(
        "fleet %s: %d %s, requested by %s%s",
        spec.name(),
        stages,
        stages == 1 ? "stage" : "stages",
        spec.requestedBy(),
        isDryRun(spec) ? " (dry run)" : "");
  }

  /** The fleet's status (running or finished runs). */
  public FleetStatus status(String workflowId) {
    FleetStatus status;
    try {
      status = stub(workflowId).status();
    } catch (WorkflowNotFoundException e) {
      throw notFound(workflowId);
    }
    if (status == null || status.fleetId() == null) {
      // Another workflow answered the "status" query (an upgrade's id, say).
      throw new UpgradeException(
          UpgradeException.Reason.NOT_FOUND,
          "workflow '"
              + workflowId
              + "' is not a fleet run; `gridshift fleet list` shows the fleets, `gridshift status "
              + workflowId
              + "` reads an upgrade");
    }
    return status;
  }

  /** Fleet runs (and dry runs), newest first; see {@link FleetLister}. */
  public List<FleetSummary> list() {
    return new FleetLister(client).list();
  }

  /** Approves the open fleet gate; refused with the workflow's reason when it is not open. */
  public AuditEntry approve(String workflowId, GateDecision decision) {
    requireIdentity("approve", decision.by());
    return update(workflowId, f -> f.approve(decision));
  }

  /** Rejects the open fleet gate; refused with the workflow's reason when it is not open. */
  public AuditEntry reject(String workflowId, GateDecision decision) {
    requireIdentity("reject", decision.by());
    return update(workflowId, f -> f.reject(decision));
  }

  /** Pauses, resumes or aborts ({@code action}, one of {@link #ACTIONS}) the fleet. */
  public AuditEntry control(String workflowId, String action, OperatorAction request) {
    requireIdentity(action, request.by());
    return switch (action) {
      case "pause" -> update(workflowId, f -> f.pauseUpdate(request));
      case "resume" -> update(workflowId, f -> f.resumeUpdate(request));
      case "abort" -> update(workflowId, f -> f.abortUpdate(request));
      default ->
          throw new IllegalArgumentException(
              "unknown action '" + action + "'; actions: " + ACTIONS);
    };
  }

  /**
   * Skips or retries ({@code action}, one of {@link #GRID_ACTIONS}) one grid, named {@code
   * cluster/namespace/name}.
   */
  public AuditEntry grid(String workflowId, String action, GridAction request) {
    requireIdentity(action, request.by());
    if (request.grid() == null || !GRID_PATH.matcher(request.grid()).matches()) {
      throw new UpgradeException(
          UpgradeException.Reason.INVALID,
          "grid '"
              + request.grid()
              + "' is not cluster/namespace/name; name it as `gridshift fleet status "
              + workflowId
              + "` lists it, e.g. prod-eu/apps/dg");
    }
    return switch (action) {
      case "skip" -> update(workflowId, f -> f.skip(request));
      case "retry" -> update(workflowId, f -> f.retry(request));
      default ->
          throw new IllegalArgumentException(
              "unknown grid action '" + action + "'; actions: " + GRID_ACTIONS);
    };
  }

  private AuditEntry update(String workflowId, Function<FleetUpgradeWorkflow, AuditEntry> call) {
    try {
      return call.apply(stub(workflowId));
    } catch (WorkflowNotFoundException e) {
      throw endedOrUnknown(workflowId);
    } catch (WorkflowUpdateException e) {
      throw UpdateRefusals.of(e);
    }
  }

  /** No running fleet with that id: unknown (NOT_FOUND), or ended (CONFLICT). */
  private UpgradeException endedOrUnknown(String workflowId) {
    WorkflowExecutionStatus s;
    try {
      s =
          WorkflowStub.fromTyped(stub(workflowId))
              .describe()
              .getWorkflowExecutionInfo()
              .getStatus();
    } catch (WorkflowNotFoundException e) {
      return notFound(workflowId);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return notFound(workflowId);
      }
      throw e;
    }
    return new UpgradeException(
        UpgradeException.Reason.CONFLICT,
        "fleet "
            + workflowId
            + " has ended ("
            + UpgradeFilter.statusName(s)
            + "); nothing can be approved, paused, skipped or retried any more; read its final"
            + " status with `gridshift fleet status "
            + workflowId
            + "`, or start the fleet again");
  }

  private FleetUpgradeWorkflow stub(String workflowId) {
    return client.newWorkflowStub(FleetUpgradeWorkflow.class, workflowId);
  }

  private static void requireIdentity(String action, String by) {
    if (by == null || by.isBlank()) {
      throw new UpgradeException(
          UpgradeException.Reason.INVALID, action + " needs an identity: add --by NAME");
    }
  }

  private static boolean isDryRun(FleetSpec spec) {
    return Boolean.TRUE.equals(spec.dryRun());
  }

  private static UpgradeException notFound(String workflowId) {
    return new UpgradeException(
        UpgradeException.Reason.NOT_FOUND,
        "no fleet run with id '"
            + workflowId
            + "' is known to Temporal; check the id (`gridshift fleet list` shows the fleets; a"
            + " fleet named NAME runs as fleet-NAME)");
  }
}
