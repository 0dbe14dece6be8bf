package io.gridshift.workflows.common;

import io.gridshift.workflows.activities.ClaimRequest;
import io.gridshift.workflows.activities.ClaimedObject;
import io.gridshift.workflows.activities.KubernetesActivities;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * This upgrade's claim on the Kubernetes objects it changes (see {@link ClaimRequest}): written
 * once the plan is made (never by a dry run), carried in every destructive activity request, and
 * released when the upgrade has completed or has put everything back. An upgrade that ends past its
 * point of no return keeps its claims: the grid still needs a person, and nobody else should start
 * on it.
 */
public final class ClaimKeeper {
  private static final Logger log = Workflow.getLogger(ClaimKeeper.class);

  private final KubernetesActivities kube;
  private final List<ClaimedObject> objects = new ArrayList<>();
  private ClusterRef cluster;
  private String id;

  /**
   * @param kube short-call stub on the cluster's task queue
   */
  public ClaimKeeper(KubernetesActivities kube) {
    this.kube = kube;
  }

  /**
   * Claims {@code claimed} for this upgrade.
   *
   * @throws io.temporal.failure.ActivityFailure type {@code ClaimConflict} naming the holder when
   *     another upgrade holds one of them
   */
  public void claim(ClusterRef where, List<ClaimedObject> claimed) {
    cluster = where;
    id = Workflow.getInfo().getWorkflowId();
    objects.addAll(claimed);
    kube.claim(new ClaimRequest(cluster, id, objects));
  }

  /** Objects the upgrade creates later carry the claim from their creation; release them too. */
  public void alsoRelease(ClaimedObject... created) {
    objects.addAll(List.of(created));
  }

  /**
   * The claim destructive requests carry: the workflow id once claimed, else null (a dry run),
   * which the activities read as "do not check".
   */
  public String id() {
    return id;
  }

  /**
   * Releases every claim; a failure is logged and returned as a sentence (the objects keep an
   * annotation a person can remove), never thrown: the upgrade's outcome stands.
   *
   * @return null, or what could not be released and how to do it by hand
   */
  public String release() {
    if (id == null) {
      return null;
    }
    try {
      kube.release(new ClaimRequest(cluster, id, objects));
      return null;
    } catch (ActivityFailure e) {
      log.warn("could not release the claims of {}", id, e);
      return "The claims on "
          + objects
          + " could not be released ("
          + e.getCause().getMessage()
          + "); remove annotation "
          + ClaimRequest.ANNOTATION
          + " from them by hand.";
    }
  }
}
