package io.gridshift.activities.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.activities.ClusterAccess;
import io.gridshift.activities.Failures;
import io.gridshift.workflows.activities.WorkloadRef;
import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.hazelcast.bluegreen.CatchUp;
import io.gridshift.workflows.hazelcast.bluegreen.CatchUpRequest;
import io.gridshift.workflows.hazelcast.bluegreen.DrainRequest;
import io.gridshift.workflows.hazelcast.bluegreen.Drained;
import io.gridshift.workflows.hazelcast.bluegreen.HazelcastBlueGreenActivities;
import io.gridshift.workflows.hazelcast.bluegreen.JournalMarks;
import io.gridshift.workflows.hazelcast.bluegreen.MapCheck;
import io.gridshift.workflows.hazelcast.bluegreen.MapCopy;
import io.gridshift.workflows.hazelcast.bluegreen.MapMove;
import io.gridshift.workflows.hazelcast.bluegreen.TargetRequest;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link HazelcastBlueGreenActivities} over one cluster ({@link ClusterAccess}): a Java client to
 * each of source and target for the length of one call ({@link HazelcastMembers#withClient}), the
 * data moved by {@link MapMover}. Progress goes into heartbeats and a retried call resumes from it.
 */
public class HazelcastBlueGreenActivitiesImpl implements HazelcastBlueGreenActivities {
  private static final Logger LOG = LoggerFactory.getLogger(HazelcastBlueGreenActivitiesImpl.class);

  /**
   * Partitions copied or compared at once: enough to keep both clusters busy across the round trips
   * of a unisocket client, few enough for 2 cores.
   */
  static final int THREADS = 8;

  private final HazelcastMembers members;
  private final KubernetesClient kubernetes;
  private final TargetDeployer deployer;

  public HazelcastBlueGreenActivitiesImpl(ClusterAccess cluster) {
    this.members = cluster.hazelcast();
    this.kubernetes = cluster.kubernetes();
    this.deployer = new TargetDeployer(kubernetes);
  }

  @Override
  public void deployTarget(TargetRequest request) {
    deployer.deploy(request);
  }

  @Override
  public Map<String, String> targetSelector(String target) {
    return TargetDeployer.selector(target);
  }

  @Override
  public Map<String, String> serviceSelector(ClusterRef cluster, String service) {
    Service s = kubernetes.services().inNamespace(cluster.namespace()).withName(service).get();
    if (s == null) {
      throw Failures.nonRetryable(
          "Service %s/%s not found: blue-green moves clients by that Service's selector"
              .formatted(cluster.namespace(), service),
          FailureTypes.SERVICE_NOT_FOUND);
    }
    return Map.copyOf(s.getSpec().getSelector());
  }

  @Override
  public void deleteStatefulSet(WorkloadRef workload) {
    deployer.deleteStatefulSet(workload);
  }

  @Override
  public JournalMarks markJournals(MapMove move) {
    return withMover(
        move,
        mover -> {
          Map<String, List<Long>> next = new LinkedHashMap<>();
          for (String map : move.maps()) {
            try {
              next.put(map, mover.marks(map));
            } catch (UnsupportedOperationException e) {
              // What a member answers for a map whose journal is not configured or disabled.
              throw Failures.nonRetryable(
                  ("map %s on %s has no event journal (%s): enable event-journal for it in the"
                          + " member configuration before a blue-green upgrade")
                      .formatted(map, describe(move.source()), e.getMessage()),
                  FailureTypes.UNSAFE_CONFIGURATION);
            }
          }
          return new JournalMarks(next);
        });
  }

  /** Heartbeat of copyMaps: the maps done, and the partition the current map resumes at. */
  public record CopyProgress(List<MapCopy> done, int resumeAt) {}

  @Override
  public List<MapCopy> copyMaps(MapMove move) {
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    Optional<CopyProgress> before = ctx.getHeartbeatDetails(CopyProgress.class);
    List<MapCopy> done = new ArrayList<>(before.map(CopyProgress::done).orElse(List.of()));
    // Only the map the last attempt was copying resumes mid-way; the ones after it start at 0.
    int[] resumeAt = {before.map(CopyProgress::resumeAt).orElse(0)};
    return withMover(
        move,
        mover -> {
          for (String map : move.maps().subList(done.size(), move.maps().size())) {
            long start = System.currentTimeMillis();
            int first = resumeAt[0];
            resumeAt[0] = 0;
            long entries =
                mover.copy(
                    map, first, at -> ctx.heartbeat(new CopyProgress(List.copyOf(done), at)));
            MapCopy copy = new MapCopy(map, entries, System.currentTimeMillis() - start);
            LOG.info(
                "map {}: copied {} entries in {} ms ({}/s)",
                map,
                entries,
                copy.millis(),
                copy.entriesPerSecond());
            done.add(copy);
            ctx.heartbeat(new CopyProgress(List.copyOf(done), 0));
          }
          return List.copyOf(done);
        });
  }

  @Override
  public CatchUp catchUp(CatchUpRequest request) {
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    JournalMarks from = ctx.getHeartbeatDetails(JournalMarks.class).orElse(request.from());
    return withMover(
        request.move(), mover -> follow(mover, request.move(), from, request.untilDrained(), ctx));
  }

  @Override
  public Drained drainAndRecheck(DrainRequest request) {
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    JournalMarks from = ctx.getHeartbeatDetails(JournalMarks.class).orElse(request.from());
    return withMover(
        request.move(),
        mover -> {
          CatchUp drained = follow(mover, request.move(), from, true, ctx);
          List<MapCheck> checks = new ArrayList<>();
          for (String map : request.move().maps()) {
            checks.add(recheck(mover, map, request, drained.marks()));
          }
          return new Drained(drained, checks);
        });
  }

  /** The partitions of {@code map} that differed at the full compare or moved since, again. */
  private static MapCheck recheck(
      MapMover mover, String map, DrainRequest request, JournalMarks drainedTo) {
    MapCheck before =
        request.compared().stream()
            .filter(c -> c.map().equals(map))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no full compare of map " + map));
    List<Long> comparedAt = request.comparedAt().of(map);
    List<Long> now = drainedTo.of(map);
    java.util.TreeSet<Integer> again = new java.util.TreeSet<>(before.differingPartitions());
    for (int p = 0; p < now.size(); p++) {
      if (now.get(p) > comparedAt.get(p)) {
        again.add(p);
      }
    }
    MapMover.Compared c = mover.compare(map, List.copyOf(again));
    long[] sizes = mover.sizes(map);
    LOG.info(
        "map {}: {} partitions compared again after the drain, {} differ",
        map,
        again.size(),
        c.differing());
    return new MapCheck(map, sizes[0], sizes[1], before.keysVerified(), c.differing());
  }

  private static CatchUp follow(
      MapMover mover,
      MapMove move,
      JournalMarks from,
      boolean untilDrained,
      ActivityExecutionContext ctx) {
    long start = System.currentTimeMillis();
    Map<String, List<Long>> marks = new LinkedHashMap<>(from.next());
    long applied = 0;
    long lag = 0;
    List<String> recopied = new ArrayList<>();
    for (String map : move.maps()) {
      MapMover.Followed f =
          mover.follow(
              map,
              from.of(map),
              untilDrained,
              p -> {
                if (p % 32 == 0) {
                  ctx.heartbeat(new JournalMarks(marks));
                }
              });
      marks.put(map, f.next());
      ctx.heartbeat(new JournalMarks(marks));
      applied += f.applied();
      lag += f.lag();
      f.resynced().forEach(p -> recopied.add(map + "/" + p));
    }
    return new CatchUp(
        new JournalMarks(marks), applied, lag, System.currentTimeMillis() - start, recopied);
  }

  @Override
  public List<MapCheck> compare(MapMove move) {
    return withMover(
        move,
        mover -> {
          List<MapCheck> checks = new ArrayList<>();
          for (String map : move.maps()) {
            MapMover.Compared c = mover.compare(map);
            checks.add(
                new MapCheck(
                    map, c.sourceEntries(), c.targetEntries(), c.sourceEntries(), c.differing()));
            Activity.getExecutionContext().heartbeat(map);
          }
          return checks;
        });
  }

  private <T> T withMover(MapMove move, Function<MapMover, T> use) {
    return members.withClient(
        move.source(),
        true,
        (HazelcastInstance source, String s) ->
            members.withClient(
                move.target(),
                true,
                (HazelcastInstance target, String t) -> {
                  try (MapMover mover =
                      new MapMover(new RawMaps(source), new RawMaps(target), THREADS)) {
                    return use.apply(mover);
                  } catch (IllegalArgumentException e) {
                    throw Failures.nonRetryable(
                        s + " -> " + t + ": " + e.getMessage(), FailureTypes.UNSAFE_CONFIGURATION);
                  }
                }));
  }

  private static String describe(io.gridshift.workflows.hazelcast.activities.HazelcastEndpoint e) {
    return e.workload().cluster().namespace() + "/" + e.workload().name();
  }
}
