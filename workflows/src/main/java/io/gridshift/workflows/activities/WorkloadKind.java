package io.gridshift.workflows.activities;

/** Kubernetes workload kinds gridshift rolls. */
public enum WorkloadKind {
  STATEFULSET("StatefulSet", true),
  DEPLOYMENT("Deployment", false),
  /**
   * An OpenShift DeploymentConfig ({@code apps.openshift.io/v1}), as Data Grid 7 and 8 estates
   * deploy it: pods {@code <name>-<latestVersion>-<random>}, rolled by its Rolling strategy.
   */
  DEPLOYMENT_CONFIG("DeploymentConfig", false);

  private final String display;
  private final boolean partitioned;

  WorkloadKind(String display, boolean partitioned) {
    this.display = display;
    this.partitioned = partitioned;
  }

  /** The Kubernetes kind, as kubectl (or oc) names it. */
  public String display() {
    return display;
  }

  /**
   * Whether a rollout of this kind can be held pod by pod with a partition (only a StatefulSet's
   * RollingUpdate has one); the others roll by their own strategy once their template changes.
   */
  public boolean partitioned() {
    return partitioned;
  }
}
