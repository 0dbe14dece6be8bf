package io.gridshift.workflows.infinispan;

import io.gridshift.workflows.kinds.GridKind;
import io.gridshift.workflows.request.InfinispanUpgradeRequest;

/** The Infinispan / Data Grid kind: a blue-green upgrade through a remote store and sync-data. */
public final class InfinispanKind {
  /** The kind's name, in requests and statuses. */
  public static final String NAME = "infinispan";

  public static final GridKind<InfinispanUpgradeWorkflow> KIND =
      new GridKind<>(
          InfinispanUpgradeWorkflow.class,
          InfinispanUpgradeWorkflowImpl::new,
          InfinispanUpgradeRequest.class,
          InfinispanDetails.class,
          InfinispanSteps.ALL);

  private InfinispanKind() {}
}
