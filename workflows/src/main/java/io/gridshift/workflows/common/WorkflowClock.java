package io.gridshift.workflows.common;

import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;

/**
 * Timestamps for status and audit entries, read from workflow time so that a replay produces the
 * same values. Call only from workflow code.
 */
public final class WorkflowClock {
  private WorkflowClock() {}

  /** Now, as an ISO-8601 instant. */
  public static String now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis()).toString();
  }

  /** Now plus {@code later}, as an ISO-8601 instant. */
  public static String after(Duration later) {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis()).plus(later).toString();
  }
}
