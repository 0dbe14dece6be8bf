package io.gridshift.workflows.hazelcast;

import io.gridshift.workflows.activities.ClaimedObject;
import io.gridshift.workflows.activities.WorkloadRef;
import io.gridshift.workflows.common.ClaimKeeper;
import io.gridshift.workflows.common.ClusterAgents;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.common.GatedUpgradeHandlers;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.common.UpgradeStop;
import io.gridshift.workflows.common.VisibilityOptions;
import io.gridshift.workflows.hazelcast.HazelcastPreflight.Violation;
import io.gridshift.workflows.hazelcast.activities.ClusterSnapshot;
import io.gridshift.workflows.hazelcast.activities.HazelcastEndpoint;
import io.gridshift.workflows.hazelcast.activities.HazelcastWorkload;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Workflow;
import java.util.List;
import org.slf4j.Logger;

/**
 * Paced rolling upgrade of a Hazelcast cluster.
 *
 * <ol>
 *   <li>plan: validate the request, read the workload and every member's health, run {@link
 *       HazelcastPreflight}. Any violation refuses the upgrade with every rule and fix, nothing
 *       changed; a dry run returns the plan and the verdict here.
 *   <li>gate fix-settings, fix-settings: only with fixUnsafeSettings when every violation is a
 *       setting gridshift can fix: the safe settings are written and their roll paced like the
 *       upgrade's, then the preflight runs again.
 *   <li>record-sizes: every map's entry count.
 *   <li>hold, roll-first-pod, gate canary (with canary), roll: see {@link HazelcastRoller}; a pod
 *       that does not come back safe opens gate resume-or-rollback ({@link PodTrouble}).
 *   <li>rollback: only when a person rejected the canary or chose to roll back: the previous image,
 *       paced the same way.
 *   <li>verify: member versions, cluster version, entry counts ({@link HazelcastVerifier}).
 * </ol>
 *
 * <p>There is no compensation: a rolling upgrade has no undo but rolling back, which is a person's
 * decision. Whatever ends the upgrade, the message says where the roll stands.
 */
