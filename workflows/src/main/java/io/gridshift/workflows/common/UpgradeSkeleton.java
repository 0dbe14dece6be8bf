package io.gridshift.workflows.common;

import io.gridshift.workflows.request.UpgradeRequest;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Saga;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * The one shape of every upgrade, whatever the grid kind: validate and plan (step {@code plan}),
 * stop there for a dry run, run the kind's ordered steps, end with an outcome that says where
 * things stand. A kind supplies its plan ({@link #plan}), its steps ({@link #steps}) and its
 * sentences; the skeleton owns the rest:
 *
 * <ul>
 *   <li><b>the saga</b>: a step declared {@link UpgradeStep#undoneBy} registers its undo before it
 *       runs; any stop before the point of no return runs the undos newest first, in a detached
 *       scope (a cancelled workflow still compensates), and keeps their errors;
 *   <li><b>the point of no return</b> ({@link UpgradeStep#pointOfNoReturn}): from there nothing is
 *       undone, an abort lets the running step finish, and a failed step asks a person;
 *   <li><b>asking a person after a failure</b>, one policy ({@link FailureQuestion}) on the kind's
 *       question gate: past the point of no return, or for steps that {@link
 *       UpgradeStep#asksOnFailure()}; approve runs the step again from its start;
 *   <li><b>the rollback branch</b> ({@link UpgradeStep#rollsBackWith}): a rejected gate, or a
 *       failure a person answers with "roll back", runs the named step, then ends;
 *   <li><b>claims</b>: released when the upgrade completes, when nothing was changed, when the
 *       compensation or the rollback restored everything; kept otherwise, for a person.
 * </ul>
 *
 * @param <R> the kind's request record
 */
public abstract class UpgradeSkeleton<R extends UpgradeRequest> extends GatedUpgradeHandlers {
  private static final Logger log = Workflow.getLogger(UpgradeSkeleton.class);

  /** The first step of every kind. */
  public static final String PLAN = "plan";

  private final String kind;
  private final UpgradeMetrics metrics;

  /** The cluster label of this upgrade's counters; null for a dry run, which is not counted. */
  private String measuredCluster;

  private final FailureQuestion question = new FailureQuestion(tracker, gates);
  private final Saga saga =
      new Saga(
          new Saga.Options.Builder()
              .setParallelCompensation(false)
              .setContinueWithError(true)
              .build());
  private final List<String> compensationErrors = new ArrayList<>();
  private int compensations;
  private List<UpgradeStep> stepList = List.of();
  private UpgradeStep running;

  /** Null before the point of no return, then the step or gate that passed it. */
  private String pointOfNoReturn;

  /** The validated request, once {@link #plan} returned it. */
  protected R request;

  /**
   * The claims on the objects this upgrade changes; set by {@link #plan} (null in tests' kinds).
   */
  protected ClaimKeeper claims;

  /**
   * @param kind the kind's name
   * @param stepNames every step of the kind, in order, {@link #PLAN} first
   * @param offered what the worker offers: registered search attributes, notifications
   */
  protected UpgradeSkeleton(String kind, List<String> stepNames, VisibilityOptions offered) {
    super(stepNames, offered);
    this.kind = kind;
    this.metrics = new UpgradeMetrics(kind);
    steps.metrics(metrics);
    gates.metrics(metrics);
    visibility.kindDetails(this::details);
  }

  /**
   * Reads the cluster for {@code request} (validated, with defaults), makes the plan (refusing what
   * cannot be upgraded safely: throw {@link UpgradeStop}) and, unless it is a dry run, claims what
   * the upgrade will change.
   *
   * @return {@code request}
   */
  protected abstract R plan(R request);

  /** One line: what the plan will do. */
  protected abstract String planSummary();

  /** The steps after the plan, in order (read once the plan is made). */
  protected abstract List<UpgradeStep> steps();

  /** The kind's plan and progress, for the status; may be null before the plan. */
  protected abstract UpgradeDetails details();

  /** The message of a completed upgrade. */
  protected abstract String completed();

  /**
   * Where the grids stand when the upgrade ends without undoing anything (past the point of no
   * return, or mid-roll), or when it asks a person.
   */
  protected abstract String whereThingsStand();

  /** The gate a person answers failures on. */
  protected abstract FailureQuestion.Gate questionGate();

  /** Said while compensation undid everything. Kinds with undo steps override it. */
  protected String compensated() {
    return "Compensated: everything this upgrade changed was undone.";
  }

  /** Said when compensation failed with {@code errors}: what to check by hand. */
  protected String compensationFailed(String errors) {
    return "Compensation did not finish (" + errors + "): check the grid by hand.";
  }

  /** What rejecting does for a step with a rollback branch, e.g. "roll back to ... one by one". */
  protected String rollBackTo() {
    return "roll back";
  }

  /** Said once the rollback branch restored the grid. */
  protected String rolledBack() {
    return "Rolled back.";
  }

  /**
   * The workloads (StatefulSets or Deployments, by name) this upgrade's Kubernetes Events regard:
   * the grid {@code grid}. A kind that deploys another workload beside it adds that one's name
   * (Events skip a workload that does not exist yet or any more).
   */
  protected List<String> eventWorkloads(String grid) {
    return List.of(grid);
  }

  /** The step or gate that passed the point of no return, or null. */
  protected final String pointOfNoReturn() {
    return pointOfNoReturn;
  }

  /** Runs the upgrade: the workflow method of every kind calls this. */
  protected final UpgradeStatus run(R raw) {
    visibility.begin(kind, raw);
    events.begin(raw, () -> eventWorkloads(raw.grid()));
    // A request of null (a raw start with "null") is refused by validation below; it counts too.
    if (raw == null || !Boolean.TRUE.equals(raw.dryRun())) {
      measuredCluster = clusterOf(raw);
      metrics.started(measuredCluster);
    }
    try {
      steps.run(PLAN, () -> request = plan(validated(raw)));
      String summary = planSummary();
      if (request.dryRun()) {
        tracker.skipPending("dry run: nothing was changed");
        tracker.phase(Phase.PLANNED);
        tracker.message("dry run: " + summary + "; nothing was changed");
        return status();
      }
      tracker.phase(Phase.RUNNING);
      stepList = steps();
      for (UpgradeStep step : stepList) {
        runInTurn(step);
      }
      return complete();
    } catch (UpgradeStop stop) {
      throw end(stop);
    }
  }

  /** The cluster label of {@code raw}'s metrics (the request may be invalid, with no cluster). */
  private static String clusterOf(UpgradeRequest raw) {
    return GridshiftMetrics.label(
        raw == null || raw.cluster() == null ? null : raw.cluster().cluster());
  }

  private void countEnd(Phase phase) {
    if (measuredCluster != null) {
      metrics.ended(measuredCluster, phase);
    }
  }

  /** The kind's metrics (e.g. for verification mismatches). */
  protected final UpgradeMetrics metrics() {
    return metrics;
  }

  /** Validation, the same for every kind: nothing is touched when the request is invalid. */
  private R validated(R raw) {
    R valid = RequestProblems.validated(raw);
    gates.configure(valid.requestedBy(), valid.fourEyes());
    steps.taskQueue(valid.cluster().taskQueue());
    return valid;
  }

  /** Call at the end of {@link #plan}: records the summary as the plan step's note. */
  protected final void planned(String summary) {
    tracker.note(PLAN, summary);
    tracker.message(summary);
    log.info("plan: {}", summary);
  }

  private void runInTurn(UpgradeStep step) {
    if (step.isRollbackOnly()) {
      tracker.skip(step.name(), "not needed");
      return;
    }
    if (!step.shouldRun()) {
      tracker.skip(step.name(), step.whyNot());
      return;
    }
    running = step;
    step.beforeIt().apply();
    if (step.undo() != null) {
      compensateWith(step);
    }
    if (step.isGate()) {
      passGate(step);
    } else {
      runAsking(step);
    }
    String passed = step.pointOfNoReturnPassed();
    if (passed != null && pointOfNoReturn == null) {
      pointOfNoReturn = passed;
      steps.interruptible(false);
      log.info("past the point of no return: {}", passed);
    }
    step.afterIt().apply();
  }

  private void passGate(UpgradeStep step) {
    try {
      steps.gate(
          step.name(), step.gateName(), request.gates().get(step.gateName()), step.instruction());
    } catch (UpgradeStop stop) {
      boolean rejected = UpgradeStop.GATE_REJECTED.equals(stop.type());
      throw rejected && step.rollbackStep() != null ? stop.rollBack() : stop;
    }
  }

  /** Runs a work step; a failure a person must answer asks them, and approval runs it again. */
  private void runAsking(UpgradeStep step) {
    while (true) {
      try {
        steps.run(step.name(), step.work());
        return;
      } catch (UpgradeStop stop) {
        boolean ask = pointOfNoReturn != null || step.asksOnFailureAlways();
        if (!ask || stop.phase() != Phase.FAILED || stop.answered()) {
          throw stop;
        }
        question.ask(
            step.name(),
            stop.getMessage(),
            stop.type(),
            whereThingsStand(),
            questionGate(),
            "run " + step.name() + " again from its start",
            step.rollbackStep() == null ? null : rollBackTo());
      }
    }
  }

  /** The question a step's own waits ask (a pod that does not get safe), on the same policy. */
  protected final FailureQuestion question() {
    return question;
  }

  private void compensateWith(UpgradeStep step) {
    compensations++;
    saga.addCompensation(
        () -> {
          try {
            // An undo no agent picks up waits for the agent: giving up would leave the grid half
            // undone, and the undo's calls converge when run again.
            ClusterAgents.untilAgentServes(
                request.cluster().taskQueue(),
                step.undo(),
                waiting -> tracker.message("compensating " + step.name() + ": " + waiting));
            tracker.compensated(step.name(), step.undoneAs());
          } catch (RuntimeException e) {
            // A sequential Saga that continues with errors swallows them: keep them ourselves, or
            // a failed compensation would read as "nothing was lost".
            compensationErrors.add(step.name() + ": " + Causes.rootMessage(e));
            throw e;
          }
        });
  }

  private UpgradeStatus complete() {
    tracker.phase(Phase.COMPLETED);
    tracker.message(withNote(completed(), releaseClaims()));
    log.info("upgrade completed: {}", tracker.message());
    countEnd(Phase.COMPLETED);
    finished();
    return status();
  }

  /** Rolls back, compensates or describes the state, then builds the failure. */
  private RuntimeException end(UpgradeStop stop) {
    UpgradeStop last = stop;
    String outcome;
    UpgradeStep rollback = stop.rollBackRequested() ? rollbackBranch() : null;
    if (rollback != null) {
      try {
        tracker.message("rolling back: " + stop.getMessage());
        steps.run(rollback.name(), rollback.work());
        outcome = withNote(rolledBack(), releaseClaims());
      } catch (UpgradeStop during) {
        last = during;
        outcome =
            "The rollback stopped: " + sentence(during.getMessage()) + " " + whereThingsStand();
      }
    } else if (stepList.isEmpty()) {
      // Ended in the plan (or a dry run's refusal): nothing was changed.
      outcome = withNote("Nothing was changed in the cluster.", releaseClaims());
    } else if (pointOfNoReturn == null && compensations > 0) {
      outcome = compensateAndRelease();
    } else {
      // Past the point of no return, or nothing to undo (mid-roll): the claims stay for a person.
      outcome = whereThingsStand();
    }
    String message = sentence(stop.getMessage()) + " " + outcome;
    tracker.phase(last.phase());
    tracker.message(message);
    tracker.skipPending("not run: the upgrade ended (" + last.type() + ")");
    if (FailureTypes.NO_AGENT.equals(last.type())) {
      events.agentGone();
    }
    events.upgradeFailed(last.phase(), message);
    log.warn("upgrade ended {}: {}", last.phase(), message);
    countEnd(last.phase());
    finished();
    if (last.isCancellation()) {
      return (RuntimeException) last.getCause();
    }
    return ApplicationFailure.newNonRetryableFailure(message, last.type());
  }

  /** The rollback branch of the step that was running, if it declares one. */
  private UpgradeStep rollbackBranch() {
    if (running == null || running.rollbackStep() == null) {
      return null;
    }
    return stepList.stream()
        .filter(s -> s.name().equals(running.rollbackStep()))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    running.name() + " rolls back with unknown step " + running.rollbackStep()));
  }

  /** Before the point of no return everything goes back, and so do the claims. */
  private String compensateAndRelease() {
    tracker.phase(Phase.COMPENSATING);
    events.compensating("undoing what this upgrade changed, newest first");
    try {
      // Detached: compensation still runs when the workflow itself is being cancelled.
      Workflow.newDetachedCancellationScope(saga::compensate).run();
    } catch (RuntimeException e) {
      log.error("compensation failed", e);
      compensationErrors.add(Causes.rootMessage(e));
    }
    if (!compensationErrors.isEmpty()) {
      // A compensation that failed leaves objects a person must look at: they stay claimed.
      return compensationFailed(String.join("; ", compensationErrors));
    }
    events.compensated(compensated());
    return withNote(compensated(), releaseClaims());
  }

  private String releaseClaims() {
    return claims == null ? null : claims.release();
  }

  private static String withNote(String message, String note) {
    return note == null ? message : message + " " + note;
  }

  private static String sentence(String s) {
    return s.endsWith(".") ? s : s + ".";
  }

  @Override
  public final UpgradeStatus status() {
    return new UpgradeStatus(
        Workflow.getInfo().getWorkflowId(),
        kind,
        tracker.phase(),
        tracker.currentStep(),
        tracker.steps(),
        gates.openGate(),
        gates.audit(),
        gates.paused(),
        tracker.message(),
        details());
  }
}
