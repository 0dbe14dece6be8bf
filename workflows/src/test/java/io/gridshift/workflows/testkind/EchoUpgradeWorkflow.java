package io.gridshift.workflows.testkind;

import io.gridshift.workflows.common.GatedUpgrade;
import io.gridshift.workflows.common.UpgradeStatus;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** The test kind's workflow. */
@WorkflowInterface
public interface EchoUpgradeWorkflow extends GatedUpgrade {
  @WorkflowMethod(name = "EchoUpgrade")
  UpgradeStatus upgrade(EchoUpgradeRequest request);
}