public class HazelcastUpgradeWorkflowImpl extends GatedUpgradeHandlers
    implements HazelcastUpgradeWorkflow {
  public HazelcastUpgradeWorkflowImpl() {
    super(HazelcastSteps.ALL);
  }

  /**
   * @param offered what the worker offers: registered search attributes, notifications
   */
  public HazelcastUpgradeWorkflowImpl(VisibilityOptions offered) {
    super(HazelcastSteps.ALL, offered);
  }

  private static final Logger log = Workflow.getLogger(HazelcastUpgradeWorkflowImpl.class);

  static final String ASK_ON_ROLL_FAILURE = "ask-on-roll-step-failure";

  private final HazelcastProgress progress = new HazelcastProgress();

  private HazelcastUpgradeRequest request;
  private HazelcastPlan plan;
  private HazelcastActivityStubs act;
  private PodTrouble trouble;
  private HazelcastRoller roller;
  private HazelcastVerifier verifier;
  private boolean canaryRejected;
  private ClaimKeeper claims;

  /** Whether a step that changes the cluster has begun: an end from then on keeps the claim. */
  private boolean changing;

  @Override
  public UpgradeStatus upgrade(HazelcastUpgradeRequest raw) {
    visibility.begin("hazelcast", raw);
    try {
      steps.run(HazelcastSteps.PLAN, () -> plan(raw));
      if (request.dryRun()) {
        tracker.skipPending("dry run: nothing was changed");
        tracker.phase(Phase.PLANNED);
        tracker.message("dry run: " + HazelcastPlanner.summary(plan) + "; nothing was changed");
        return status();
      }
      tracker.phase(Phase.RUNNING);
      changing = true;
      fixSettings();
      steps.run(HazelcastSteps.RECORD_SIZES, verifier::recordSizes);
      if (plan.statefulSet()) {
        rollStep(HazelcastSteps.HOLD, roller::holdWithTargetImage, true);
        rollStep(HazelcastSteps.ROLL_FIRST_POD, roller::rollFirstPod, true);
        canary();
      } else {
        String why = "Deployment: Kubernetes paces the roll (the preflight checked its strategy)";
        tracker.skip(HazelcastSteps.HOLD, why);
        tracker.skip(HazelcastSteps.ROLL_FIRST_POD, why);
        tracker.skip(HazelcastSteps.GATE_CANARY, why);
      }
      rollStep(HazelcastSteps.ROLL, roller::rollRest, true);
      tracker.skip(HazelcastSteps.ROLLBACK, "not needed");
      steps.run(HazelcastSteps.VERIFY, verifier::verify);
      return complete();
    } catch (UpgradeStop stop) {
      throw end(stop);
    }
  }

  private void plan(HazelcastUpgradeRequest raw) {
    request = HazelcastPlanner.validated(raw);
    gates.configure(request.requestedBy(), request.fourEyes());
    act = HazelcastActivityStubs.forCluster(request.cluster());
    WorkloadRef ref = new WorkloadRef(request.cluster(), request.kind(), request.grid());
    HazelcastWorkload workload =
        ClusterAgents.firstCall(request.cluster(), () -> act.firstContact().inspect(ref));
    HazelcastPlanner.refuseIfClaimed(workload, Workflow.getInfo().getWorkflowId());
    claims = new ClaimKeeper(act.kube());
    ClusterSnapshot snapshot = act.hz().snapshot(new HazelcastEndpoint(ref, request.port()));
    plan = HazelcastPlanner.plan(request, workload, snapshot);
    visibility.sourceVersion(plan.fromVersion());
    progress.update(snapshot);
    trouble =
        new PodTrouble(
            act, tracker, gates, request.gates().get(HazelcastGates.RESUME_OR_ROLLBACK), progress);
    roller = new HazelcastRoller(request, plan, act, tracker, steps, progress, trouble, claims);
    verifier = new HazelcastVerifier(plan, act, tracker, progress, roller.endpoint());
    String summary = HazelcastPlanner.summary(plan);
    tracker.note(HazelcastSteps.PLAN, summary);
    tracker.message(summary);
    log.info("plan: {}", summary);
    // A dry run that the preflight refuses fails too, as an Infinispan one does: the plan stays
    // in the status, and the CLI and REST report the refusal instead of a plan that looks fine.
    UpgradeStop refusal = HazelcastPlanner.refusal(request, plan);
    if (refusal != null) {
      throw refusal;
    }
    if (!request.dryRun()) {
      claims.claim(request.cluster(), List.of(ClaimedObject.of(ref)));
    }
  }

  /** Only with fixUnsafeSettings when every violation is fixable: a first, paced roll. */
  private void fixSettings() {
    if (!plan.fixSettingsFirst()) {
      String why = "not needed: the preflight found the settings safe";
      tracker.skip(HazelcastSteps.GATE_FIX_SETTINGS, why);
      tracker.skip(HazelcastSteps.FIX_SETTINGS, why);
      return;
    }
    String instruction =
        "gridshift will set GRACEFUL shutdown and max.wait "
            + plan.safeMaxWait()
            + " s (grace period at least "
            + (plan.safeMaxWait() + 30)
            + " s) and roll the pods one at a time on "
            + plan.fromVersion()
            + ", to fix "
            + HazelcastPlanner.list(plan);
    steps.gate(
        HazelcastSteps.GATE_FIX_SETTINGS,
        HazelcastGates.FIX_SETTINGS,
        request.gates().get(HazelcastGates.FIX_SETTINGS),
        instruction);
    rollStep(
        HazelcastSteps.FIX_SETTINGS,
        () -> {
          roller.fixSettings();
          checkAgain();
        },
        false);
  }

  /**
   * Runs a step that moves pods. A failure other than a pod that did not get safe (which {@link
   * PodTrouble} already took to a person) leaves the roll where it stands and asks a person too:
   * approve gate resume-or-rollback to run the step again, reject it to roll back ({@code
   * rollbackAllowed}) or stop there.
   */
  private void rollStep(String step, Functions.Proc body, boolean rollbackAllowed) {
    boolean ask = Workflow.getVersion(ASK_ON_ROLL_FAILURE, Workflow.DEFAULT_VERSION, 1) == 1;
    while (true) {
      try {
        steps.run(step, body);
        return;
      } catch (UpgradeStop stop) {
        if (!ask || stop.phase() != Phase.FAILED || PodTrouble.decided(stop)) {
          throw stop;
        }
        trouble.askAfterFailure(step, stop.getMessage(), rollbackAllowed, roller::whereThingsStand);
      }
    }
  }

  /** After fix-settings the preflight must pass as it stands now. */
  private void checkAgain() {
    HazelcastEndpoint endpoint = roller.endpoint();
    HazelcastWorkload workload = act.hz().inspect(endpoint.workload());
    List<Violation> left = HazelcastPreflight.check(request, workload, act.hz().snapshot(endpoint));
    if (!left.isEmpty()) {
      throw UpgradeStop.failed(
          FailureTypes.UNSAFE_CONFIGURATION,
          "after fixing the settings the preflight still finds: "
              + String.join("; ", left.stream().map(Violation::message).toList()));
    }
  }

  private void canary() {
    if (!request.canary()) {
      tracker.skip(HazelcastSteps.GATE_CANARY, "canary not requested");
      return;
    }
    String pod = plan.pod(plan.replicas() - 1);
    String instruction =
        pod
            + " runs "
            + plan.targetVersion()
            + " and the cluster is safe: check it, then approve to roll the other pods, or"
            + " reject to roll "
            + pod
            + " back to "
            + plan.fromVersion();
    try {
      steps.gate(
          HazelcastSteps.GATE_CANARY,
          HazelcastGates.CANARY,
          request.gates().get(HazelcastGates.CANARY),
          instruction);
    } catch (UpgradeStop stop) {
      canaryRejected = UpgradeStop.GATE_REJECTED.equals(stop.type());
      throw stop;
    }
  }

  private UpgradeStatus complete() {
    tracker.phase(Phase.COMPLETED);
    tracker.message(
        "upgraded "
            + plan.grid()
            + " "
            + plan.fromVersion()
            + " -> "
            + plan.targetVersion()
            + ": "
            + plan.replicas()
            + " members, one pod at a time with the cluster safe after each; "
            + progress.maps().size()
            + " maps with every entry"
            + note(claims.release()));
    log.info("upgrade completed: {}", tracker.message());
    finished();
    return status();
  }

  /** Rolls back when a person asked for it, then builds the failure saying where things stand. */
  private RuntimeException end(UpgradeStop stop) {
    UpgradeStop last = stop;
    String outcome;
    if (canaryRejected || (trouble != null && trouble.rollbackRequested())) {
      try {
        tracker.message("rolling back to " + plan.previousImage() + ": " + stop.getMessage());
        steps.run(HazelcastSteps.ROLLBACK, roller::rollBack);
        outcome =
            "Rolled back: every member runs "
                + plan.fromVersion()
                + " again ("
                + plan.previousImage()
                + "), one pod at a time with the cluster safe after each."
                + note(claims.release());
      } catch (UpgradeStop during) {
        last = during;
        outcome = "The rollback stopped: " + sentence(during.getMessage()) + " " + where();
      }
    } else {
      // Ended before anything changed: let the grid go. Mid-roll it stays claimed for a person.
      outcome = where() + (changing || claims == null ? "" : note(claims.release()));
    }
    String message = sentence(stop.getMessage()) + " " + outcome;
    tracker.phase(last.phase());
    tracker.message(message);
    tracker.skipPending("not run: the upgrade ended (" + last.type() + ")");
    log.warn("upgrade ended {}: {}", last.phase(), message);
    finished();
    if (last.isCancellation()) {
      return (RuntimeException) last.getCause();
    }
    return ApplicationFailure.newNonRetryableFailure(message, last.type());
  }

  private String where() {
    return roller == null ? "Nothing was changed in the cluster." : roller.whereThingsStand();
  }

  private static String note(String note) {
    return note == null ? "" : " " + note;
  }

  private static String sentence(String s) {
    return s.endsWith(".") ? s : s + ".";
  }

  @Override
  public UpgradeStatus status() {
    return new UpgradeStatus(
        Workflow.getInfo().getWorkflowId(),
        "hazelcast",
        tracker.phase(),
        tracker.currentStep(),
        tracker.steps(),
        List.of(),
        gates.openGate(),
        gates.audit(),
        gates.paused(),
        tracker.message(),
        plan,
        progress.members(),
        progress.maps());
  }
}
