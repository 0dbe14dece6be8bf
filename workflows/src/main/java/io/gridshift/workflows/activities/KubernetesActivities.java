package io.gridshift.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/**
 * Generic Kubernetes steps shared by every grid kind (fabric8). Idempotent; runs on the task queue
 * of the cluster it acts on. Writes use {@code edit()} / JSON Patch so a retry converges.
 */
@ActivityInterface(namePrefix = "Kubernetes.")
public interface KubernetesActivities {

  /**
   * Claims every listed object for the upgrade: writes annotation {@link ClaimRequest#ANNOTATION}
   * with its workflow id. Idempotent (an object it already holds is left as is); objects that do
   * not exist are skipped.
   *
   * @throws io.temporal.failure.ApplicationFailure type {@code ClaimConflict}, naming the holder,
   *     when another upgrade holds one of them (nothing is claimed then)
   */
  @ActivityMethod
  void claim(ClaimRequest request);

  /**
   * Releases the upgrade's claim on every listed object that still carries it; objects gone or held
   * by another upgrade are left alone. Idempotent.
   */
  @ActivityMethod
  void release(ClaimRequest request);

  /** Reads the rollout numbers once, without waiting. */
  @ActivityMethod
  RolloutStatus rolloutStatus(WorkloadRef workload);

  /**
   * Waits until the rollout is complete (kubectl's rules, minReadySeconds included); heartbeats the
   * numbers; fails (retryable) after the timeout.
   */
  @ActivityMethod
  RolloutStatus waitForRollout(RolloutRequest request);

  /** Sets a Service's selector. */
  @ActivityMethod
  void setServiceSelector(ServiceSelectorRequest request);

  /** Points an OpenShift Route at a Service. */
  @ActivityMethod
  void setRouteService(RouteRequest request);

  /**
   * Sets a StatefulSet's rolling-update partition (creating the RollingUpdate strategy if needed).
   */
  @ActivityMethod
  void setPartition(PartitionRequest request);

  /** Changes a workload's pod template (image and/or annotations). */
  @ActivityMethod
  void patchPodTemplate(PodTemplatePatch patch);

  /**
   * Kubernetes' forced rollback, after a StatefulSet's template was reverted: deletes its pods that
   * are not Ready and not on the update revision (the controller waits for such a pod forever) and
   * returns their names. Idempotent: pods already back on the update revision are left alone.
   * Refused (ClaimConflict) unless the StatefulSet carries {@code claim} (null checks nothing).
   */
  @ActivityMethod
  List<String> deleteStuckPods(WorkloadRef statefulSet, String claim);

  /**
   * Pauses or resumes a Deployment's rollout ({@code spec.paused}): a paused Deployment replaces no
   * further pod, the Deployment's way of holding a roll where it is. Idempotent. Refused
   * (ClaimConflict) unless the Deployment carries {@code claim} (null checks nothing).
   */
  @ActivityMethod
  void setRolloutPaused(WorkloadRef deployment, boolean paused, String claim);
}
