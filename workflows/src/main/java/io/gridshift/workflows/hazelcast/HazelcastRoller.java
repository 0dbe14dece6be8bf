package io.gridshift.workflows.hazelcast;

import io.gridshift.workflows.activities.PartitionRequest;
import io.gridshift.workflows.activities.PodTemplatePatch;
import io.gridshift.workflows.activities.RolloutStatus;
import io.gridshift.workflows.activities.WorkloadRef;
import io.gridshift.workflows.common.ClaimKeeper;
import io.gridshift.workflows.common.StepRunner;
import io.gridshift.workflows.common.StepTracker;
import io.gridshift.workflows.hazelcast.activities.HazelcastEndpoint;
import io.gridshift.workflows.hazelcast.activities.SafeWaitRequest;
import io.gridshift.workflows.request.HazelcastUpgradeRequest;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/**
 * The mechanism that rolls a Hazelcast cluster safely, the way KafkaRoller does: the safety
 * decision is {@code waitUntilSafe} (every member Ready and reachable, the cluster whole,
 * cluster-safe, no migration pending), and nothing moves on until it holds.
 *
 * <p>StatefulSet (the workflow paces the roll itself):
 *
 * <ol>
 *   <li>Hold: partition = replicas, so that changing the template moves no pod.
 *   <li>Change the template (target image, safe settings, or the previous image for a rollback).
 *   <li>For each ordinal from replicas-1 down to 0: partition = ordinal (the controller replaces
 *       that one pod, gracefully), then wait until that pod runs the expected version and the
 *       cluster is safe. A pause or abort takes effect between pods.
 *   <li>A pod that does not get there in time leaves the partition where it is and opens gate
 *       {@value HazelcastGates#RESUME_OR_ROLLBACK} ({@link SafeClusterWait}).
 * </ol>
 *
 * <p>Deployment (Kubernetes paces the roll; the preflight made its strategy safe): change the
 * template, then poll the rollout and wait for a safe cluster in turn until the rollout is done and
 * the cluster safe.
 */
final class HazelcastRoller {
  private static final Logger log = Workflow.getLogger(HazelcastRoller.class);
  private static final Duration DEPLOYMENT_POLL = Duration.ofSeconds(5);

  /** One pass over the pods: which version they must come back on and how status shows them. */
  private record Pass(
      String version,
      String whileRolling,
      String afterRolling,
      boolean back,
      boolean rollbackAllowed) {}

  private final HazelcastUpgradeRequest request;
  private final HazelcastPlan plan;
  private final HazelcastActivityStubs act;
  private final StepTracker tracker;
  private final StepRunner steps;
  private final HazelcastProgress progress;
  private final SafeClusterWait safeWait;
  private final ClaimKeeper claims;
  private final WorkloadRef workload;
  private final HazelcastEndpoint endpoint;
  private final Pass upgrade;
  private final Pass fix;
  private final Pass back;

  /** The partition gridshift set last; -1 before it set one. */
  private int partition = -1;

  /** Whether gridshift paused the Deployment's rollout (spec.paused) while a person decides. */
  private boolean deploymentPaused;

  /** What gridshift last put into the pod template, for the person reading a failure; or null. */
  private String templateChange;

  HazelcastRoller(
      HazelcastUpgradeRequest request,
      HazelcastPlan plan,
      HazelcastActivityStubs act,
      StepTracker tracker,
      StepRunner steps,
      HazelcastProgress progress,
      SafeClusterWait safeWait,
      ClaimKeeper claims) {
    this.request = request;
    this.plan = plan;
    this.act = act;
    this.tracker = tracker;
    this.steps = steps;
    this.progress = progress;
    this.safeWait = safeWait;
    this.claims = claims;
    this.workload = new WorkloadRef(request.cluster(), plan.kind(), plan.grid());
    this.endpoint = new HazelcastEndpoint(workload, request.port());
    this.upgrade =
        new Pass(
            plan.targetVersion(),
            HazelcastProgress.ROLLING,
            HazelcastProgress.UPDATED,
            false,
            true);
    // Safe settings are not rolled back: the settings they replace are the unsafe ones.
    this.fix =
        new Pass(
            plan.fromVersion(), HazelcastProgress.ROLLING, HazelcastProgress.PENDING, false, false);
    this.back =
        new Pass(
            plan.fromVersion(),
            HazelcastProgress.ROLLING_BACK,
            HazelcastProgress.ROLLED_BACK,
            true,
            false);
  }

