package io.gridshift.workflows.activities;

/**
 * One Kubernetes object an upgrade claims.
 *
 * @param kind its kind
 * @param name its name (in the request's namespace)
 */
public record ClaimedObject(Kind kind, String name) {
  /** The kinds of objects an upgrade changes. */
  public enum Kind {
    STATEFULSET("StatefulSet"),
    DEPLOYMENT("Deployment"),
    DEPLOYMENT_CONFIG("DeploymentConfig"),
    SERVICE("Service"),
    ROUTE("Route");

    private final String display;

    Kind(String display) {
      this.display = display;
    }

    /** The Kubernetes kind, as kubectl names it. */
    public String display() {
      return display;
    }
  }

  /** The claimed object for a workload. */
  public static ClaimedObject of(WorkloadRef workload) {
    return new ClaimedObject(of(workload.kind()), workload.name());
  }

  /** The claimed kind of a workload kind. */
  public static Kind of(WorkloadKind kind) {
    return switch (kind) {
      case STATEFULSET -> Kind.STATEFULSET;
      case DEPLOYMENT -> Kind.DEPLOYMENT;
      case DEPLOYMENT_CONFIG -> Kind.DEPLOYMENT_CONFIG;
    };
  }

  @Override
  public String toString() {
    return kind.display() + " " + name;
  }
}
