package io.gridshift.activities.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.openshift.api.model.Route;
import io.fabric8.openshift.client.OpenShiftClient;
import io.gridshift.activities.Failures;
import io.gridshift.workflows.activities.WorkloadKind;
import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.infinispan.DataGridVersions;
import io.gridshift.workflows.infinispan.activities.InspectSourceRequest;
import io.gridshift.workflows.infinispan.activities.SourceGrid;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a source grid: its StatefulSet or OpenShift DeploymentConfig ({@link GridWorkload}),
 * Infinispan container and version, ConfigMap, client Service and Route, and the tool that manages
 * them if another does ({@link WorkloadOwnership}). Read-only. Every problem that a retry cannot
 * fix is a non-retryable failure that says what to check.
 */
final class SourceInspector {
  private final KubernetesClient client;

  SourceInspector(KubernetesClient client) {
    this.client = client;
  }

  SourceGrid inspect(InspectSourceRequest r) {
    ClusterRef cluster = r.cluster();
    String ns = cluster.namespace();
    GridWorkload grid = GridWorkload.require(client, cluster, r.grid());
    PodSpec pod = grid.template().getSpec();
    GridImages.requireKind(pod, GridImages.Kind.INFINISPAN, grid.describe());
    Claims.refuseOthers(grid.object(), r.upgradeId(), cluster);
    Container container = GridPods.infinispanContainer(pod);
    // A Data Grid image's tag (1.4, 8.4.6) names the product: the one table maps it to Infinispan.
    String version = DataGridVersions.infinispanVersionOfImage(container.getImage()).orElse(null);
    if (version == null) {
      throw Failures.invalidRequest(
          ("%s: image %s of container %s has no version tag (like :15.0.21.Final, or a Data Grid"
                  + " 8.0-8.5 tag like :1.4 or :8.4.6); gridshift reads the source version from it:"
                  + " deploy the grid with a versioned image tag")
              .formatted(grid.describe(), container.getImage(), container.getName()));
    }
    Service service = client.services().inNamespace(ns).withName(r.service()).get();
    if (service == null) {
      throw Failures.invalidRequest(
          "Service %s/%s not found in cluster %s; name the Service clients use (kubectl get services -n %s)"
              .formatted(ns, r.service(), cluster.cluster(), ns));
    }
    Claims.refuseOthers(service, r.upgradeId(), cluster);
    ServiceSelection.requireSelectsOnly(client, cluster, service, grid);
    Route route = r.route() == null ? null : route(cluster, r.route(), r.upgradeId());
    if (r.targetGrid() != null) {
      refuseForeignTarget(client, cluster, grid.kind(), r.targetGrid(), r.grid(), r.upgradeId());
    }
    return new SourceGrid(
        r.grid(),
        container.getImage(),
        version,
        grid.replicas(),
        grid.readyReplicas(),
        grid.minReadySeconds(),
        GridPods.infinispanConfigMap(client, ns, pod).orElse(null),
        grid.selector(),
        r.service(),
        service.getSpec().getSelector() == null
            ? Map.of()
            : new LinkedHashMap<>(service.getSpec().getSelector()),
        true,
        r.route(),
        route == null || route.getSpec() == null || route.getSpec().getTo() == null
            ? null
            : route.getSpec().getTo().getName(),
        // What the upgrade changes: the grid's workload, and the Service and Route it switches.
        WorkloadOwnership.firstOf(grid.object(), service, route),
        grid.kind());
  }

  private Route route(ClusterRef cluster, String name, String upgradeId) {
    String ns = cluster.namespace();
    Route route = client.adapt(OpenShiftClient.class).routes().inNamespace(ns).withName(name).get();
    if (route == null) {
      throw Failures.invalidRequest(
          "Route %s/%s not found in cluster %s; name an existing Route (oc get routes -n %s) or leave route out"
              .formatted(ns, name, cluster.cluster(), ns));
    }
    Claims.refuseOthers(route, upgradeId, cluster);
    return route;
  }

  /**
   * Refuses a {@code targetGrid} that already exists but is not gridshift's target for {@code
   * grid}, or that another upgrade holds: gridshift would otherwise converge (overwrite) someone
   * else's StatefulSet (or DeploymentConfig: the target is of the source's kind).
   */
  static void refuseForeignTarget(
      KubernetesClient client,
      ClusterRef cluster,
      WorkloadKind kind,
      String targetGrid,
      String grid,
      String upgradeId) {
    GridWorkload found = GridWorkload.find(client, cluster.namespace(), kind, targetGrid);
    if (found == null) {
      return;
    }
    HasMetadata existing = found.object();
    Map<String, String> labels = existing.getMetadata().getLabels();
    if (labels == null || !grid.equals(labels.get(GridLabels.SOURCE))) {
      throw Failures.invalidRequest(
          ("targetGrid %s already exists and was not created by gridshift for grid %s"
                  + " (%s has no label %s=%s); choose another targetGrid")
              .formatted(targetGrid, grid, found.describe(), GridLabels.SOURCE, grid));
    }
    Claims.refuseOthers(existing, upgradeId, cluster);
  }
}