  HazelcastEndpoint endpoint() {
    return endpoint;
  }

  /** Step fix-settings: writes the safe settings and paces the roll they cause. */
  void fixSettings() {
    int maxWait = plan.safeMaxWait();
    Functions.Proc write =
        () -> {
          act.hz().applySafeSettings(workload, plan.container(), maxWait, claims.id());
          templateChange = "the safe settings (GRACEFUL shutdown, max.wait " + maxWait + " s)";
        };
    if (plan.statefulSet()) {
      hold(write);
      release(HazelcastSteps.FIX_SETTINGS, plan.replicas() - 1, 0, fix);
    } else {
      write.apply();
      watch(HazelcastSteps.FIX_SETTINGS, fix);
    }
  }

  /** Step hold (StatefulSet): no pod moves, then the target image goes into the template. */
  void holdWithTargetImage() {
    hold(() -> image(plan.targetImage()));
    tracker.note(
        HazelcastSteps.HOLD,
        "partition " + partition + ": the template has " + plan.targetImage() + ", no pod moved");
  }

  /** Step roll-first-pod (StatefulSet): the highest ordinal only. */
  void rollFirstPod() {
    int first = plan.replicas() - 1;
    release(HazelcastSteps.ROLL_FIRST_POD, first, first, upgrade);
  }

  /** Step roll: the other ordinals (StatefulSet), or the whole watched rollout (Deployment). */
  void rollRest() {
    if (plan.statefulSet()) {
      release(HazelcastSteps.ROLL, plan.replicas() - 2, 0, upgrade);
    } else {
      image(plan.targetImage());
      watch(HazelcastSteps.ROLL, upgrade);
    }
  }

  /**
   * Step rollback: the previous image, paced like the upgrade. Pods below the partition never left
   * the previous image: releasing them changes nothing and the wait returns at once.
   */
  void rollBack() {
    if (plan.statefulSet()) {
      hold(() -> image(plan.previousImage()));
      replaceStuckPods();
      release(HazelcastSteps.ROLLBACK, plan.replicas() - 1, 0, back);
    } else {
      image(plan.previousImage());
      pauseDeployment(false); // the rollback must move: a person rejected the paused rollout
      watch(HazelcastSteps.ROLLBACK, back);
    }
  }

  /**
   * A pod that never became Ready on the new image blocks the StatefulSet controller even after the
   * template is reverted (Kubernetes' forced rollback): it is deleted, and comes back on the
   * previous image because the partition holds it below the update.
   */
  private void replaceStuckPods() {
    List<String> deleted = act.kube().deleteStuckPods(workload, claims.id());
    if (!deleted.isEmpty()) {
      String note =
          "deleted "
              + String.join(", ", deleted)
              + " (not Ready on the new image; the controller would wait for it forever)";
      log.warn("rollback: {}", note);
      tracker.note(HazelcastSteps.ROLLBACK, note);
    }
  }

  private void hold(Functions.Proc change) {
    partition(plan.replicas());
    change.apply();
  }

  private void image(String image) {
    act.kube()
        .patchPodTemplate(
            new PodTemplatePatch(workload, plan.container(), image, Map.of(), claims.id()));
    templateChange = "image " + image;
  }

  private void partition(int p) {
    act.kube().setPartition(new PartitionRequest(workload, p, claims.id()));
    partition = p;
  }

