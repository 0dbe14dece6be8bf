package io.gridshift.activities.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.openshift.client.OpenShiftClient;
import io.gridshift.workflows.activities.ClaimRequest;
import io.gridshift.workflows.activities.ClaimedObject;
import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.common.FailureTypes;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One upgrade per object. An upgrade claims every object it will change (annotation {@link
 * ClaimRequest#ANNOTATION} = its workflow id) and every destructive step first checks that the
 * object still carries that claim, so two upgrades can never drive the same Service or grid: the
 * second is refused naming the first, and a compensation never deletes what another upgrade holds.
 *
 * <ol>
 *   <li>{@link #refuseOthers}: at plan (dry runs too, read-only): an object held by another upgrade
 *       refuses the plan, naming the holder and how to release a stale claim.
 *   <li>{@link #claim}: after the plan, not for a dry run: every object is checked first, then
 *       annotated with an update that carries the object's resourceVersion, so two upgrades
 *       claiming at once cannot both win (the loser gets 409, retries, and is refused).
 *   <li>{@link #require}: before a destructive write: the object must carry this upgrade's claim.
 *   <li>{@link #release}: at the end: the annotation is removed where it is still this upgrade's.
 * </ol>
 */
public final class Claims {
  private static final Logger LOG = LoggerFactory.getLogger(Claims.class);

  private final KubernetesClient client;

  Claims(KubernetesClient client) {
    this.client = client;
  }

  /** The upgrade holding {@code object}, or null. */
  static String holder(HasMetadata object) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(ClaimRequest.ANNOTATION);
  }

  /**
   * Refuses {@code object} when an upgrade other than {@code upgradeId} holds it (a null {@code
   * upgradeId} checks nothing).
   */
  static void refuseOthers(HasMetadata object, String upgradeId, ClusterRef cluster) {
    String holder = holder(object);
    if (upgradeId != null && holder != null && !holder.equals(upgradeId)) {
      throw conflict(
          ("%s %s in cluster %s is held by another upgrade, %s; one upgrade at a time may change"
                  + " it: wait for that upgrade to end (gridshift status %s), or, if it has ended"
                  + " without releasing it, remove the claim: kubectl annotate %s -n %s %s %s-")
              .formatted(
                  object.getKind(),
                  Edits.qualifiedName(object),
                  cluster.cluster(),
                  holder,
                  holder,
                  object.getKind().toLowerCase(),
                  cluster.namespace(),
                  object.getMetadata().getName(),
                  ClaimRequest.ANNOTATION));
    }
  }

  /**
   * Before a destructive write: {@code object} must carry {@code claim} (a null {@code claim}
   * checks nothing: histories from before claims).
   */
  public static void require(HasMetadata object, String claim, ClusterRef cluster) {
    if (claim == null) {
      return;
    }
    refuseOthers(object, claim, cluster);
    if (holder(object) == null) {
      throw conflict(
          ("%s %s in cluster %s no longer carries the claim of upgrade %s (annotation %s was"
                  + " removed), so gridshift will not change it; if this upgrade should go on,"
                  + " put the claim back: kubectl annotate %s -n %s %s %s=%s")
              .formatted(
                  object.getKind(),
                  Edits.qualifiedName(object),
                  cluster.cluster(),
                  claim,
                  ClaimRequest.ANNOTATION,
                  object.getKind().toLowerCase(),
                  cluster.namespace(),
                  object.getMetadata().getName(),
                  ClaimRequest.ANNOTATION,
                  claim));
    }
  }

  /** Claims every existing object of {@code request}, or none when another upgrade holds one. */
  void claim(ClaimRequest request) {
    List<HasMetadata> found = existing(request);
    for (HasMetadata object : found) {
      refuseOthers(object, request.upgradeId(), request.cluster());
    }
    for (HasMetadata object : found) {
      if (request.upgradeId().equals(holder(object))) {
        continue;
      }
      HasMetadata claimed = client.getKubernetesSerialization().clone(object);
      annotations(claimed).put(ClaimRequest.ANNOTATION, request.upgradeId());
      // update() sends the resourceVersion just read: a concurrent claim makes this a 409, the
      // activity is retried and the re-read sees the other claim.
      client.resource(claimed).update();
      LOG.info(
          "claimed {} {} for {}",
          object.getKind(),
          Edits.qualifiedName(object),
          request.upgradeId());
    }
  }

  /** Removes the claim of {@code request}'s upgrade from every object that still carries it. */
  void release(ClaimRequest request) {
    for (HasMetadata object : existing(request)) {
      if (!request.upgradeId().equals(holder(object))) {
        continue;
      }
      HasMetadata released = client.getKubernetesSerialization().clone(object);
      annotations(released).remove(ClaimRequest.ANNOTATION);
      client.resource(released).update();
      LOG.info("released {} {}", object.getKind(), Edits.qualifiedName(object));
    }
  }

  private List<HasMetadata> existing(ClaimRequest request) {
    List<HasMetadata> found = new ArrayList<>();
    for (ClaimedObject object : request.objects()) {
      HasMetadata current = resource(request.cluster(), object).get();
      if (current != null) {
        found.add(current);
      }
    }
    return found;
  }

  private Resource<? extends HasMetadata> resource(ClusterRef cluster, ClaimedObject object) {
    String ns = cluster.namespace();
    return switch (object.kind()) {
      case STATEFULSET -> client.apps().statefulSets().inNamespace(ns).withName(object.name());
      case DEPLOYMENT -> client.apps().deployments().inNamespace(ns).withName(object.name());
      case DEPLOYMENT_CONFIG -> GridWorkload.deploymentConfigs(client, ns, object.name());
      case SERVICE -> client.services().inNamespace(ns).withName(object.name());
      case ROUTE ->
          client.adapt(OpenShiftClient.class).routes().inNamespace(ns).withName(object.name());
    };
  }

  /** Writes {@code upgradeId}'s claim on {@code object} (in memory). */
  static void annotate(HasMetadata object, String upgradeId) {
    annotations(object).put(ClaimRequest.ANNOTATION, upgradeId);
  }

  private static Map<String, String> annotations(HasMetadata object) {
    if (object.getMetadata().getAnnotations() == null) {
      object.getMetadata().setAnnotations(new LinkedHashMap<>());
    }
    return object.getMetadata().getAnnotations();
  }

  private static ApplicationFailure conflict(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, FailureTypes.CLAIM_CONFLICT);
  }
}
