package io.gridshift.workflows.common;

import java.util.List;

/**
 * Every change id passed to {@code Workflow.getVersion}, in one place, so that two changes never
 * share an id and a reader sees what shipped code has changed since the recorded histories.
 *
 * <p>None today: no release had shipped when the one-contract restructuring re-recorded every
 * history (workflows/src/test/resources/histories, 2026-12-07), so the branches older code needed
 * were dropped. From now on a change to a shipped workflow's commands (its activities, timers,
 * gates, their order) declares its id here as a constant, branches on {@code
 * Workflow.getVersion(WorkflowChanges.ID, Workflow.DEFAULT_VERSION, 1)}, and keeps the replay tests
 * green on the old histories. {@code WorkflowChangesTest} fails on a getVersion call that does not
 * name a constant of this class.
 */
public final class WorkflowChanges {
  /** The ids in use, oldest first. */
  public static final List<String> ALL = List.of();

  private WorkflowChanges() {}
}