  /** Releases ordinals {@code from} down to {@code downTo}, one pod at a time. */
  private void release(String step, int from, int downTo, Pass pass) {
    for (int ordinal = from; ordinal >= downTo; ordinal--) {
      steps.checkpoint();
      String pod = plan.pod(ordinal);
      String before = progress.state(pod);
      partition(ordinal);
      progress.state(pod, pass.whileRolling());
      tracker.note(step, "partition " + ordinal + ": waiting for " + pod + " on " + pass.version());
      log.info("partition {}: waiting for {} on {}", ordinal, pod, pass.version());
      SafeWaitRequest wait =
          new SafeWaitRequest(
              endpoint, plan.replicas(), pod, pass.version(), request.podTimeoutSeconds());
      safeWait.waitOrAsk(
          step,
          pod,
          wait,
          pass.rollbackAllowed(),
          this::whereThingsStand,
          SafeClusterWait.Hold.NONE);
      // A pod that never left the previous image was not rolled back: it stays PENDING.
      boolean untouched = pass.back() && HazelcastProgress.PENDING.equals(before);
      progress.state(pod, untouched ? before : pass.afterRolling());
      tracker.note(step, pod + " runs " + pass.version() + "; the cluster is safe");
    }
  }

  /**
   * Deployment: polls the rollout and waits for a safe cluster until both hold. When the cluster
   * does not get safe, the rollout is paused (spec.paused) before a person is asked, so Kubernetes
   * replaces no further pod meanwhile; approval resumes it.
   */
  private void watch(String step, Pass pass) {
    SafeWaitRequest wait =
        new SafeWaitRequest(endpoint, plan.replicas(), null, null, request.podTimeoutSeconds());
    SafeClusterWait.Hold hold =
        new SafeClusterWait.Hold(() -> pauseDeployment(true), () -> pauseDeployment(false));
    progress.stateOfAll(pass.whileRolling());
    while (true) {
      steps.checkpoint();
      RolloutStatus rollout = act.kube().rolloutStatus(workload);
      tracker.note(
          step,
          "rollout: "
              + rollout.updatedReplicas()
              + " of "
              + rollout.replicas()
              + " pods updated, "
              + rollout.readyReplicas()
              + " ready"
              + (rollout.done() ? "; done" : ""));
      safeWait.waitOrAsk(
          step, "the rollout", wait, pass.rollbackAllowed(), this::whereThingsStand, hold);
      progress.stateOfAll(pass.whileRolling());
      if (rollout.done()) {
        progress.stateOfAll(pass.afterRolling());
        return;
      }
      Workflow.sleep(DEPLOYMENT_POLL);
    }
  }

  private void pauseDeployment(boolean paused) {
    if (paused != deploymentPaused) {
      act.kube().setRolloutPaused(workload, paused, claims.id());
      deploymentPaused = paused;
    }
  }

  /** Whether gridshift changed the workload at all. */
  boolean changedAnything() {
    return partition >= 0 || templateChange != null;
  }

  /** Where the roll stands, for the person deciding what next; nothing is rolled back silently. */
  String whereThingsStand() {
    if (!changedAnything()) {
      return "Nothing was changed in the cluster.";
    }
    String subject =
        (plan.statefulSet() ? "StatefulSet " : "Deployment ")
            + request.cluster().namespace()
            + "/"
            + plan.grid();
    String template =
        templateChange == null ? "its template unchanged" : templateChange + " in its template";
    String where =
        plan.statefulSet()
            ? subject
                + " keeps partition "
                + partition
                + " with "
                + template
                + " (pods with that ordinal and above take it)"
            : deploymentPaused
                ? subject + " is paused (spec.paused, no further pod is replaced) with " + template
                : subject + " rolls out " + template;
    return "Nothing was rolled back: " + where + "; members now: " + members() + ".";
  }

  /** The pods as {@code hz-0 5.3.6, hz-1 5.3.8 ...}. */
  String members() {
    return progress.members().stream()
        .map(m -> m.pod() + " " + (m.reachable() ? m.version() : "unreachable"))
        .collect(Collectors.joining(", "));
  }
}
