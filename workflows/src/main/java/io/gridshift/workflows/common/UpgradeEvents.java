package io.gridshift.workflows.common;

import io.gridshift.workflows.activities.GridEventActivities;
import io.gridshift.workflows.activities.GridEventReason;
import io.gridshift.workflows.activities.GridEventRequest;
import io.gridshift.workflows.activities.GridEventsWritten;
import io.gridshift.workflows.request.UpgradeRequest;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Kubernetes Events from an upgrade, on the workloads it acts on: step started, completed and
 * failed, gate opened and decided, the upgrade's failure and its compensation. Workflow code.
 *
 * <ol>
 *   <li>{@link #begin} turns them on for a real (not dry) run whose cluster and grid can be named,
 *       behind {@link WorkflowChanges#KUBERNETES_EVENTS}: histories recorded before it replay with
 *       no Event call.
 *   <li>Each Event is one {@link GridEventActivities#record} call on the cluster's task queue,
 *       started without waiting for it (an upgrade never waits for its Events) in a detached scope
 *       (a cancelled upgrade still says so). Its time is workflow time, its number the next of this
 *       run: the activity names the Event from them, so a retried call writes nothing twice.
 *   <li>The workloads are asked for at each Event (the source grid; for a kind that deploys
 *       another, that one too once planned): the activity skips the ones that do not exist.
 *   <li>{@link #flush} waits, at most {@link #FLUSH_LIMIT}, for the calls still under way before
 *       the workflow ends: a call still queued when the workflow closes is dropped by the server.
 * </ol>
 */
public final class UpgradeEvents implements UpgradeListener {
  private static final Logger log = Workflow.getLogger(UpgradeEvents.class);

  /** The longest an ending upgrade waits for its last Events. */
  static final Duration FLUSH_LIMIT = Duration.ofSeconds(10);

  private final List<Promise<GridEventsWritten>> pending = new ArrayList<>();
  private GridEventActivities activities;
  private ClusterRef cluster;
  private Supplier<List<String>> workloads;
  private int sequence;

  /**
   * Turns Events on for {@code request} (the raw input: nothing happens when it is a dry run or
   * cannot name its cluster and grid); {@code workloads} names, when asked, what they regard.
   */
  public void begin(UpgradeRequest request, Supplier<List<String>> workloads) {
    if (!regardsSomething(request)) {
      return;
    }
    int version =
        Workflow.getVersion(WorkflowChanges.KUBERNETES_EVENTS, Workflow.DEFAULT_VERSION, 1);
    if (version == Workflow.DEFAULT_VERSION) {
      return;
    }
    this.cluster = request.cluster();
    this.workloads = workloads;
    this.activities =
        Workflow.newActivityStub(
            GridEventActivities.class, ActivityOptionsProfiles.events(cluster.taskQueue()));
  }

  private static boolean regardsSomething(UpgradeRequest r) {
    return r != null
        && !Boolean.TRUE.equals(r.dryRun())
        && r.cluster() != null
        && r.cluster().problems("cluster").isEmpty()
        && r.grid() != null
        && !r.grid().isBlank();
  }

  /** Step {@code step} started. */
  @Override
  public void stepStarted(String step) {
    write(GridEventReason.STEP_STARTED, "step " + step + " started");
  }

  /** Step {@code step} completed; {@code detail} (may be null) says how. */
  public void stepCompleted(String step, String detail) {
    write(GridEventReason.STEP_COMPLETED, "step " + step + " completed" + suffix(detail));
  }

  /** Step {@code step} failed: {@code detail} says why. */
  public void stepFailed(String step, String detail) {
    write(GridEventReason.STEP_FAILED, "step " + step + " failed" + suffix(detail));
  }

  @Override
  public void gateOpened(OpenGate gate) {
    write(
        GridEventReason.GATE_OPENED,
        "gate '"
            + gate.name()
            + "' is waiting for a decision until "
            + gate.deadline()
            + " (then "
            + gate.onTimeout()
            + ")");
  }

  @Override
  public void gateExpired(OpenGate gate, String detail) {
    write(GridEventReason.GATE_EXPIRED, "gate '" + gate.name() + "' expired" + suffix(detail));
  }

  @Override
  public void gateDecided(String gate, Gatekeeper.Result result) {
    AuditEntry e = result.entry();
    String byAndWhy = " by " + e.by() + StepRunner.comment(e);
    switch (result.outcome()) {
      case APPROVED ->
          write(GridEventReason.GATE_APPROVED, "gate '" + gate + "' approved" + byAndWhy);
      case REJECTED ->
          write(GridEventReason.GATE_REJECTED, "gate '" + gate + "' rejected" + byAndWhy);
      // EXPIRED was told by gateExpired; an abort ends the upgrade, told by upgradeFailed.
      case EXPIRED, ABORTED -> {}
    }
  }

  /** The upgrade ended without completing ({@code phase}): {@code message} says where it stands. */
  public void upgradeFailed(Phase phase, String message) {
    write(GridEventReason.UPGRADE_FAILED, "upgrade ended " + phase + ": " + message);
  }

  /** Compensation starts undoing what the upgrade changed. */
  public void compensating(String why) {
    write(GridEventReason.COMPENSATING, "compensating: " + why);
  }

  /** Compensation undid everything. */
  public void compensated(String message) {
    write(GridEventReason.COMPENSATED, message);
  }

  /**
   * The cluster's agent is gone: no Event can be written, so none is asked for and {@link #flush}
   * does not wait (a failure for a missing agent is reported as soon as it is known).
   */
  public void agentGone() {
    activities = null;
  }

  /** Waits, at most {@link #FLUSH_LIMIT}, until every Event call has ended. */
  public void flush() {
    if (activities == null || pending.stream().allMatch(Promise::isCompleted)) {
      return;
    }
    Workflow.newDetachedCancellationScope(
            () -> {
              boolean done =
                  Workflow.await(
                      FLUSH_LIMIT, () -> pending.stream().allMatch(Promise::isCompleted));
              if (!done) {
                log.warn("Kubernetes Events: some were not written within {}", FLUSH_LIMIT);
              }
            })
        .run();
  }

  private void write(GridEventReason reason, String what) {
    if (activities == null) {
      return;
    }
    sequence++;
    WorkflowInfo info = Workflow.getInfo();
    GridEventRequest request =
        new GridEventRequest(
            cluster,
            List.copyOf(workloads.get()),
            reason.reason(),
            reason.type(),
            what + " (workflow " + info.getWorkflowId() + ")",
            info.getWorkflowId(),
            info.getRunId(),
            sequence,
            WorkflowClock.now());
    // Detached: the Events of a cancelled upgrade (its failure, its compensation) still go out.
    Workflow.newDetachedCancellationScope(
            () -> pending.add(Async.function(activities::record, request)))
        .run();
  }

  private static String suffix(String detail) {
    return detail == null || detail.isBlank() ? "" : ": " + detail;
  }
}
