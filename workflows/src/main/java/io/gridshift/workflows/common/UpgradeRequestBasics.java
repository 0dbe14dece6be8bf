package io.gridshift.workflows.common;

/**
 * What every upgrade request says, whatever the grid kind: where, what, to which version, who asks
 * and whether only the plan is wanted. The request records implement it with their accessors.
 */
public interface UpgradeRequestBasics {
  ClusterRef cluster();

  String grid();

  String targetVersion();

  String requestedBy();

  Boolean dryRun();
}
