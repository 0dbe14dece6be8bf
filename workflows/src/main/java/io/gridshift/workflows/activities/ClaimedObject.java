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
    return new ClaimedObject(
        workload.kind() == WorkloadKind.DEPLOYMENT ? Kind.DEPLOYMENT : Kind.STATEFULSET,
        workload.name());
  }

  @Override
  public String toString() {
    return kind.display() + " " + name;
  }
}
