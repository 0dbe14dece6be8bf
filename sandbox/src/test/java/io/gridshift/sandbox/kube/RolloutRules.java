package io.gridshift.sandbox.kube;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import java.util.Objects;

/** {@code kubectl rollout status}'s verdicts (RUNTIME.md), to check the simulator's statuses. */
final class RolloutRules {
  private RolloutRules() {}

  static boolean done(StatefulSet sts) {
    StatefulSetStatus s = sts.getStatus();
    if (s == null || n(s.getObservedGeneration()) < sts.getMetadata().getGeneration()) {
      return false;
    }
    int replicas = n(sts.getSpec().getReplicas());
    if (n(s.getReadyReplicas()) < replicas) {
      return false;
    }
    var rolling = sts.getSpec().getUpdateStrategy().getRollingUpdate();
    int partition = rolling == null ? 0 : n(rolling.getPartition());
    if (partition > 0) {
      return n(s.getUpdatedReplicas()) >= replicas - partition;
    }
    return Objects.equals(s.getCurrentRevision(), s.getUpdateRevision());
  }

  static boolean done(Deployment d) {
    DeploymentStatus s = d.getStatus();
    if (s == null || n(s.getObservedGeneration()) < d.getMetadata().getGeneration()) {
      return false;
    }
    boolean deadlineExceeded =
        s.getConditions() != null
            && s.getConditions().stream()
                .anyMatch(c -> "ProgressDeadlineExceeded".equals(c.getReason()));
    int replicas = n(d.getSpec().getReplicas());
    return !deadlineExceeded
        && n(s.getUpdatedReplicas()) >= replicas
        && n(s.getReplicas()) <= n(s.getUpdatedReplicas())
        && n(s.getAvailableReplicas()) >= n(s.getUpdatedReplicas());
  }

  private static int n(Integer value) {
    return value == null ? 0 : value;
  }

  private static long n(Long value) {
    return value == null ? 0 : value;
  }
}
