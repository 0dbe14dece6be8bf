package io.gridshift.workflows.hazelcast.bluegreen;

import static io.gridshift.workflows.common.UpgradeStep.gate;
import static io.gridshift.workflows.common.UpgradeStep.work;

import io.gridshift.workflows.activities.KubernetesActivities;
import io.gridshift.workflows.activities.RolloutRequest;
import io.gridshift.workflows.activities.ServiceSelectorRequest;
import io.gridshift.workflows.activities.WorkloadKind;
import io.gridshift.workflows.activities.WorkloadRef;
import io.gridshift.workflows.common.ClusterStubs;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.common.StepTracker;
import io.gridshift.workflows.common.UpgradeStep;
import io.gridshift.workflows.common.UpgradeStop;
import io.gridshift.workflows.hazelcast.HazelcastPlan;
import io.gridshift.workflows.hazelcast.activities.ClusterSnapshot;
import io.gridshift.workflows.hazelcast.activities.HazelcastActivities;
import io.gridshift.workflows.hazelcast.activities.HazelcastEndpoint;
import io.gridshift.workflows.hazelcast.activities.SafeWaitRequest;
import io.gridshift.workflows.request.HazelcastUpgradeRequest;
import io.temporal.workflow.Workflow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Blue-green upgrade of an open-source Hazelcast cluster across minor versions, which its members
 * cannot roll: a new cluster beside the source, the data copied and followed, the clients moved.
 *
 * <ol>
 *   <li>deploy-target (undone by deleting it): {@code <grid>-<version>} from the source's spec and
 *       member ConfigMap with the new image and its own pod labels (so the client Service does not
 *       reach it early), keeping the source's cluster name, which clients authenticate with after
 *       the switch (members of another open-source minor refuse to join each other); Ready, whole
 *       and safe.
 *   <li>copy-maps: each map's journal end is marked, every map copied partition by partition, then
 *       one catch-up pass applies the writes made during the copy, and every key and value is
 *       compared (clients still write to the source, so some partitions differ).
 *   <li>gate switch-traffic; gate writes-paused: clients pause their writes and keep reading. The
 *       write pause is measured from this approval.
 *   <li>drain: the journals read to their end (writes are paused, so it stays put); the partitions
 *       that differed at the compare or whose journal moved since are compared again (the others
 *       cannot have changed), so every key is verified without a full compare in the pause. A
 *       difference stops the upgrade and deletes the target.
 *   <li>switch-traffic: the client Service selects the target's pods. The point of no return:
 *       writes resume on the target only, so switching back would lose them. The write pause ends.
 *   <li>verify-target: every target member runs the new version, the cluster is safe, map sizes.
 *   <li>gate delete-source, delete-source (the ConfigMap stays: the target mounts it).
 * </ol>
 *
 * <p>The client Service is the one named like the grid (the Helm chart's and the operator's
 * convention). Each map needs an event journal on the source, large enough for the writes made
 * during the copy; a journal that overflows anyway costs a re-copy of those partitions, no data.
 */
public final class BlueGreenUpgrade {
  private static final Logger log = Workflow.getLogger(BlueGreenUpgrade.class);

  private final HazelcastUpgradeRequest request;
  private final HazelcastPlan plan;
  private final StepTracker tracker;
  private final Supplier<List<String>> maps;
  private final HazelcastBlueGreenActivities data;
  private final HazelcastBlueGreenActivities kube;
  private final KubernetesActivities rollout;
  private final HazelcastActivities hzWaits;
  private final HazelcastActivities hz;

  private JournalMarks marks;
  private List<MapCheck> comparedWhileWriting;
  private Map<String, String> sourceSelector;
  private Long writesPausedAt;
  private final Map<String, Long> writePauses = new LinkedHashMap<>();
  private final Map<String, Long> sizesAfter = new LinkedHashMap<>();
  private ClusterSnapshot targetAtVerify;

