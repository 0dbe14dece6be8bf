package io.gridshift.workflows.hazelcast;

import io.gridshift.workflows.kinds.GridKind;
import io.gridshift.workflows.request.HazelcastUpgradeRequest;

/** The Hazelcast kind: a paced rolling upgrade of the members. */
public final class HazelcastKind {
  /** The kind's name, in requests and statuses. */
  public static final String NAME = "hazelcast";

  public static final GridKind<HazelcastUpgradeWorkflow> KIND =
      new GridKind<>(
          HazelcastUpgradeWorkflow.class,
          HazelcastUpgradeWorkflowImpl::new,
          HazelcastUpgradeRequest.class,
          HazelcastDetails.class,
          HazelcastSteps.ALL);

  private HazelcastKind() {}
}
