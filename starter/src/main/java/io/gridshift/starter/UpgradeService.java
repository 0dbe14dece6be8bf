package io.gridshift.starter;

import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.GateDecision;
import io.gridshift.workflows.common.Limits;
import io.gridshift.workflows.common.OperatorAction;
import io.gridshift.workflows.common.TaskQueues;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.kinds.GridKinds;
import io.gridshift.workflows.request.UpgradeRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the front door can do with upgrades, over a Temporal client: start (validated first), read
 * status, approve/reject gates, pause, resume, abort. Errors are {@link UpgradeException}s whose
 * messages a person can act on.
 */
public final class UpgradeService {
  // Memo keys, read back by UpgradeLister.
  static final String MEMO_KIND = "kind";
  static final String MEMO_CLUSTER = "cluster";
  static final String MEMO_NAMESPACE = "namespace";
  static final String MEMO_GRID = "grid";
  static final String MEMO_DRY_RUN = "dryRun";

  private final WorkflowClient client;

  public UpgradeService(WorkflowClient client) {
    this.client = client;
  }

  /**
   * Starts the upgrade described by {@code request}. One upgrade runs per grid: the workflow id is
   * derived from the grid, and a second start while one runs is refused.
   */
  public WorkflowExecution start(UpgradeRequest request) {
    return start(request, request.workflowId());
  }

  /**
   * Runs {@code request} as a dry run to completion and judges its plan ({@link Planned#judge}).
   * The dry run gets its own workflow id ({@code <id>-dry-run-<random>}) so that it neither
   * collides with nor blocks the grid's real upgrade.
   *
   * @throws UpgradeException TIMEOUT when the plan is not ready within {@code timeout}
   */
  public Planned plan(UpgradeRequest request, Duration timeout) {
    if (!request.dryRun()) {
      throw new IllegalArgumentException("plan() needs a dry-run request");
    }
    String id = request.workflowId() + "-dry-run-" + UUID.randomUUID().toString().substring(0, 8);
    start(request, id);
    try {
      stub(id).getResult(timeout.toMillis(), TimeUnit.MILLISECONDS, UpgradeStatus.class);
    } catch (TimeoutException e) {
      throw new UpgradeException(
          UpgradeException.Reason.TIMEOUT,
          "the dry run "
              + id
              + " has not finished planning after "
              + timeout.toSeconds()
              + " s: is a worker polling task queue "
              + request.cluster().taskQueue()
              + " (the agent of cluster '"
              + request.cluster().cluster()
              + "')? It still runs: `gridshift list` shows it, `gridshift status "
              + id
              + "` reads it later");
    } catch (io.temporal.client.WorkflowFailedException e) {
      // A refused plan ends the workflow as failed; its status says why.
    }
    return Planned.judge(id, status(id));
  }

  private WorkflowExecution start(UpgradeRequest request, String workflowId) {
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(workflowId)
            .setTaskQueue(TaskQueues.WORKFLOWS)
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
            .setMemo(memo(request))
            .setStaticSummary(summary(request))
            .build();
    try {
      String workflowType = GridKinds.named(request.kind()).workflowType();
      return client.newUntypedWorkflowStub(workflowType, options).start(request);
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new UpgradeException(
          UpgradeException.Reason.CONFLICT,
          "an upgrade of grid '"
              + request.grid()
              + "' is already running as workflow "
              + request.workflowId()
              + "; follow it with `gridshift status "
              + request.workflowId()
              + "` or stop it with `gridshift abort "
              + request.workflowId()
              + "`");
    }
  }

  /**
   * Memo fields, which every listing returns for free: what the upgrade acts on, without a query.
   */
  private static Map<String, Object> memo(UpgradeRequest request) {
    Map<String, Object> memo = new HashMap<>();
    memo.put(MEMO_KIND, request.kind());
    var cluster = request.cluster();
    memo.put(MEMO_CLUSTER, cluster.cluster());
    memo.put(MEMO_NAMESPACE, cluster.namespace());
    memo.put(MEMO_GRID, request.grid());
    memo.put(MEMO_DRY_RUN, String.valueOf(request.dryRun()));
    return memo;
  }

  /**
   * The one line the Temporal UI shows for the execution (its static summary), e.g. {@code
   * infinispan dg in prod-eu-1/default to 15.0.21.Final, requested by alice}.
   */
  static String summary(UpgradeRequest request) {
    return String.format(
        "%s %s in %s/%s to %s, requested by %s%s",
        request.kind(),
        request.grid(),
        request.cluster().cluster(),
        request.cluster().namespace(),
        request.targetVersion(),
        request.requestedBy(),
        request.dryRun() ? " (dry run)" : "");
  }

  /** The upgrade's current status (works for running and finished upgrades). */
  public UpgradeStatus status(String workflowId) {
    try {
      return stub(workflowId).query("status", UpgradeStatus.class);
    } catch (WorkflowNotFoundException e) {
      throw notFound(workflowId);
    }
  }