  /**
   * @param maps the maps to move (known after record-sizes)
   */
  public BlueGreenUpgrade(
      HazelcastUpgradeRequest request,
      HazelcastPlan plan,
      StepTracker tracker,
      Supplier<List<String>> maps) {
    this.request = request;
    this.plan = plan;
    this.tracker = tracker;
    this.maps = maps;
    ClusterStubs on = new ClusterStubs(request.cluster());
    this.data = on.longWaits(HazelcastBlueGreenActivities.class);
    this.kube = on.shortCalls(HazelcastBlueGreenActivities.class);
    this.rollout = on.longWaits(KubernetesActivities.class);
    this.hzWaits = on.longWaits(HazelcastActivities.class);
    this.hz = on.shortCalls(HazelcastActivities.class);
  }

  /** The target StatefulSet's name: the grid's with the version, e.g. {@code hz-5-5-0}. */
  public static String targetName(String grid, String version) {
    return grid + "-" + version.replace('.', '-');
  }

  /** The blue-green steps, each run only when {@code chosen} (the plan's path). */
  public List<UpgradeStep> steps(BooleanSupplier chosen) {
    String why = "rolling upgrade: the members take the new image in place";
    return List.of(
        work(BlueGreenSteps.DEPLOY_TARGET, this::deployTarget)
            .onlyIf(chosen, why)
            .undoneBy("target " + target() + " deleted", this::deleteTarget),
        work(BlueGreenSteps.COPY_MAPS, this::copyMaps).onlyIf(chosen, why),
        gate(BlueGreenSteps.GATE_SWITCH_TRAFFIC, BlueGreenGates.SWITCH_TRAFFIC)
            .onlyIf(chosen, why)
            .instruction(
                () ->
                    "the target "
                        + target()
                        + " holds every map and follows the source; approve, then pause client"
                        + " writes at gate writes-paused"),
        gate(BlueGreenSteps.GATE_WRITES_PAUSED, BlueGreenGates.WRITES_PAUSED)
            .onlyIf(chosen, why)
            .before(() -> tracker.message("pause client writes now (reads go on), then approve"))
            .instruction(() -> "pause client writes to " + maps.get() + "; reads may go on")
            .after(this::writesPaused),
        work(BlueGreenSteps.DRAIN, this::drain).onlyIf(chosen, why),
        work(BlueGreenSteps.SWITCH_TRAFFIC, this::switchTraffic)
            .onlyIf(chosen, why)
            .undoneBy("traffic back on the source", this::switchBack)
            .pointOfNoReturn(BlueGreenSteps.SWITCH_TRAFFIC)
            .after(this::resumeWrites),
        work(BlueGreenSteps.VERIFY_TARGET, this::verifyTarget).onlyIf(chosen, why),
        gate(BlueGreenSteps.GATE_DELETE_SOURCE, BlueGreenGates.DELETE_SOURCE).onlyIf(chosen, why),
        work(BlueGreenSteps.DELETE_SOURCE, this::deleteSource).onlyIf(chosen, why));
  }

  private String target() {
    return targetName(plan.grid(), plan.targetVersion());
  }

  private WorkloadRef workload(String name) {
    return new WorkloadRef(request.cluster(), WorkloadKind.STATEFULSET, name);
  }

  private HazelcastEndpoint endpoint(String name) {
    return new HazelcastEndpoint(workload(name), request.port());
  }

  private MapMove move() {
    return new MapMove(endpoint(plan.grid()), endpoint(target()), maps.get());
  }

  private void deployTarget() {
    kube.deployTarget(
        new TargetRequest(workload(plan.grid()), target(), plan.container(), plan.targetImage()));
    rollout.waitForRollout(new RolloutRequest(workload(target()), request.podTimeoutSeconds()));
    hzWaits.waitUntilSafe(
        new SafeWaitRequest(
            endpoint(target()), plan.replicas(), null, null, request.podTimeoutSeconds()));
  }

  private void deleteTarget() {
    kube.deleteStatefulSet(workload(target()));
  }

