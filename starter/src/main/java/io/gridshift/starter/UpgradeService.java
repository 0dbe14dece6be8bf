package io.gridshift.starter;

import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.GateDecision;
import io.gridshift.workflows.common.OperatorAction;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.hazelcast.HazelcastUpgradeWorkflow;
import io.gridshift.workflows.infinispan.InfinispanUpgradeWorkflow;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;

/**
 * What the front door can do with upgrades, over a Temporal client: start (validated first), read
 * status, approve/reject gates, pause, resume, abort. Errors are {@link UpgradeException}s whose
 * messages a person can act on.
 */
public final class UpgradeService {
  private final WorkflowClient client;

  public UpgradeService(WorkflowClient client) {
    this.client = client;
  }

  /**
   * Starts the upgrade described by {@code parsed}. One upgrade runs per grid: the workflow id is
   * derived from the grid, and a second start while one runs is refused.
   */
  public WorkflowExecution start(UpgradeRequests.Parsed parsed) {
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(parsed.workflowId())
            .setTaskQueue(InfinispanUpgradeWorkflow.TASK_QUEUE)
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
            .build();
    try {
      if (parsed.kind() == UpgradeKind.HAZELCAST) {
        HazelcastUpgradeWorkflow workflow =
            client.newWorkflowStub(HazelcastUpgradeWorkflow.class, options);
        return WorkflowClient.start(workflow::upgrade, parsed.hazelcast());
      }
      InfinispanUpgradeWorkflow workflow =
          client.newWorkflowStub(InfinispanUpgradeWorkflow.class, options);
      return WorkflowClient.start(workflow::upgrade, parsed.infinispan());
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new UpgradeException(
          UpgradeException.Reason.CONFLICT,
          "an upgrade of grid '"
              + parsed.grid()
              + "' is already running as workflow "
              + parsed.workflowId()
              + "; follow it with `gridshift status "
              + parsed.workflowId()
              + "` or stop it with `gridshift abort "
              + parsed.workflowId()
              + " --by NAME`");
    }
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

  /** Approves {@code gate}; refused with the workflow's reason when the gate is not open. */
  public AuditEntry approve(String workflowId, GateDecision decision) {
    return update(workflowId, "approve", decision);
  }

  /** Rejects {@code gate}; refused with the workflow's reason when the gate is not open. */
  public AuditEntry reject(String workflowId, GateDecision decision) {
    return update(workflowId, "reject", decision);
  }

  /** Sends {@code pause}, {@code resume} or {@code abort}. */
  public void signal(String workflowId, String signal, OperatorAction action) {
    if (action.by() == null || action.by().isBlank()) {
      throw new UpgradeException(
          UpgradeException.Reason.INVALID, signal + " needs an identity: add --by NAME");
    }
    try {
      stub(workflowId).signal(signal, action);
    } catch (WorkflowNotFoundException e) {
      throw notFound(workflowId);
    }
  }

  private AuditEntry update(String workflowId, String name, GateDecision decision) {
    try {
      return stub(workflowId).update(name, AuditEntry.class, decision);
    } catch (WorkflowNotFoundException e) {
      throw notFound(workflowId);
    } catch (WorkflowUpdateException e) {
      throw new UpgradeException(UpgradeException.Reason.CONFLICT, rootMessage(e));
    }
  }

  private WorkflowStub stub(String workflowId) {
    return client.newUntypedWorkflowStub(workflowId);
  }

  private static UpgradeException notFound(String workflowId) {
    return new UpgradeException(
        UpgradeException.Reason.NOT_FOUND,
        "no upgrade with id '"
            + workflowId
            + "' is known to Temporal; check the id (`gridshift list`)");
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t instanceof ApplicationFailure a ? a.getOriginalMessage() : t.getMessage();
  }
}
