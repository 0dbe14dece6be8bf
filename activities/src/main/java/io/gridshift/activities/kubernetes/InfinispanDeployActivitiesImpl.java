package io.gridshift.activities.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.gridshift.activities.ClusterAccess;
import io.gridshift.activities.Failures;
import io.gridshift.activities.infinispan.SourceTrustStore;
import io.gridshift.workflows.activities.WorkloadKind;
import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.infinispan.activities.DeleteGridRequest;
import io.gridshift.workflows.infinispan.activities.DeployTargetRequest;
import io.gridshift.workflows.infinispan.activities.InfinispanDeployActivities;
import io.gridshift.workflows.infinispan.activities.InspectSourceRequest;
import io.gridshift.workflows.infinispan.activities.SourceGrid;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link InfinispanDeployActivities} over one cluster's Kubernetes API ({@link ClusterAccess}); the
 * worker registers one instance per cluster task queue. Reading the source is {@link
 * SourceInspector}'s job, building and writing the target {@link TargetDeployer}'s.
 */
public class InfinispanDeployActivitiesImpl implements InfinispanDeployActivities {
  private static final Logger LOG = LoggerFactory.getLogger(InfinispanDeployActivitiesImpl.class);

  private final ClusterAccess access;
  private final KubernetesClient client;
  private final SourceInspector inspector;
  private final TargetDeployer deployer;

  /**
   * @param cluster the one cluster this instance acts on
   */
  public InfinispanDeployActivitiesImpl(ClusterAccess cluster) {
    this.access = cluster;
    this.client = cluster.kubernetes();
    this.inspector = new SourceInspector(client);
    this.deployer = new TargetDeployer(client);
  }

  @Override
  public SourceGrid inspectSource(InspectSourceRequest request) {
    return inspector.inspect(request);
  }

  @Override
  public void deployTarget(DeployTargetRequest request) {
    deployer.deploy(request);
  }

  /**
   * The Service's cluster IP; its cluster DNS name when it has none (headless, or an API server
   * that assigns none). Retryable when the Service does not exist: it may be being created.
   */
  @Override
  public String serviceHost(ClusterRef cluster, String service) {
    return access
        .serviceHost(cluster.namespace(), service)
        .orElseThrow(
            () ->
                Failures.retryable(
                    "Service %s/%s not found in cluster %s (yet); it is created by deployTarget"
                        .formatted(cluster.namespace(), service, cluster.cluster()),
                    FailureTypes.NOT_READY));
  }

  /**
   * Removes the remote stores from the target's {@code infinispan.xml}; writes nothing when there
   * are none left (idempotent). The {@code GRIDSHIFT_SOURCE_*} env vars that deployTarget added
   * stay in the pod template on purpose: removing them would change the template and start a
   * rollout of its own, and unused env vars are harmless.
   */
  @Override
  public void removeRemoteStores(ClusterRef cluster, String targetGrid) {
    String ns = cluster.namespace();
    String name = TargetManifests.configMapName(targetGrid);
    Resource<ConfigMap> resource = client.configMaps().inNamespace(ns).withName(name);
    ConfigMap current = resource.get();
    if (current == null
        || current.getData() == null
        || !current.getData().containsKey(GridPods.INFINISPAN_XML)) {
      throw Failures.invalidRequest(
          ("ConfigMap %s/%s with key %s not found in cluster %s; only a target deployed by"
                  + " gridshift in CONFIG mode has remote stores in its configuration")
              .formatted(ns, name, GridPods.INFINISPAN_XML, cluster.cluster()));
    }
    Edits.editIfChanged(
        client,
        resource,
        current,
        cm -> {
          String xml = cm.getData().get(GridPods.INFINISPAN_XML);
          try {
            cm.getData().put(GridPods.INFINISPAN_XML, InfinispanXml.withoutRemoteStores(xml));
          } catch (IllegalArgumentException e) {
            throw Failures.invalidRequest("ConfigMap " + ns + "/" + name + ": " + e.getMessage());
          }
          return cm;
        });
  }

  /**
   * Deletes the StatefulSet or DeploymentConfig (its pods go with it), the ConfigMap holding its
   * {@code infinispan.xml} when asked, and the listed Services. PersistentVolumeClaims of the pods
   * are left in place, as Kubernetes does: they may hold the only copy of data someone wants back;
   * delete them by hand once the upgrade is verified. What is already gone is skipped. With a
   * claim, the StatefulSet and every Service must carry it, or nothing is deleted.
   */
  @Override
  public void deleteGrid(DeleteGridRequest request) {
    String ns = request.cluster().namespace();
    GridWorkload grid = existingGrid(ns, request.grid());
    List<String> services = request.services() == null ? List.of() : request.services();
    // Everything is checked before anything goes: a refusal deletes nothing.
    if (grid != null) {
      Claims.require(grid.object(), request.claim(), request.cluster());
    }
    for (String service : services) {
      Service found = client.services().inNamespace(ns).withName(service).get();
      if (found != null) {
        Claims.require(found, request.claim(), request.cluster());
      }
    }
    if (grid != null) {
      // The ConfigMap goes first: its name is only known from the grid's pod template, so a
      // retry after a failure in between still finds it.
      if (request.deleteConfigMap()) {
        Optional<String> configMap =
            GridPods.infinispanConfigMap(client, ns, grid.template().getSpec());
        configMap.ifPresent(
            name ->
                delete(
                    client.configMaps().inNamespace(ns).withName(name),
                    "ConfigMap " + ns + "/" + name));
        // The source trust Secret deploy-target made for this grid's remote stores, if it
        // mounts one; like the ConfigMap, only found through the pod template.
        sourceTrustSecret(grid)
            .ifPresent(
                name ->
                    delete(
                        client.secrets().inNamespace(ns).withName(name),
                        "Secret " + ns + "/" + name));
      }
      // A DeploymentConfig's ReplicationControllers (and so its pods) go with it by the garbage
      // collector, as with `oc delete dc`.
      delete(client.resource(grid.object()), grid.describe());
    }
    for (String service : services) {
      delete(client.services().inNamespace(ns).withName(service), "Service " + ns + "/" + service);
    }
  }

  /** The Secret mounted as gridshift's source trust volume ({@link SourceTrustStore}), if any. */
  private static Optional<String> sourceTrustSecret(GridWorkload grid) {
    var volumes = grid.template().getSpec().getVolumes();
    if (volumes == null) {
      return Optional.empty();
    }
    return volumes.stream()
        .filter(v -> SourceTrustStore.VOLUME.equals(v.getName()) && v.getSecret() != null)
        .map(v -> v.getSecret().getSecretName())
        .filter(name -> name.equals(SourceTrustStore.secretName(grid.name())))
        .findFirst();
  }

  /** The grid {@code name}, a StatefulSet or else a DeploymentConfig; null when neither exists. */
  private GridWorkload existingGrid(String ns, String name) {
    GridWorkload sts = GridWorkload.find(client, ns, WorkloadKind.STATEFULSET, name);
    return sts != null ? sts : GridWorkload.find(client, ns, WorkloadKind.DEPLOYMENT_CONFIG, name);
  }

  /** Deletes {@code what}; what is gone already is fine (fabric8 returns no details then). */
  private static void delete(Resource<?> resource, String what) {
    if (!resource.delete().isEmpty()) {
      LOG.info("deleted {}", what);
    }
  }
}
