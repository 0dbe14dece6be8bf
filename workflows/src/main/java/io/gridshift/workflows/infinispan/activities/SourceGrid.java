package io.gridshift.workflows.infinispan.activities;

import io.gridshift.workflows.activities.WorkloadKind;
import io.gridshift.workflows.common.WorkloadOwner;
import java.util.Map;

/**
 * What the plan learns about the source grid from Kubernetes.
 *
 * @param name StatefulSet or DeploymentConfig name
 * @param image container image of the Infinispan container
 * @param version the version read from the image tag
 * @param replicas desired replicas
 * @param readyReplicas ready replicas now
 * @param minReadySeconds the StatefulSet's minReadySeconds (0 when unset)
 * @param configMap the ConfigMap holding {@code infinispan.xml}, or null
 * @param podSelector the StatefulSet's {@code spec.selector.matchLabels}
 * @param service the client Service's name
 * @param serviceSelector the client Service's current selector
 * @param serviceExists whether the client Service exists
 * @param route the Route's name when one was requested and exists, else null
 * @param routeService the Service the Route points to now, or null
 * @param owner the tool that manages the StatefulSet, the client Service or the Route (the first
 *     found, in that order), or null when nobody else does
 * @param kind what the grid runs as: a StatefulSet, or an OpenShift DeploymentConfig (null, in
 *     histories from before DeploymentConfigs, means StatefulSet)
 */
public record SourceGrid(
    String name,
    String image,
    String version,
    int replicas,
    int readyReplicas,
    int minReadySeconds,
    String configMap,
    Map<String, String> podSelector,
    String service,
    Map<String, String> serviceSelector,
    boolean serviceExists,
    String route,
    String routeService,
    WorkloadOwner owner,
    WorkloadKind kind) {

  public SourceGrid {
    kind = kind == null ? WorkloadKind.STATEFULSET : kind;
  }

  /** A StatefulSet grid nobody else owns. */
  public SourceGrid(
      String name,
      String image,
      String version,
      int replicas,
      int readyReplicas,
      int minReadySeconds,
      String configMap,
      Map<String, String> podSelector,
      String service,
      Map<String, String> serviceSelector,
      boolean serviceExists,
      String route,
      String routeService) {
    this(
        name,
        image,
        version,
        replicas,
        readyReplicas,
        minReadySeconds,
        configMap,
        podSelector,
        service,
        serviceSelector,
        serviceExists,
        route,
        routeService,
        null,
        null);
  }

  /** A StatefulSet grid that {@code owner} manages (or nobody, when null). */
  public SourceGrid(
      String name,
      String image,
      String version,
      int replicas,
      int readyReplicas,
      int minReadySeconds,
      String configMap,
      Map<String, String> podSelector,
      String service,
      Map<String, String> serviceSelector,
      boolean serviceExists,
      String route,
      String routeService,
      WorkloadOwner owner) {
    this(
        name,
        image,
        version,
        replicas,
        readyReplicas,
        minReadySeconds,
        configMap,
        podSelector,
        service,
        serviceSelector,
        serviceExists,
        route,
        routeService,
        owner,
        null);
  }
}
