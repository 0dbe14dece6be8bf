package io.gridshift.activities.hazelcast;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.activities.kubernetes.GridImages;
import io.gridshift.workflows.activities.WorkloadKind;
import io.gridshift.workflows.activities.WorkloadRef;
import io.gridshift.workflows.common.Versions;
import io.gridshift.workflows.hazelcast.activities.HazelcastWorkload;

/** Reads a Hazelcast workload for the preflight: Kubernetes fields and member settings. */
final class WorkloadInspector {
  /** Kubernetes' default terminationGracePeriodSeconds. */
  static final int DEFAULT_GRACE_SECONDS = 30;

  private final KubernetesClient client;

  WorkloadInspector(KubernetesClient client) {
    this.client = client;
  }

  HazelcastWorkload inspect(WorkloadRef ref) {
    Workload workload = Workload.read(client, ref);
    PodSpec pod = workload.template().getSpec();
    GridImages.requireKind(pod, GridImages.Kind.HAZELCAST, workload.describe());
    MemberSettings settings = MemberSettings.read(client, ref.cluster().namespace(), pod);
    MemberTls.requireCaWhenMembersServeTls(workload, settings);
    Container container = settings.container();
    Integer maxUnavailable = null;
    Integer maxSurge = null;
    if (ref.kind() == WorkloadKind.DEPLOYMENT && "RollingUpdate".equals(workload.strategyType())) {
      int[] resolved =
          RollingUpdateMath.resolve(
              workload.maxUnavailable(), workload.maxSurge(), workload.replicas());
      maxUnavailable = resolved[0];
      maxSurge = resolved[1];
    }
    return new HazelcastWorkload(
        ref.name(),
        ref.kind(),
        workload.replicas(),
        workload.readyReplicas(),
        container.getName(),
        container.getImage(),
        Versions.imageTag(container.getImage()),
        gracePeriod(pod),
        settings.systemProperties(),
        settings.config().mapBackupCounts(),
        workload.strategyType(),
        workload.partition(),
        maxUnavailable,
        maxSurge,
        settings.configMap(),
        workload.claimedBy(),
        workload.owner(),
        settings.config().features());
  }

  static int gracePeriod(PodSpec pod) {
    Long grace = pod.getTerminationGracePeriodSeconds();
    return grace == null ? DEFAULT_GRACE_SECONDS : grace.intValue();
  }
}
