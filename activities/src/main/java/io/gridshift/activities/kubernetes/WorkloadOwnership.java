package io.gridshift.activities.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.gridshift.workflows.common.Limits;
import io.gridshift.workflows.common.WorkloadOwner;
import io.gridshift.workflows.common.WorkloadOwner.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the tool that manages a grid's object from its metadata alone (read-only, no other call).
 * The first that matches, in this order, since a GitOps tool often applies a Helm chart (its
 * objects carry Helm's labels too) and is the one to change:
 *
 * <ol>
 *   <li>an operator: an ownerReference to an {@code Infinispan} resource ({@code infinispan.org/*})
 *       or a {@code Hazelcast} resource ({@code hazelcast.com/*});
 *   <li>Argo CD: annotation {@code argocd.argoproj.io/tracking-id} (annotation tracking: {@code
 *       <app>:<group>/<kind>:<namespace>/<name>}), or label or annotation {@code
 *       argocd.argoproj.io/instance} (a custom tracking label). Label {@code
 *       app.kubernetes.io/instance}, Argo CD's default tracking label, is set by Helm charts too,
 *       so alone it proves nothing and is not taken;
 *   <li>Flux: labels {@code kustomize.toolkit.fluxcd.io/name}/{@code namespace} (a Kustomization)
 *       or {@code helm.toolkit.fluxcd.io/name}/{@code namespace} (a HelmRelease);
 *   <li>Helm: label {@code app.kubernetes.io/managed-by: Helm}, or the release annotations {@code
 *       meta.helm.sh/release-name}/{@code release-namespace} Helm 3 writes.
 * </ol>
 */
public final class WorkloadOwnership {
  static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  static final String INSTANCE = "app.kubernetes.io/instance";
  static final String HELM_RELEASE_NAME = "meta.helm.sh/release-name";
  static final String HELM_RELEASE_NAMESPACE = "meta.helm.sh/release-namespace";
  static final String ARGO_TRACKING_ID = "argocd.argoproj.io/tracking-id";
  static final String ARGO_INSTANCE = "argocd.argoproj.io/instance";
  static final String FLUX_KUSTOMIZATION = "kustomize.toolkit.fluxcd.io/";
  static final String FLUX_HELM_RELEASE = "helm.toolkit.fluxcd.io/";

  /** Metadata values are the user's: cut them before they enter a payload. */
  private static final int MAX_VALUE = 253;

  private WorkloadOwnership() {}

  /** The owner of the first of {@code objects} (nulls skipped) that has one, or null. */
  public static WorkloadOwner firstOf(HasMetadata... objects) {
    for (HasMetadata object : objects) {
      WorkloadOwner owner = object == null ? null : of(object);
      if (owner != null) {
        return owner;
      }
    }
    return null;
  }

  /** The tool that manages {@code object}, or null when its metadata names none. */
  public static WorkloadOwner of(HasMetadata object) {
    ObjectMeta meta = object.getMetadata();
    String what = describe(object);
    WorkloadOwner owner = operator(meta, what);
    if (owner == null) {
      owner = argoCd(meta, what);
    }
    if (owner == null) {
      owner = flux(meta, what);
    }
    return owner != null ? owner : helm(meta, what);
  }

  private static WorkloadOwner operator(ObjectMeta meta, String what) {
    List<OwnerReference> refs = meta.getOwnerReferences();
    for (OwnerReference ref : refs == null ? List.<OwnerReference>of() : refs) {
      String api = ref.getApiVersion() == null ? "" : ref.getApiVersion();
      String manager = null;
      if (api.startsWith("infinispan.org/") && "Infinispan".equals(ref.getKind())) {
        manager = "Infinispan Operator";
      } else if (api.startsWith("hazelcast.com/") && "Hazelcast".equals(ref.getKind())) {
        manager = "Hazelcast Platform Operator";
      }
      if (manager != null) {
        String resource = ref.getKind() + " " + meta.getNamespace() + "/" + cut(ref.getName());
        return new WorkloadOwner(
            Type.OPERATOR, manager, what, resource, "ownerReference to " + resource + ", " + api);
      }
    }
    return null;
  }

  private static WorkloadOwner argoCd(ObjectMeta meta, String what) {
    Map<String, String> labels = orEmpty(meta.getLabels());
    Map<String, String> annotations = orEmpty(meta.getAnnotations());
    List<String> evidence = new ArrayList<>();
    String app = null;
    String trackingId = annotations.get(ARGO_TRACKING_ID);
    if (trackingId != null) {
      evidence.add("annotation " + ARGO_TRACKING_ID + "=" + cut(trackingId));
      app = trackingId.contains(":") ? trackingId.substring(0, trackingId.indexOf(':')) : null;
    }
    String instance = labels.getOrDefault(ARGO_INSTANCE, annotations.get(ARGO_INSTANCE));
    if (instance != null) {
      evidence.add(ARGO_INSTANCE + "=" + cut(instance));
      app = app == null ? instance : app;
    }
    if (evidence.isEmpty()) {
      return null;
    }
    if (labels.containsKey(INSTANCE)) {
      evidence.add("label " + INSTANCE + "=" + cut(labels.get(INSTANCE)));
    }
    return new WorkloadOwner(
        Type.GITOPS,
        "Argo CD",
        what,
        app == null || app.isBlank() ? null : "Argo CD application " + cut(app),
        String.join(", ", evidence));
  }

  private static WorkloadOwner flux(ObjectMeta meta, String what) {
    Map<String, String> labels = orEmpty(meta.getLabels());
    for (String prefix : List.of(FLUX_KUSTOMIZATION, FLUX_HELM_RELEASE)) {
      String name = labels.get(prefix + "name");
      if (name != null) {
        String ns = labels.getOrDefault(prefix + "namespace", meta.getNamespace());
        String kind = prefix.equals(FLUX_KUSTOMIZATION) ? "Kustomization" : "HelmRelease";
        String resource = "Flux " + kind + " " + cut(ns) + "/" + cut(name);
        String evidence =
            "label "
                + prefix
                + "name="
                + cut(name)
                + (labels.containsKey(prefix + "namespace")
                    ? ", label " + prefix + "namespace=" + cut(ns)
                    : "");
        return new WorkloadOwner(Type.GITOPS, "Flux", what, resource, evidence);
      }
    }
    return null;
  }

  private static WorkloadOwner helm(ObjectMeta meta, String what) {
    Map<String, String> labels = orEmpty(meta.getLabels());
    Map<String, String> annotations = orEmpty(meta.getAnnotations());
    List<String> evidence = new ArrayList<>();
    if ("Helm".equalsIgnoreCase(labels.get(MANAGED_BY))) {
      evidence.add("label " + MANAGED_BY + "=" + labels.get(MANAGED_BY));
    }
    String release = annotations.get(HELM_RELEASE_NAME);
    if (release != null) {
      evidence.add("annotation " + HELM_RELEASE_NAME + "=" + cut(release));
    }
    if (evidence.isEmpty()) {
      return null;
    }
    // Charts conventionally set app.kubernetes.io/instance to the release name.
    String name = release != null ? release : labels.get(INSTANCE);
    String ns = annotations.getOrDefault(HELM_RELEASE_NAMESPACE, meta.getNamespace());
    return new WorkloadOwner(
        Type.HELM,
        "Helm",
        what,
        name == null ? null : "Helm release " + cut(ns) + "/" + cut(name),
        String.join(", ", evidence));
  }

  /** {@code StatefulSet grids/dg}. */
  private static String describe(HasMetadata object) {
    String kind =
        object.getKind() != null ? object.getKind() : HasMetadata.getKind(object.getClass());
    return kind + " " + object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }

  private static String cut(String value) {
    return Limits.truncate(value, MAX_VALUE);
  }
}
