package io.gridshift.demo;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.openshift.api.model.DeploymentConfig;
import io.gridshift.demo.InfinispanXmlCaches.Encoding;
import io.gridshift.workflows.common.Versions;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A user's Infinispan grid for {@code ./gridshift demo infinispan --grid-manifest F}, checked
 * before anything starts:
 *
 * <ol>
 *   <li>the grid is the manifest's first workload, a StatefulSet or an OpenShift DeploymentConfig
 *       (a Deployment is not a grid the Infinispan upgrade moves);
 *   <li>its pods' first container names the source version in its image tag;
 *   <li>a Service of the manifest, in the grid's namespace, selects its pods (clients' way in, and
 *       the one the upgrade switches);
 *   <li>the pods mount a ConfigMap of the manifest with {@code infinispan.xml}, which declares the
 *       caches the demo loads.
 * </ol>
 *
 * @param objects every object of the file
 * @param grid the StatefulSet or DeploymentConfig
 * @param service the client Service
 * @param sourceVersion the image tag of the grid's pods
 * @param caches the caches {@code infinispan.xml} declares, with their encodings
 */
public record InfinispanGridManifest(
    GridManifest objects,
    HasMetadata grid,
    Service service,
    String sourceVersion,
    Map<String, Encoding> caches) {

  /**
   * Reads and checks {@code file}.
   *
   * @throws IllegalArgumentException naming what is missing or wrong and what to do
   */
  public static InfinispanGridManifest read(Path file) {
    GridManifest objects = GridManifest.read(file);
    HasMetadata workload = objects.workload();
    String what = workload.getKind() + " " + workload.getMetadata().getName();
    if (!(workload instanceof StatefulSet) && !(workload instanceof DeploymentConfig)) {
      throw new IllegalArgumentException(
          file
              + ": "
              + what
              + " is neither a StatefulSet nor a DeploymentConfig, the kinds of grid the Infinispan"
              + " upgrade moves");
    }
    HasMetadata sts = workload;
    String where =
        workload.getKind()
            + " "
            + sts.getMetadata().getNamespace()
            + "/"
            + sts.getMetadata().getName();
    Service service =
        objects
            .serviceSelecting(sts)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        file
                            + " holds no Service in namespace "
                            + sts.getMetadata().getNamespace()
                            + " whose selector matches the pods of "
                            + where
                            + ": add the Service clients use (see"
                            + " deploy/examples/infinispan-statefulset.yaml)"));
    return new InfinispanGridManifest(
        objects, sts, service, imageTag(file, where, sts), caches(file, where, objects, sts));
  }

  private static String imageTag(Path file, String where, HasMetadata sts) {
    PodTemplateSpec template = GridManifest.template(sts);
    List<Container> containers =
        template == null || template.getSpec() == null ? null : template.getSpec().getContainers();
    String image = containers == null || containers.isEmpty() ? null : containers.get(0).getImage();
    String tag = Versions.imageTag(image);
    if (tag == null) {
      throw new IllegalArgumentException(
          file
              + ": the pods of "
              + where
              + " run image '"
              + image
              + "', which names no version; tag it with the Infinispan version, e.g."
              + " quay.io/infinispan/server:"
              + InfinispanDemoVersions.DEFAULT_FROM);
    }
    return tag;
  }

  private static Map<String, Encoding> caches(
      Path file, String where, GridManifest objects, HasMetadata sts) {
    ConfigMap config =
        objects.mountedConfigMaps(sts).stream()
            .filter(m -> m.getData() != null && m.getData().containsKey("infinispan.xml"))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        file
                            + ": the pods of "
                            + where
                            + " mount no ConfigMap of the manifest with key infinispan.xml; add"
                            + " the ConfigMap with the server configuration and mount it"));
    Map<String, Encoding> caches;
    try {
      caches = InfinispanXmlCaches.read(config.getData().get("infinispan.xml"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          file + ": ConfigMap " + config.getMetadata().getName() + ": " + e.getMessage(), e);
    }
    if (caches.isEmpty()) {
      throw new IllegalArgumentException(
          file
              + ": the infinispan.xml of ConfigMap "
              + config.getMetadata().getName()
              + " declares no cache; declare the caches to load and upgrade, e.g. <distributed-cache"
              + " name=\"orders\"/> in its <cache-container>");
    }
    return Collections.unmodifiableMap(new LinkedHashMap<>(caches));
  }

  /** The grid's namespace, as the manifest names it. */
  public String namespace() {
    return grid.getMetadata().getNamespace();
  }

  /** The grid's name (StatefulSet or DeploymentConfig). */
  public String name() {
    return grid.getMetadata().getName();
  }

  /** Desired replicas (1 when the manifest leaves it out, as Kubernetes defaults it). */
  public int replicas() {
    Integer replicas =
        grid instanceof DeploymentConfig dc
            ? dc.getSpec().getReplicas()
            : ((StatefulSet) grid).getSpec().getReplicas();
    return replicas == null ? 1 : replicas;
  }

  /** Creates every object of the manifest on {@code kube}. */
  public void createIn(KubernetesClient kube) {
    objects.createIn(kube);
  }
}