  /** Waits for the upgrade to finish; returns its final status whether it succeeded or not. */
  public UpgradeStatus awaitCompletion(String workflowId) {
    try {
      stub(workflowId).getResult(UpgradeStatus.class);
    } catch (io.temporal.client.WorkflowFailedException e) {
      // The failure is described by the status' phase and message.
    } catch (WorkflowNotFoundException e) {
      throw notFound(workflowId);
    }
    return status(workflowId);
  }

  /**
   * As {@link #awaitCompletion(String)}, but gives up after {@code timeout}: an upgrade can wait at
   * a gate for days.
   *
   * @throws TimeoutException when the upgrade still runs after {@code timeout}
   */
  public UpgradeStatus awaitCompletion(String workflowId, Duration timeout)
      throws TimeoutException {
    try {
      stub(workflowId).getResult(timeout.toMillis(), TimeUnit.MILLISECONDS, UpgradeStatus.class);
    } catch (io.temporal.client.WorkflowFailedException e) {
      // The failure is described by the status' phase and message.
    } catch (WorkflowNotFoundException e) {
      throw notFound(workflowId);
    }
    return status(workflowId);
  }

  /**
   * Upgrades and dry runs matching {@code filter}, in every phase, newest first, at most {@link
   * UpgradeLister#LIMIT}: running ones with their phase, current step and open gate. See {@link
   * UpgradeLister}.
   */
  public List<UpgradeSummary> list(UpgradeFilter filter) {
    return new UpgradeLister(client).list(filter);
  }

  /**
   * Approves {@code gate}; refused with the workflow's reason when the gate is not open, and
   * INVALID (422, exit 5) when {@code by} or the comment is past its {@link Limits}.
   */
  public AuditEntry approve(String workflowId, GateDecision decision) {
    requireWithinLimits(decision.by(), decision.comment());
    return update(workflowId, "approve", decision);
  }

  /** Rejects {@code gate}; refused as {@link #approve} is. */
  public AuditEntry reject(String workflowId, GateDecision decision) {
    requireWithinLimits(decision.by(), decision.comment());
    return update(workflowId, "reject", decision);
  }

  /**
   * Refuses a decision or action whose {@code by} or comment the workflow would refuse for its
   * length or characters: that is an invalid request (422, exit 5), which the workflow's refusal
   * would only report as a conflict with the upgrade's state (409, exit 4).
   */
  private static void requireWithinLimits(String by, String comment) {
    String problem = Limits.identityProblem("'by'", by);
    if (problem == null) {
      problem = Limits.commentProblem("'comment'", comment);
    }
    if (problem != null) {
      throw new UpgradeException(UpgradeException.Reason.INVALID, problem);
    }
  }

  /** The operator actions {@link #control} sends, each an update of the same name. */
  public static final List<String> ACTIONS = List.of("pause", "resume", "abort");

  /**
   * Pauses, resumes or aborts ({@code action}, one of {@link #ACTIONS}) through the workflow's
   * validated update: returns the audit entry it recorded; refused (CONFLICT) with the workflow's
   * reason, e.g. resuming an upgrade that is not paused.
   */
  public AuditEntry control(String workflowId, String action, OperatorAction request) {
    if (!ACTIONS.contains(action)) {
      throw new IllegalArgumentException("unknown action '" + action + "'; actions: " + ACTIONS);
    }
    if (request.by() == null || request.by().isBlank()) {
      throw new UpgradeException(
          UpgradeException.Reason.INVALID, action + " needs an identity: add --by NAME");
    }
    requireWithinLimits(request.by(), request.comment());
    return update(workflowId, action, request);
  }

  private AuditEntry update(String workflowId, String name, Object argument) {
    try {
      return stub(workflowId).update(name, AuditEntry.class, argument);
    } catch (WorkflowNotFoundException e) {
      throw endedOrUnknown(workflowId);
    } catch (WorkflowUpdateException e) {
      throw UpdateRefusals.of(e);
    }
  }

  /**
   * A signal or update found no running workflow: either the id is unknown (NOT_FOUND) or the
   * upgrade has ended (CONFLICT: nothing can be decided any more).
   */
  private UpgradeException endedOrUnknown(String workflowId) {
    WorkflowExecutionStatus s;
    try {
      s = stub(workflowId).describe().getWorkflowExecutionInfo().getStatus();
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
        "upgrade "
            + workflowId
            + " has ended ("
            + UpgradeFilter.statusName(s)
            + "); nothing can be approved, paused or aborted any more; read its final status"
            + " with `gridshift status "
            + workflowId
            + "`");
  }

  private WorkflowStub stub(String workflowId) {
    return client.newUntypedWorkflowStub(workflowId);
  }

  private static UpgradeException notFound(String workflowId) {
    return new UpgradeException(
        UpgradeException.Reason.NOT_FOUND,
        "no upgrade with id '"
            + workflowId
            + "' is known to Temporal; check the id (`gridshift list` shows the upgrades)");
  }
}
