package io.gridshift.workflows.hazelcast;

import static io.gridshift.workflows.common.UpgradeStep.gate;
import static io.gridshift.workflows.common.UpgradeStep.work;

import io.gridshift.workflows.activities.ClaimedObject;
import io.gridshift.workflows.activities.WorkloadRef;
import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.ClaimKeeper;
import io.gridshift.workflows.common.ClusterAgents;
import io.gridshift.workflows.common.FailureQuestion;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.common.MapProgress;
import io.gridshift.workflows.common.MemberStatus;
import io.gridshift.workflows.common.OwnedGrids;
import io.gridshift.workflows.common.UpgradeDetails;
import io.gridshift.workflows.common.UpgradeSkeleton;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.common.UpgradeStep;
import io.gridshift.workflows.common.UpgradeStop;
import io.gridshift.workflows.common.VisibilityOptions;
import io.gridshift.workflows.common.WorkflowChanges;
import io.gridshift.workflows.hazelcast.HazelcastPreflight.Rules;
import io.gridshift.workflows.hazelcast.HazelcastPreflight.Violation;
import io.gridshift.workflows.hazelcast.activities.ClusterSnapshot;
import io.gridshift.workflows.hazelcast.activities.HazelcastEndpoint;
import io.gridshift.workflows.hazelcast.activities.HazelcastWorkload;
import io.gridshift.workflows.hazelcast.bluegreen.BlueGreenUpgrade;
import io.gridshift.workflows.request.HazelcastUpgradeRequest;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Paced rolling upgrade of a Hazelcast cluster, on the {@link UpgradeSkeleton}.
 *
 * <ol>
 *   <li>plan: validate the request, read the workload (refused when another tool manages it, unless
 *       taken over, then audited) and every member's health, choose the path ({@link
 *       HazelcastPaths}), run {@link HazelcastPreflight} (on the blue-green path with the source's
 *       maps: each needs an event journal, {@link HazelcastJournalRules}). Any violation refuses
 *       the upgrade with every rule and fix, nothing changed; a dry run returns the plan and the
 *       verdict here. A blue-green path is refused for now ({@link
 *       HazelcastPlanner#pathNotAvailable}): the steps below roll members.
 *   <li>gate fix-settings, fix-settings: only with fixUnsafeSettings when every violation is a
 *       setting gridshift can fix: the safe settings are written and their roll paced like the
 *       upgrade's, then the preflight runs again.
 *   <li>record-sizes: every map's entry count.
 *   <li>hold, roll-first-pod, gate canary (with canary; StatefulSet only), roll: see {@link
 *       HazelcastRoller}; a pod that does not come back safe asks a person ({@link
 *       SafeClusterWait}).
 *   <li>rollback: the branch of the roll steps and of gate canary, taken only when a person rejects
 *       the canary or answers a failure with "roll back": the previous image, paced the same way.
 *   <li>verify: member versions, cluster version, entry counts ({@link HazelcastVerifier}).
 * </ol>
 *
 * <p>There is no compensation: a rolling upgrade has no undo but rolling back, which is a person's
 * decision, so every step that moves pods asks a person when it fails (gate {@value
 * HazelcastGates#RESUME_OR_ROLLBACK}). Whatever ends the upgrade, the message says where the roll
 * stands.
 */
public class HazelcastUpgradeWorkflowImpl extends UpgradeSkeleton<HazelcastUpgradeRequest>
    implements HazelcastUpgradeWorkflow {

  /** What rejecting gate resume-or-rollback does during the upgrade roll. */
  static final String ROLL_BACK_TO = "roll back to the previous image one pod at a time";

  private final HazelcastProgress progress = new HazelcastProgress();
  private HazelcastPlan plan;
  private Rules rules;
  private HazelcastActivityStubs act;
  private HazelcastRoller roller;
  private HazelcastVerifier verifier;
  private BlueGreenUpgrade blueGreen;

  public HazelcastUpgradeWorkflowImpl() {
    this(VisibilityOptions.NONE);
  }

  /**
   * @param offered what the worker offers: registered search attributes, notifications
   */
  public HazelcastUpgradeWorkflowImpl(VisibilityOptions offered) {
    super(HazelcastKind.NAME, HazelcastSteps.ALL, offered);
  }

  @Override
  public UpgradeStatus upgrade(HazelcastUpgradeRequest raw) {
    return run(raw);
  }

  @Override
  protected HazelcastUpgradeRequest plan(HazelcastUpgradeRequest request) {
    act = HazelcastActivityStubs.forCluster(request.cluster());
    WorkloadRef ref = new WorkloadRef(request.cluster(), request.workloadKind(), request.grid());
    HazelcastWorkload workload =
        ClusterAgents.firstCall(request.cluster(), () -> act.firstContact().inspect(ref));
    HazelcastPlanner.refuseIfClaimed(workload, Workflow.getInfo().getWorkflowId());
    HazelcastPlanner.checkOwner(request, workload);
    claims = new ClaimKeeper(act.kube());
    ClusterSnapshot snapshot = act.hz().snapshot(new HazelcastEndpoint(ref, request.port()));
    rules =
        Workflow.getVersion(WorkflowChanges.HAZELCAST_PATHS, Workflow.DEFAULT_VERSION, 1)
                == Workflow.DEFAULT_VERSION
            ? Rules.ROLLING_ONLY
            : Rules.PATHS;
    plan = HazelcastPlanner.plan(request, workload, snapshot, rules);
    if (HazelcastPlanner.needsMaps(plan)) {
      // The maps a blue-green upgrade moves, read now so one without an event journal is refused
      // before the target is deployed (not at copy-maps, after it).
      Map<String, Long> maps = act.hz().mapSizes(new HazelcastEndpoint(ref, request.port()));
      plan = HazelcastPlanner.withJournals(plan, request, workload, maps);
    }
    visibility.sourceVersion(plan.fromVersion());
    progress.update(snapshot);
    SafeClusterWait safeWait =
        new SafeClusterWait(
            request.cluster().taskQueue(),
            act,
            tracker,
            question(),
            questionGate(request),
            progress);
    roller = new HazelcastRoller(request, plan, act, tracker, steps, progress, safeWait, claims);
    verifier =
        new HazelcastVerifier(
            plan,
            act,
            tracker,
            progress,
            roller.endpoint(),
            metrics(),
            request.cluster().cluster());
    blueGreen =
        new BlueGreenUpgrade(
            request, plan, tracker, () -> progress.maps().stream().map(MapProgress::name).toList());
    planned(HazelcastPlanner.summary(plan));
    // A dry run that the preflight refuses fails too, as an Infinispan one does: the plan stays
    // in the status, and the CLI and REST report the refusal instead of a plan that looks fine.
    UpgradeStop refusal = HazelcastPlanner.refusal(request, plan);
    if (refusal != null) {
      throw refusal;
    }
    UpgradeStop noPath = HazelcastPlanner.pathNotAvailable(request, plan);
    if (noPath != null) {
      throw noPath;
    }
    if (!request.dryRun()) {
      claims.claim(request.cluster(), List.of(ClaimedObject.of(ref)));
      if (workload.owner() != null) {
        // Only a TAKE_OVER gets here (checkOwner refused the rest): the audit log says so.
        gates.audited(
            request.grid(),
            AuditEntry.Action.TOOK_OVER,
            request.requestedBy(),
            OwnedGrids.tookOver(request.requestedBy(), workload.owner()));
      }
    }
    return request;
  }

  @Override
  protected String planSummary() {
    return HazelcastPlanner.summary(plan);
  }

  @Override
  protected List<UpgradeStep> steps() {
    List<UpgradeStep> all = new ArrayList<>(rollingSteps());
    all.addAll(blueGreen.steps(plan::blueGreen));
    return all;
  }

  /**
   * The rolling path. On the blue-green path only record-sizes of these runs (its counts are the
   * maps to move).
   */
  private List<UpgradeStep> rollingSteps() {
    String deployment =
        "Deployment: Kubernetes paces the roll (the preflight checked its strategy)";
    String blueGreenPath = "blue-green: the members do not roll, the data moves";
    return List.of(
        gate(HazelcastSteps.GATE_FIX_SETTINGS, HazelcastGates.FIX_SETTINGS)
            .onlyIf(plan::fixSettingsFirst, "not needed: the preflight found the settings safe")
            .instruction(this::fixSettingsInstruction),
        work(HazelcastSteps.FIX_SETTINGS, this::fixSettings)
            .onlyIf(plan::fixSettingsFirst, "not needed: the preflight found the settings safe")
            .asksOnFailure(),
        work(HazelcastSteps.RECORD_SIZES, verifier::recordSizes),
        work(HazelcastSteps.HOLD, roller::holdWithTargetImage)
            .onlyIf(this::rollsStatefulSet, plan.blueGreen() ? blueGreenPath : deployment)
            .asksOnFailure()
            .rollsBackWith(HazelcastSteps.ROLLBACK),
        work(HazelcastSteps.ROLL_FIRST_POD, roller::rollFirstPod)
            .onlyIf(this::rollsStatefulSet, plan.blueGreen() ? blueGreenPath : deployment)
            .asksOnFailure()
            .rollsBackWith(HazelcastSteps.ROLLBACK),
        gate(HazelcastSteps.GATE_CANARY, HazelcastGates.CANARY)
            .onlyIf(
                () -> rollsStatefulSet() && request.canary(),
                plan.blueGreen()
                    ? blueGreenPath
                    : plan.statefulSet() ? "canary not requested" : deployment)
            .instruction(this::canaryInstruction)
            .rollsBackWith(HazelcastSteps.ROLLBACK),
        work(HazelcastSteps.ROLL, roller::rollRest)
            .onlyIf(() -> !plan.blueGreen(), blueGreenPath)
            .asksOnFailure()
            .rollsBackWith(HazelcastSteps.ROLLBACK),
        work(HazelcastSteps.ROLLBACK, roller::rollBack).rollbackOnly(),
        work(HazelcastSteps.VERIFY, verifier::verify)
            .onlyIf(() -> !plan.blueGreen(), "blue-green: see verify-target"));
  }

  private boolean rollsStatefulSet() {
    return plan.statefulSet() && !plan.blueGreen();
  }

  /** Step fix-settings: the safe settings' roll, then the preflight must pass as it stands now. */
  private void fixSettings() {
    roller.fixSettings();
    HazelcastEndpoint endpoint = roller.endpoint();
    HazelcastWorkload workload = act.hz().inspect(endpoint.workload());
    List<Violation> left =
        HazelcastPreflight.check(request, workload, act.hz().snapshot(endpoint), rules);
    if (!left.isEmpty()) {
      throw UpgradeStop.failed(
          FailureTypes.UNSAFE_CONFIGURATION,
          "after fixing the settings the preflight still finds: "
              + String.join("; ", left.stream().map(Violation::message).toList()));
    }
  }

  private String fixSettingsInstruction() {
    return "gridshift will set GRACEFUL shutdown and max.wait "
        + plan.safeMaxWait()
        + " s (grace period at least "
        + (plan.safeMaxWait() + 30)
        + " s) and roll the pods one at a time on "
        + plan.fromVersion()
        + ", to fix "
        + HazelcastPlanner.list(plan);
  }

  private String canaryInstruction() {
    String pod = plan.pod(plan.replicas() - 1);
    return pod
        + " runs "
        + plan.targetVersion()
        + " and the cluster is safe: check it, then approve to roll the other pods, or"
        + " reject to roll "
        + pod
        + " back to "
        + plan.fromVersion();
  }

  @Override
  protected String completed() {
    if (plan.blueGreen()) {
      return "upgraded "
          + plan.grid()
          + " "
          + plan.fromVersion()
          + " -> "
          + plan.targetVersion()
          + " blue-green: clients use "
          + BlueGreenUpgrade.targetName(plan.grid(), plan.targetVersion())
          + "; "
          + progress.maps().size()
          + " maps copied, every key and value compared, writes paused "
          + blueGreen.writePauses().values().stream().mapToLong(Long::longValue).max().orElse(0)
          + " ms";
    }
    return "upgraded "
        + plan.grid()
        + " "
        + plan.fromVersion()
        + " -> "
        + plan.targetVersion()
        + ": "
        + plan.replicas()
        + " members, one pod at a time with the cluster safe after each; "
        + progress.maps().size()
        + " maps with every entry";
  }

  @Override
  protected String whereThingsStand() {
    if (plan != null && plan.blueGreen()) {
      return pointOfNoReturn() == null
          ? "Clients still use the source " + plan.grid() + "; resume their writes there."
          : "Clients use the target "
              + BlueGreenUpgrade.targetName(plan.grid(), plan.targetVersion())
              + "; the source "
              + plan.grid()
              + " is kept until gate delete-source.";
    }
    return roller == null ? "Nothing was changed in the cluster." : roller.whereThingsStand();
  }

  @Override
  protected FailureQuestion.Gate questionGate() {
    return questionGate(request);
  }

  private static FailureQuestion.Gate questionGate(HazelcastUpgradeRequest request) {
    String gate = HazelcastGates.RESUME_OR_ROLLBACK;
    return new FailureQuestion.Gate(gate, request.gates().get(gate));
  }

  @Override
  protected String rollBackTo() {
    return ROLL_BACK_TO;
  }

  @Override
  protected String rolledBack() {
    return "Rolled back: every member runs "
        + plan.fromVersion()
        + " again ("
        + plan.previousImage()
        + "), one pod at a time with the cluster safe after each.";
  }

  @Override
  protected UpgradeDetails details() {
    List<MapProgress> maps = progress.maps();
    if (blueGreen != null && plan.blueGreen()) {
      Map<String, Long> paused = blueGreen.writePauses();
      Map<String, Long> after = blueGreen.sizesAfter();
      maps =
          maps.stream()
              .map(
                  m ->
                      new MapProgress(
                          m.name(),
                          m.entriesBefore(),
                          after.getOrDefault(m.name(), m.entriesAfter()),
                          paused.get(m.name())))
              .toList();
    }
    return new HazelcastDetails(plan, members(), maps);
  }

  /** The grid's members: after a blue-green verify-target, the target's (they serve clients). */
  private List<MemberStatus> members() {
    if (blueGreen != null && plan.blueGreen() && blueGreen.targetMembers().isPresent()) {
      HazelcastProgress target = new HazelcastProgress();
      target.update(blueGreen.targetMembers().get());
      target.stateOfAll(HazelcastProgress.UPDATED);
      return target.members();
    }
    return progress.members();
  }
}
