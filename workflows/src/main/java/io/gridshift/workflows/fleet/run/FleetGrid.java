package io.gridshift.workflows.fleet.run;

import io.gridshift.workflows.fleet.FleetSpec.GridId;
import io.gridshift.workflows.fleet.FleetStatus.GridStatus;

/**
 * One grid of a fleet run as the workflow tracks it: mutable, written only on the workflow thread,
 * turned into a {@link GridStatus} for the status and the checkpoint.
 */
public final class FleetGrid {
  /** The grid states a status shows. */
  public static final String PENDING = "PENDING";

  public static final String WAITING_WINDOW = "WAITING_WINDOW";
  public static final String RUNNING = "RUNNING";
  public static final String SUCCEEDED = "SUCCEEDED";
  public static final String FAILED = "FAILED";
  public static final String SKIPPED = "SKIPPED";
  public static final String UNREACHABLE = "UNREACHABLE";
  public static final String REFUSED = "REFUSED";

  final GridId id;
  String stage;
  String from;
  String to;
  String state;
  String workflowId;
  String eligibleAt;
  String startedAt;
  String endedAt;
  Long durationMs;
  String message;
  String agent;

  /**
   * When it was last queued again by a retry (workflow millis; 0: queued with its stage): it is not
   * eligible before. Not carried across continue-as-new: a carried grid's eligibleAt is.
   */
  long queuedAt;

  FleetGrid(GridId id, String from, String to, String state, String workflowId, String agent) {
    this.id = id;
    this.from = from;
    this.to = to;
    this.state = state;
    this.workflowId = workflowId;
    this.agent = agent;
  }

  /** {@code cluster/namespace/name}. */
  public String path() {
    return id.path();
  }

  public GridId id() {
    return id;
  }

  public String state() {
    return state;
  }

  public String stage() {
    return stage;
  }

  /** Whether it waits for its turn (not started, not ended). */
  boolean waiting() {
    return PENDING.equals(state) || WAITING_WINDOW.equals(state);
  }

  /** Back to waiting for its turn, its previous run's times and message cleared. */
  void requeue() {
    state = PENDING;
    queuedAt = io.temporal.workflow.Workflow.currentTimeMillis();
    eligibleAt = null;
    startedAt = null;
    endedAt = null;
    durationMs = null;
    message = null;
  }

  void end(String endState, String why, long nowMillis, String now) {
    state = endState;
    message = why;
    endedAt = now;
    if (startedAt != null) {
      durationMs = nowMillis - java.time.Instant.parse(startedAt).toEpochMilli();
    }
  }

  GridStatus toStatus() {
    return new GridStatus(
        id.cluster(),
        id.namespace(),
        id.name(),
        id.kind(),
        stage,
        from,
        to,
        state,
        workflowId,
        eligibleAt,
        startedAt,
        endedAt,
        durationMs,
        message,
        agent);
  }

  static FleetGrid of(GridStatus s) {
    FleetGrid g =
        new FleetGrid(
            new GridId(s.cluster(), s.namespace(), s.name(), s.kind()),
            s.from(),
            s.to(),
            s.state(),
            s.workflowId(),
            s.agent());
    g.stage = s.stage();
    g.eligibleAt = s.eligibleAt();
    g.startedAt = s.startedAt();
    g.endedAt = s.endedAt();
    g.durationMs = s.durationMs();
    g.message = s.message();
    return g;
  }
}
