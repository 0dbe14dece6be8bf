package io.gridshift.demo;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.openshift.api.model.DeploymentConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A user's {@code --grid-manifest}: the Kubernetes objects of one grid (a workload, its Service,
 * its ConfigMap, ...), read once, placed as {@code kubectl create -f} would place them (an object
 * that names no namespace goes to {@value #DEFAULT_NAMESPACE}) and created on the sandbox's API.
 * The grid is the first workload in the file; each demo decides which workload kinds it takes.
 * Shared by the Hazelcast and Infinispan demos.
 */
public final class GridManifest {
  /** Where a namespaced object that names no namespace goes, as with kubectl. */
  public static final String DEFAULT_NAMESPACE = "default";

  private final Path file;
  private final List<HasMetadata> items;

  private GridManifest(Path file, List<HasMetadata> items) {
    this.file = file;
    this.items = items;
  }

  /**
   * Reads {@code file} (YAML or JSON, several documents allowed).
   *
   * @throws IllegalArgumentException when it cannot be read, is not YAML, or holds no Kubernetes
   *     object
   */
  public static GridManifest read(Path file) {
    Object parsed;
    try (InputStream in = Files.newInputStream(file)) {
      parsed = new KubernetesSerialization().unmarshal(in);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "--grid-manifest " + file + " cannot be read (" + e.getMessage() + ")", e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "--grid-manifest "
              + file
              + " is not a Kubernetes manifest in YAML or JSON: "
              + firstLine(e.getMessage()),
          e);
    }
    List<HasMetadata> items = new ArrayList<>();
    collect(parsed, items);
    if (items.isEmpty()) {
      throw new IllegalArgumentException(
          "--grid-manifest "
              + file
              + " holds no Kubernetes object; give it the grid's workload, Service and ConfigMap");
    }
    for (HasMetadata item : items) {
      if (item.getMetadata() == null || item.getMetadata().getName() == null) {
        throw new IllegalArgumentException(
            "--grid-manifest " + file + ": a " + item.getKind() + " has no metadata.name; name it");
      }
      String ns = item.getMetadata().getNamespace();
      if (item instanceof Namespaced && (ns == null || ns.isBlank())) {
        item.getMetadata().setNamespace(DEFAULT_NAMESPACE);
      }
    }
    return new GridManifest(file, List.copyOf(items));
  }

  private static void collect(Object parsed, List<HasMetadata> into) {
    if (parsed instanceof KubernetesList list) {
      list.getItems().forEach(i -> collect(i, into));
    } else if (parsed instanceof List<?> list) {
      list.forEach(i -> collect(i, into));
    } else if (parsed instanceof HasMetadata item) {
      into.add(item);
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int eol = message.indexOf('\n');
    return eol < 0 ? message : message.substring(0, eol);
  }

  /** The file it was read from. */
  public Path file() {
    return file;
  }

  /** Every object, namespaces filled in. */
  public List<HasMetadata> items() {
    return items;
  }

  /**
   * The grid: the first StatefulSet, Deployment or DeploymentConfig.
   *
   * @throws IllegalArgumentException when there is none
   */
  public HasMetadata workload() {
    return items.stream()
        .filter(
            i ->
                i instanceof StatefulSet
                    || i instanceof Deployment
                    || i instanceof DeploymentConfig)
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    file + " holds no StatefulSet, Deployment or DeploymentConfig to upgrade"));
  }

  /** The workload's pod template (null for a workload without one). */
  public static PodTemplateSpec template(HasMetadata workload) {
    if (workload instanceof StatefulSet sts && sts.getSpec() != null) {
      return sts.getSpec().getTemplate();
    }
    if (workload instanceof Deployment d && d.getSpec() != null) {
      return d.getSpec().getTemplate();
    }
    if (workload instanceof DeploymentConfig dc && dc.getSpec() != null) {
      return dc.getSpec().getTemplate();
    }
    return null;
  }

  /**
   * The manifest's Service in the workload's namespace whose selector matches the workload's pod
   * labels: the one named like the workload first, as the demos' own grids name it.
   */
  public Optional<Service> serviceSelecting(HasMetadata workload) {
    PodTemplateSpec template = template(workload);
    Map<String, String> podLabels =
        template == null || template.getMetadata() == null
            ? null
            : template.getMetadata().getLabels();
    if (podLabels == null) {
      return Optional.empty();
    }
    List<Service> selecting =
        inNamespaceOf(workload, Service.class).stream()
            .filter(s -> s.getSpec() != null && s.getSpec().getSelector() != null)
            .filter(s -> !s.getSpec().getSelector().isEmpty())
            .filter(s -> podLabels.entrySet().containsAll(s.getSpec().getSelector().entrySet()))
            .toList();
    return selecting.stream()
        .filter(s -> s.getMetadata().getName().equals(workload.getMetadata().getName()))
        .findFirst()
        .or(() -> selecting.stream().findFirst());
  }

  /** The manifest's ConfigMaps the workload's pods mount, in mount order. */
  public List<ConfigMap> mountedConfigMaps(HasMetadata workload) {
    PodTemplateSpec template = template(workload);
    if (template == null || template.getSpec() == null || template.getSpec().getVolumes() == null) {
      return List.of();
    }
    List<ConfigMap> maps = inNamespaceOf(workload, ConfigMap.class);
    List<ConfigMap> mounted = new ArrayList<>();
    for (Volume volume : template.getSpec().getVolumes()) {
      if (volume.getConfigMap() == null) {
        continue;
      }
      maps.stream()
          .filter(m -> m.getMetadata().getName().equals(volume.getConfigMap().getName()))
          .findFirst()
          .ifPresent(mounted::add);
    }
    return mounted;
  }

  private <T extends HasMetadata> List<T> inNamespaceOf(HasMetadata workload, Class<T> type) {
    String ns = workload.getMetadata().getNamespace();
    return items.stream()
        .filter(type::isInstance)
        .map(type::cast)
        .filter(i -> Objects.equals(ns, i.getMetadata().getNamespace()))
        .toList();
  }

  /** Creates every object on {@code kube}, in file order, each in its namespace. */
  public void createIn(KubernetesClient kube) {
    for (HasMetadata item : items) {
      kube.resource(item).create();
    }
  }
}
