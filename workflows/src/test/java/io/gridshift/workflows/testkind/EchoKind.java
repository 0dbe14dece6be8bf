package io.gridshift.workflows.testkind;

import io.gridshift.workflows.kinds.GridKind;
import io.gridshift.workflows.kinds.GridKinds;

/** The test kind's one registry line, found through {@code META-INF/services}. */
public final class EchoKind implements GridKinds.Provider {
  public static final String NAME = "echo";

  @Override
  public GridKind<?> kind() {
    return new GridKind<>(
        EchoUpgradeWorkflow.class,
        EchoUpgradeWorkflowImpl::new,
        EchoUpgradeRequest.class,
        EchoDetails.class,
        EchoUpgradeWorkflowImpl.STEPS);
  }
}
