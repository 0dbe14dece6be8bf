package io.gridshift.workflows.infinispan;

import io.gridshift.workflows.common.GatedUpgrade;
import io.gridshift.workflows.common.TaskQueues;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.request.InfinispanUpgradeRequest;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Blue-green upgrade of an Infinispan / Data Grid StatefulSet through a remote store and sync-data,
 * as the Data Grid no-downtime runbook does by hand. Runs on {@link TaskQueues#WORKFLOWS}; its
 * activities run on the task queue of the cluster named in the request.
 */
@WorkflowInterface
public interface InfinispanUpgradeWorkflow extends GatedUpgrade {

  /**
   * Runs the upgrade. Returns the final status (phase COMPLETED, or PLANNED for a dry run). A
   * rejected, expired or aborted upgrade, or a failure, ends the workflow as failed after
   * compensation, with a message saying what happened; {@code status()} still answers.
   */
  @WorkflowMethod(name = "InfinispanUpgrade")
  UpgradeStatus upgrade(InfinispanUpgradeRequest request);
}
