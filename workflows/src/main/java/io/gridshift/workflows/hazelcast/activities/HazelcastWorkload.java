package io.gridshift.workflows.hazelcast.activities;

import io.gridshift.workflows.activities.WorkloadKind;
import io.gridshift.workflows.common.WorkloadOwner;
import java.util.Map;

/**
 * What the preflight needs to know about a Hazelcast workload, read from Kubernetes.
 *
 * @param name workload name
 * @param kind StatefulSet or Deployment
 * @param replicas desired replicas
 * @param readyReplicas ready replicas now
 * @param container the Hazelcast container's name
 * @param image its image
 * @param version the version read from the image tag
 * @param terminationGracePeriodSeconds of the pod template (Kubernetes' default 30 when unset)
 * @param systemProperties Hazelcast properties in effect: {@code -D} options of JAVA_OPTS, and the
 *     {@code properties} of the member configuration (ConfigMap hazelcast.yaml/xml), JAVA_OPTS
 *     winning
 * @param mapBackupCounts backup-count per map name as configured ({@code default} for the default
 *     map config); a map without a setting has Hazelcast's default 1
 * @param strategyType RollingUpdate, OnDelete (StatefulSet) or RollingUpdate, Recreate (Deployment)
 * @param partition StatefulSet partition (0 when unset)
 * @param maxUnavailable Deployment maxUnavailable resolved against replicas (percentages rounded
 *     down as Kubernetes does); null for StatefulSets
 * @param maxSurge Deployment maxSurge resolved (rounded up); null for StatefulSets
 * @param configMap the ConfigMap holding the member configuration, or null
 * @param claimedBy the workflow id in the workload's {@code gridshift.io/upgrade} annotation (the
 *     upgrade holding it), or null
 * @param owner the tool that manages the workload (the Hazelcast Platform Operator, Helm, Argo CD,
 *     Flux), or null when nobody else does
 * @param features CP Subsystem and serialization as the member configuration sets them ({@link
 *     MemberFeatures#NONE} when it sets neither, or was read before they were)
 */
public record HazelcastWorkload(
    String name,
    WorkloadKind kind,
    int replicas,
    int readyReplicas,
    String container,
    String image,
    String version,
    int terminationGracePeriodSeconds,
    Map<String, String> systemProperties,
    Map<String, Integer> mapBackupCounts,
    String strategyType,
    int partition,
    Integer maxUnavailable,
    Integer maxSurge,
    String configMap,
    String claimedBy,
    WorkloadOwner owner,
    MemberFeatures features) {

  public HazelcastWorkload {
    features = features == null ? MemberFeatures.NONE : features;
  }

  /** A workload whose member configuration sets no CP Subsystem and no serialization. */
  public HazelcastWorkload(
      String name,
      WorkloadKind kind,
      int replicas,
      int readyReplicas,
      String container,
      String image,
      String version,
      int terminationGracePeriodSeconds,
      Map<String, String> systemProperties,
      Map<String, Integer> mapBackupCounts,
      String strategyType,
      int partition,
      Integer maxUnavailable,
      Integer maxSurge,
      String configMap,
      String claimedBy,
      WorkloadOwner owner) {
    this(
        name,
        kind,
        replicas,
        readyReplicas,
        container,
        image,
        version,
        terminationGracePeriodSeconds,
        systemProperties,
        mapBackupCounts,
        strategyType,
        partition,
        maxUnavailable,
        maxSurge,
        configMap,
        claimedBy,
        owner,
        MemberFeatures.NONE);
  }

  /** A workload nobody else owns. */
  public HazelcastWorkload(
      String name,
      WorkloadKind kind,
      int replicas,
      int readyReplicas,
      String container,
      String image,
      String version,
      int terminationGracePeriodSeconds,
      Map<String, String> systemProperties,
      Map<String, Integer> mapBackupCounts,
      String strategyType,
      int partition,
      Integer maxUnavailable,
      Integer maxSurge,
      String configMap,
      String claimedBy) {
    this(
        name,
        kind,
        replicas,
        readyReplicas,
        container,
        image,
        version,
        terminationGracePeriodSeconds,
        systemProperties,
        mapBackupCounts,
        strategyType,
        partition,
        maxUnavailable,
        maxSurge,
        configMap,
        claimedBy,
        null);
  }
}
