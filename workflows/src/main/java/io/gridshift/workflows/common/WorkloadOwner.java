package io.gridshift.workflows.common;

/**
 * Another tool that manages a grid's Kubernetes objects, as read from their metadata
 * (ownerReferences, labels, annotations). Null in a payload when nobody else owns the grid.
 *
 * @param type what kind of tool: an operator (an ownerReference to its custom resource), Helm or a
 *     GitOps tool
 * @param manager the tool by name: {@code Infinispan Operator}, {@code Hazelcast Platform
 *     Operator}, {@code Helm}, {@code Argo CD}, {@code Flux}
 * @param object the owned object, e.g. {@code StatefulSet grids/dg} or {@code Service grids/dg}
 * @param resource the handle a person uses with that tool: the operator's resource name, the Helm
 *     release, the Argo CD application or the Flux Kustomization/HelmRelease ({@code
 *     namespace/name}); null when the metadata does not say
 * @param evidence which ownerReference, label or annotation showed it, e.g. {@code label
 *     app.kubernetes.io/managed-by=Helm}
 */
public record WorkloadOwner(
    Type type, String manager, String object, String resource, String evidence) {

  /** What kind of tool owns the grid. */
  public enum Type {
    /** An operator's custom resource owns the workload (ownerReference). */
    OPERATOR,
    /** A Helm release installed it. */
    HELM,
    /** A GitOps tool (Argo CD, Flux) keeps it as a Git repository says. */
    GITOPS
  }

  /** The manager as a sentence names it: {@code the Infinispan Operator}, {@code Helm}. */
  public String who() {
    return type == Type.OPERATOR ? "the " + manager : manager;
  }

  /** {@code <object> is managed by <manager> (<resource>; <evidence>)}, for messages. */
  public String describe() {
    boolean resourceInEvidence = resource == null || evidence.contains(resource);
    return object
        + " is managed by "
        + who()
        + " ("
        + (resourceInEvidence ? "" : resource + "; ")
        + evidence
        + ")";
  }
}
