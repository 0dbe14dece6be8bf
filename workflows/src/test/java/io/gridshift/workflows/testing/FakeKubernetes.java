package io.gridshift.workflows.testing;

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
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Kubernetes side of a fake cluster, which {@link FakeInfinispanGrid} and {@link
 * FakeHazelcastCluster} extend with their grid's activities: every rollout is complete, no pod is
 * stuck, and each call that would change the cluster is recorded in {@link #changes} and changes
 * nothing else.
 */
public class FakeKubernetes implements KubernetesActivities {
  /** A complete rollout of 3 pods: all updated, ready and available. */
  public static final RolloutStatus DONE = new RolloutStatus(3, 3, 3, 3, 0, true, "done");

  /**
   * The calls that changed the cluster (the grid's too), by method name, in order, e.g. {@code
   * setServiceSelector}: what a test asserts did (not) happen when it does not spy on the calls.
   */
  public final List<String> changes = new CopyOnWriteArrayList<>();

  /** Records a call that would change the cluster. */
  protected final void changed(String call) {
    changes.add(call);
  }

  @Override
  public void claim(ClaimRequest request) {
    changed("claim");
  }

  @Override
  public void release(ClaimRequest request) {
    changed("release");
  }

  @Override
  public RolloutStatus rolloutStatus(WorkloadRef workload) {
    return DONE;
  }

  @Override
  public RolloutStatus waitForRollout(RolloutRequest request) {
    return DONE;
  }

  @Override
  public void setServiceSelector(ServiceSelectorRequest request) {
    changed("setServiceSelector");
  }

  @Override
  public void setRouteService(RouteRequest request) {
    changed("setRouteService");
  }

  @Override
  public void setPartition(PartitionRequest request) {
    changed("setPartition");
  }

  @Override
  public void patchPodTemplate(PodTemplatePatch patch) {
    changed("patchPodTemplate");
  }

  @Override
  public List<String> deleteStuckPods(WorkloadRef statefulSet, String claim) {
    changed("deleteStuckPods");
    return List.of();
  }

  @Override
  public void setRolloutPaused(WorkloadRef deployment, boolean paused, String claim) {
    changed("setRolloutPaused");
  }
}
