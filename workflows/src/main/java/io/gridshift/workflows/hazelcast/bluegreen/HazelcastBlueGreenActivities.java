package io.gridshift.workflows.hazelcast.bluegreen;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/**
 * The data side of a Hazelcast blue-green upgrade: copy every map from the source cluster to the
 * target beside it while clients keep writing to the source, follow the source's event journals to
 * apply what changed, and compare both. Each method is idempotent (puts and deletes of the source's
 * own binary entries, applied in journal order), heartbeats on long work and resumes from its
 * heartbeat after a retry. Runs on the task queue of the cluster both grids live in.
 */
@ActivityInterface(namePrefix = "HazelcastBlueGreen.")
public interface HazelcastBlueGreenActivities {

  /**
   * Where each source map's journal ends now, per partition: following from here after the copy
   * misses no write made during it.
   *
   * @throws io.temporal.failure.ApplicationFailure non-retryable {@code UnsafeConfiguration} when a
   *     map has no event journal
   */
  @ActivityMethod
  JournalMarks markJournals(MapMove move);

  /**
   * Copies every entry of every map, partition by partition, as stored (binary; no class of the
   * application is needed). Heartbeats the partitions done and resumes after them.
   */
  @ActivityMethod
  List<MapCopy> copyMaps(MapMove move);

  /**
   * Applies the source journals' events to the target from {@code request.from()}; a partition
   * whose journal lost unread events is copied again whole. Heartbeats its marks and resumes from
   * them.
   */
  @ActivityMethod
  CatchUp catchUp(CatchUpRequest request);

  /** Compares every map on source and target: counts and per-partition hashes of every entry. */
  @ActivityMethod
  List<MapCheck> compare(MapMove move);

  /**
   * With client writes paused: drains every journal to its end and compares again the partitions
   * that may have changed since the full compare ({@link DrainRequest}), in one call with one pair
   * of clients, because its length is the clients' write pause.
   */
  @ActivityMethod
  Drained drainAndRecheck(DrainRequest request);

  /**
   * Creates the target StatefulSet beside the source (see {@code TargetDeployer}): the source's
   * spec and member ConfigMap, the target image, its own cluster name and pod labels. Does nothing
   * when it exists.
   *
   * @throws io.temporal.failure.ApplicationFailure {@code GridNotFound} when the source is gone
   */
  @ActivityMethod
  void deployTarget(TargetRequest request);

  /** The label selector of the target's pods, which switch-traffic gives the client Service. */
  @ActivityMethod
  java.util.Map<String, String> targetSelector(String target);

  /** The client Service's selector now (what switching back restores). */
  @ActivityMethod
  java.util.Map<String, String> serviceSelector(
      io.gridshift.workflows.common.ClusterRef cluster, String service);

  /**
   * Deletes a StatefulSet (the source after gate delete-source, or the target as compensation);
   * gone already is fine. The member ConfigMap stays.
   */
  @ActivityMethod
  void deleteStatefulSet(io.gridshift.workflows.activities.WorkloadRef workload);
}
