package io.gridshift.demo.bench;

import io.gridshift.workflows.activities.ClaimRequest;
import io.gridshift.workflows.activities.KubernetesActivities;
import io.gridshift.workflows.activities.PartitionRequest;
import io.gridshift.workflows.activities.PodTemplatePatch;
import io.gridshift.workflows.activities.RolloutRequest;
import io.gridshift.workflows.activities.RolloutStatus;
import io.gridshift.workflows.activities.RouteRequest;
import io.gridshift.workflows.activities.ServiceSelectorRequest;
import io.gridshift.workflows.activities.WorkloadRef;
import java.util.List;

/**
 * The Kubernetes calls of one simulated cluster, shared by every grid kind on it (a worker serves
 * one implementation per activity type): every write succeeds and changes nothing, every rollout of
 * {@value #PODS} pods is complete, and a rollout wait takes its {@link SimulatedPace}.
 */
final class SimulatedKubernetes implements KubernetesActivities {
  /** Pods of every simulated workload: what the recorded histories were made with. */
  static final int PODS = 3;

  private static final RolloutStatus DONE =
      new RolloutStatus(PODS, PODS, PODS, PODS, 0, true, "done");

  private final SimulatedPace pace;

  SimulatedKubernetes(SimulatedPace pace) {
    this.pace = pace;
  }

  @Override
  public void claim(ClaimRequest request) {}

  @Override
  public void release(ClaimRequest request) {}

  @Override
  public RolloutStatus rolloutStatus(WorkloadRef workload) {
    return DONE;
  }

  @Override
  public RolloutStatus waitForRollout(RolloutRequest request) {
    pace.await();
    return DONE;
  }

  @Override
  public void setServiceSelector(ServiceSelectorRequest request) {}

  @Override
  public void setRouteService(RouteRequest request) {}

  @Override
  public void setPartition(PartitionRequest request) {}

  @Override
  public void patchPodTemplate(PodTemplatePatch patch) {}

  @Override
  public List<String> deleteStuckPods(WorkloadRef statefulSet, String claim) {
    return List.of();
  }

  @Override
  public void setRolloutPaused(WorkloadRef deployment, boolean paused, String claim) {}
}
