package io.gridshift.activities.fleet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.activities.ClusterAccess;
import io.gridshift.activities.Failures;
import io.gridshift.activities.kubernetes.GridImages;
import io.gridshift.workflows.common.Versions;
import io.gridshift.workflows.fleet.ClusterInventory;
import io.gridshift.workflows.fleet.DiscoveredGrid;
import io.gridshift.workflows.fleet.FleetDiscoveryActivities;
import io.gridshift.workflows.fleet.FleetSpec;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Lists the grids of one cluster for a fleet: every StatefulSet and Deployment whose containers run
 * an image of a known grid kind ({@link GridImages}), with the version its image tag names and its
 * labels. One list call per workload type and namespace, read-only: a retry is harmless, and a
 * cluster of hundreds of grids answers in one activity.
 *
 * <p>The answer names this agent as Temporal's default worker identity does ({@code pid@host}), so
 * the fleet's status can say which process served each cluster.
 */
public class FleetDiscoveryActivitiesImpl implements FleetDiscoveryActivities {
  private static final String IDENTITY = ManagementFactory.getRuntimeMXBean().getName();

  private final ClusterAccess cluster;

  public FleetDiscoveryActivitiesImpl(ClusterAccess cluster) {
    this.cluster = cluster;
  }

  @Override
  public ClusterInventory discover(
      String clusterName, List<String> namespaces, List<String> kinds) {
    if (!cluster.name().equals(clusterName)) {
      // Only a misrouted call lands here: the queue names the cluster.
      throw Failures.invalidRequest(
          "this agent serves cluster "
              + cluster.name()
              + ", not "
              + clusterName
              + "; check the worker configuration of task queue "
              + cluster.taskQueue());
    }
    List<String> wanted = kinds == null ? List.of() : kinds;
    List<DiscoveredGrid> grids = new ArrayList<>();
    KubernetesClient kube = cluster.kubernetes();
    for (String ns : namespaces == null || namespaces.isEmpty() ? allNamespaces() : namespaces) {
      for (StatefulSet s : statefulSets(kube, ns)) {
        found(s, s.getSpec() == null ? null : s.getSpec().getTemplate(), wanted, ready(s))
            .ifPresent(grids::add);
      }
      for (Deployment d : deployments(kube, ns)) {
        found(d, d.getSpec() == null ? null : d.getSpec().getTemplate(), wanted, ready(d))
            .ifPresent(grids::add);
      }
    }
    grids.sort(Comparator.comparing(g -> g.id().path()));
    return new ClusterInventory(clusterName, IDENTITY, grids);
  }

  /** Every desired replica ready; null when the status was never written. */
  private static Boolean ready(StatefulSet s) {
    if (s.getStatus() == null || s.getSpec() == null) {
      return null;
    }
    return readyOf(s.getSpec().getReplicas(), s.getStatus().getReadyReplicas());
  }

  private static Boolean ready(Deployment d) {
    if (d.getStatus() == null || d.getSpec() == null) {
      return null;
    }
    return readyOf(d.getSpec().getReplicas(), d.getStatus().getReadyReplicas());
  }

  private static Boolean readyOf(Integer desired, Integer ready) {
    return (ready == null ? 0 : ready) >= (desired == null ? 1 : desired);
  }

  /** This process's identity, as Temporal names a worker by default: {@code pid@host}. */
  public static String identity() {
    return IDENTITY;
  }

  /** One null, which stands for "every namespace" in the list calls below. */
  private static List<String> allNamespaces() {
    List<String> all = new ArrayList<>();
    all.add(null);
    return all;
  }

  private static List<StatefulSet> statefulSets(KubernetesClient kube, String ns) {
    return ns == null
        ? kube.apps().statefulSets().inAnyNamespace().list().getItems()
        : kube.apps().statefulSets().inNamespace(ns).list().getItems();
  }

  private static List<Deployment> deployments(KubernetesClient kube, String ns) {
    return ns == null
        ? kube.apps().deployments().inAnyNamespace().list().getItems()
        : kube.apps().deployments().inNamespace(ns).list().getItems();
  }

  /** The grid {@code workload} is, when one of its containers runs a wanted kind's image. */
  private Optional<DiscoveredGrid> found(
      HasMetadata workload, PodTemplateSpec template, List<String> wanted, Boolean ready) {
    if (template == null
        || template.getSpec() == null
        || template.getSpec().getContainers() == null) {
      return Optional.empty();
    }
    for (Container c : template.getSpec().getContainers()) {
      Optional<GridImages.Kind> kind = GridImages.kindOf(c.getImage());
      if (kind.isEmpty()) {
        continue;
      }
      String kindName = kind.get().name().toLowerCase(Locale.ROOT);
      if (!wanted.isEmpty() && !wanted.contains(kindName)) {
        return Optional.empty();
      }
      Map<String, String> labels = workload.getMetadata().getLabels();
      FleetSpec.GridId id =
          new FleetSpec.GridId(
              cluster.name(),
              workload.getMetadata().getNamespace(),
              workload.getMetadata().getName(),
              kindName);
      String tag = Versions.imageTag(c.getImage());
      return Optional.of(
          new DiscoveredGrid(
              id,
              tag != null && Versions.isValid(tag) ? tag : null,
              labels == null ? Map.of() : new TreeMap<>(labels),
              ready));
    }
    return Optional.empty();
  }
}
