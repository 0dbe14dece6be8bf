package io.gridshift.workflows.common;

/**
 * What an upgrade does with a grid another tool manages (an operator, Helm, a GitOps tool): see
 * {@link WorkloadOwner} and {@link OwnedGrids}.
 */
public enum Ownership {
  /**
   * The default: the plan refuses a grid another tool owns and says how to upgrade it through that
   * tool, before anything changes. That tool would otherwise undo gridshift's changes, or delete
   * and recreate what gridshift moved.
   */
  RESPECT,
  /**
   * A person knowingly takes the grid over from its owner (after stopping that owner from
   * reconciling it, e.g. suspending sync): the upgrade proceeds, and the audit log and the plan's
   * warnings record who took what from whom.
   */
  TAKE_OVER
}