  private void copyMaps() {
    MapMove move = move();
    JournalMarks start = data.markJournals(move);
    List<MapCopy> copies = data.copyMaps(move);
    CatchUp pass = data.catchUp(new CatchUpRequest(move, start, false));
    marks = pass.marks();
    // The full compare runs now, while clients write, so that the pause re-checks only what moved.
    comparedWhileWriting = data.compare(move);
    long entries = copies.stream().mapToLong(MapCopy::entries).sum();
    long millis = copies.stream().mapToLong(MapCopy::millis).sum();
    tracker.message(
        "copied %d entries of %d maps in %d ms; caught up %d writes, %d behind%s"
            .formatted(
                entries,
                copies.size(),
                millis,
                pass.applied(),
                pass.lag(),
                pass.recopied().isEmpty()
                    ? ""
                    : "; journals overflowed, partitions copied again: " + pass.recopied()));
  }

  /** The write pause starts at this approval (workflow time, so it replays the same). */
  private void writesPaused() {
    writesPausedAt = Workflow.currentTimeMillis();
    tracker.message("writes paused: draining the journals and comparing every key");
  }

  private void drain() {
    MapMove move = move();
    Drained result =
        data.drainAndRecheck(new DrainRequest(move, marks, marks, comparedWhileWriting));
    CatchUp drained = result.catchUp();
    marks = drained.marks();
    List<MapCheck> checks = result.checks();
    List<MapCheck> differing = checks.stream().filter(c -> !c.equal()).toList();
    if (!differing.isEmpty()) {
      throw UpgradeStop.failed(
          FailureTypes.DATA_MISMATCH,
          "after draining the journals the target differs from the source: "
              + differing
              + "; clients may resume writes on the source, the target is deleted");
    }
    long keys = checks.stream().mapToLong(MapCheck::keysVerified).sum();
    tracker.message(
        "drained %d writes; %d keys and values equal on source and target"
            .formatted(drained.applied(), keys));
  }

  private void switchTraffic() {
    String service = request.grid();
    sourceSelector = kube.serviceSelector(request.cluster(), service);
    rollout.setServiceSelector(
        new ServiceSelectorRequest(
            request.cluster(), service, kube.targetSelector(target()), null));
  }

  private void switchBack() {
    if (sourceSelector != null) {
      rollout.setServiceSelector(
          new ServiceSelectorRequest(request.cluster(), request.grid(), sourceSelector, null));
    }
  }

  private void resumeWrites() {
    long paused = Workflow.currentTimeMillis() - writesPausedAt;
    maps.get().forEach(map -> writePauses.put(map, paused));
    tracker.message("clients reach " + target() + " now: resume writes (paused " + paused + " ms)");
    log.info("client writes were paused for {} ms", paused);
  }

  private void verifyTarget() {
    ClusterSnapshot snapshot = hz.snapshot(endpoint(target()));
    if (!snapshot.safe(plan.replicas())) {
      throw UpgradeStop.failed(
          FailureTypes.CLUSTER_NOT_SAFE,
          "target " + target() + " is not whole and safe: " + snapshot);
    }
    targetAtVerify = snapshot;
    sizesAfter.putAll(hz.mapSizes(endpoint(target())));
  }

  private void deleteSource() {
    kube.deleteStatefulSet(workload(plan.grid()));
  }

  /** Per map, how long client writes were paused (empty until switch-traffic). */
  public Map<String, Long> writePauses() {
    return Map.copyOf(writePauses);
  }

  /**
   * The target's members as verify-target saw them (empty until then): after the switch they are
   * the grid's members, the source's are on their way out.
   */
  public java.util.Optional<ClusterSnapshot> targetMembers() {
    return java.util.Optional.ofNullable(targetAtVerify);
  }

  /** Per map, the target's entries at verify-target (empty until then). */
  public Map<String, Long> sizesAfter() {
    return Map.copyOf(sizesAfter);
  }
}
