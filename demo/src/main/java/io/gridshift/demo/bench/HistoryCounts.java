package io.gridshift.demo.bench;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** Reads histories back from the server and counts their events. */
final class HistoryCounts {
  private final WorkflowClient client;

  HistoryCounts(WorkflowClient client) {
    this.client = client;
  }

  /**
   * Summary of event counts over several histories.
   *
   * @param histories how many histories
   * @param max the largest
   * @param mean the mean
   */
  record Summary(int histories, int max, double mean) {
    static Summary of(Collection<Integer> counts) {
      if (counts.isEmpty()) {
        return new Summary(0, 0, 0);
      }
      int max = Collections.max(counts);
      double mean = counts.stream().mapToInt(Integer::intValue).average().orElse(0);
      return new Summary(counts.size(), max, mean);
    }
  }

  /**
   * Events of every run of {@code workflowId}, first run first: the latest run, then each run it
   * continued from (its start event names the run before).
   */
  List<Integer> eventsPerRun(String workflowId) {
    List<Integer> counts = new ArrayList<>();
    String runId = null;
    do {
      WorkflowExecutionHistory history =
          runId == null ? client.fetchHistory(workflowId) : client.fetchHistory(workflowId, runId);
      List<HistoryEvent> events = history.getEvents();
      counts.add(0, events.size());
      runId =
          events.get(0).getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId();
    } while (!runId.isEmpty());
    return counts;
  }

  /** Events of the latest run of each workflow. */
  Summary latestRuns(Collection<String> workflowIds) {
    List<Integer> counts = new ArrayList<>();
    for (String id : workflowIds) {
      counts.add(client.fetchHistory(id).getEvents().size());
    }
    return Summary.of(counts);
  }

  /** Activities the latest run of {@code workflowId} scheduled. */
  int activityCalls(String workflowId) {
    return (int)
        client.fetchHistory(workflowId).getEvents().stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
            .count();
  }
}
