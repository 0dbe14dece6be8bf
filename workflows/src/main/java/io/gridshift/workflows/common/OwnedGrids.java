package io.gridshift.workflows.common;

/**
 * The one rule for grids another tool manages, the same for every kind (the pure decision, apart
 * from the detection, which reads Kubernetes in the activities):
 *
 * <ol>
 *   <li>a grid nobody else owns ({@code owner == null}) goes on;
 *   <li>with {@link Ownership#RESPECT} (the default) an owned grid is refused in the plan step,
 *       before anything changes (dry runs too), type {@link FailureTypes#OWNED_BY_ANOTHER_TOOL},
 *       saying how to upgrade it through its owner: the kind says how for its operator, Helm and
 *       GitOps tools are the same for every kind;
 *   <li>with {@link Ownership#TAKE_OVER} it goes on, and {@link #tookOver} is the sentence the
 *       plan's warnings and the audit log record.
 * </ol>
 *
 * Why refuse: an operator reconciles its StatefulSet back (or deletes it with its resource), Helm's
 * next upgrade or rollback puts its own manifest back, and Argo CD or Flux revert any drift from
 * the repository: an upgrade done behind their back would be undone, or would fight them.
 */
public final class OwnedGrids {
  private OwnedGrids() {}

  /**
   * Refuses an owned grid unless {@code ownership} is TAKE_OVER.
   *
   * @param grid the grid's name, for the message
   * @param targetImage the image the upgrade would roll out (the owner's values should say it)
   * @param operatorAdvice for an {@link WorkloadOwner.Type#OPERATOR} owner: how to upgrade through
   *     that operator (the kind knows its operator); unused for the others
   * @throws UpgradeStop type {@link FailureTypes#OWNED_BY_ANOTHER_TOOL}
   */
  public static void check(
      Ownership ownership,
      String grid,
      WorkloadOwner owner,
      String targetImage,
      String operatorAdvice) {
    if (owner == null || ownership == Ownership.TAKE_OVER) {
      return;
    }
    throw UpgradeStop.failed(
        FailureTypes.OWNED_BY_ANOTHER_TOOL,
        "grid "
            + grid
            + ": "
            + owner.describe()
            + ", and gridshift leaves what others manage alone; "
            + whatToDo(owner, targetImage, operatorAdvice)
            + ". To upgrade it with gridshift anyway, "
            + beforeTakingOver(owner)
            + ", then set \"ownership\": \"TAKE_OVER\" (recorded in the audit log)");
  }

  /** What must happen before a person takes the grid over, or its owner undoes the upgrade. */
  private static String beforeTakingOver(WorkloadOwner owner) {
    return switch (owner.type()) {
      case OPERATOR ->
          "first stop " + owner.who() + " from reconciling it (it would put back what it owns)";
      case HELM ->
          "know that Helm's next upgrade or rollback of the release puts its own manifests back"
              + " (update the chart values to match afterwards)";
      case GITOPS -> "first suspend " + owner.who() + "'s sync of it (it would revert the drift)";
    };
  }

  /** How to upgrade the grid through its owner. */
  static String whatToDo(WorkloadOwner owner, String targetImage, String operatorAdvice) {
    return switch (owner.type()) {
      case OPERATOR -> operatorAdvice;
      case HELM ->
          "upgrade it with Helm: set the chart's image values to "
              + targetImage
              + " and run helm upgrade for "
              + (owner.resource() == null ? "its release" : owner.resource());
      case GITOPS ->
          "upgrade it through "
              + owner.manager()
              + ": change the image to "
              + targetImage
              + " in the repository "
              + (owner.resource() == null ? "it" : owner.resource())
              + " syncs from, or suspend its sync ("
              + suspend(owner)
              + ") and take it over";
    };
  }

  private static String suspend(WorkloadOwner owner) {
    return "Flux".equals(owner.manager())
        ? "flux suspend kustomization|helmrelease"
        : "turn off automated sync and self-heal of the application";
  }

  /**
   * The sentence a TAKE_OVER records in the plan's warnings and the audit log: who took what from
   * whom, and what to expect of the previous owner.
   */
  public static String tookOver(String by, WorkloadOwner owner) {
    return by
        + " took "
        + owner.object()
        + " over from "
        + owner.who()
        + (owner.resource() == null ? "" : " (" + owner.resource() + ")")
        + " with \"ownership\": \"TAKE_OVER\", on the evidence of "
        + owner.evidence()
        + "; if "
        + owner.who()
        + " still manages it, it may undo this upgrade: update its own definition of the grid"
        + " to match";
  }
}
