package io.gridshift.workflows.hazelcast;

import io.gridshift.workflows.common.GatedUpgrade;
import io.gridshift.workflows.common.TaskQueues;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.request.HazelcastUpgradeRequest;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Paced rolling upgrade of a Hazelcast cluster (StatefulSet or Deployment), as the Hazelcast
 * rolling upgrade runbook for Kubernetes does by hand, refusing first what would lose data. Runs on
 * {@link TaskQueues#WORKFLOWS}; its activities run on the task queue of the cluster named in the
 * request.
 */
@WorkflowInterface
public interface HazelcastUpgradeWorkflow extends GatedUpgrade {

  /**
   * Runs the upgrade. Returns the final status (phase COMPLETED, or PLANNED for a dry run). A
   * refusal, a rejected, expired or aborted gate, or a failure ends the workflow as failed with a
   * message saying what happened and where the roll stands; {@code status()} still answers.
   */
  @WorkflowMethod(name = "HazelcastUpgrade")
  UpgradeStatus upgrade(HazelcastUpgradeRequest request);
}
