package io.gridshift.workflows.testing;

import com.google.protobuf.util.Timestamps;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.List;

/** How long a finished workflow took in workflow time: from its first to its last event. */
public final class WorkflowTime {
  private WorkflowTime() {}

  /** The workflow time workflow {@code workflowId} (closed) took from start to close. */
  public static Duration of(WorkflowClient client, String workflowId) {
    List<HistoryEvent> events = client.fetchHistory(workflowId).getHistory().getEventsList();
    return Duration.ofMillis(
        Timestamps.toMillis(events.get(events.size() - 1).getEventTime())
            - Timestamps.toMillis(events.get(0).getEventTime()));
  }
}
