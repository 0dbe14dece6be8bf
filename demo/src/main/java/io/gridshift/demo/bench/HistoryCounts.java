package io.gridshift.demo.bench;

import com.google.protobuf.util.Timestamps;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

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

  /**
   * Across every run of {@code parentId}: for each child started into a slot that an ended child
   * freed, milliseconds from the end (as the server recorded it) to the parent's start command for
   * the next child. Children started before any slot freed (a stage's first fill) are not counted;
   * children whose id ends with {@code ignoredSuffix} (dry runs) are ignored.
   */
  List<Long> slotRefillMs(String parentId, String ignoredSuffix) {
    List<Long> delays = new ArrayList<>();
    String runId = null;
    do {
      WorkflowExecutionHistory history =
          runId == null ? client.fetchHistory(parentId) : client.fetchHistory(parentId, runId);
      Deque<Long> freed = new ArrayDeque<>();
      for (HistoryEvent e : history.getEvents()) {
        long at = Timestamps.toMillis(e.getEventTime());
        String child = childId(e);
        if (child == null || child.endsWith(ignoredSuffix)) {
          continue;
        }
        if (e.getEventType() == EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED) {
          if (!freed.isEmpty()) {
            delays.add(at - freed.removeFirst());
          }
        } else if (ENDED.contains(e.getEventType())) {
          freed.addLast(at);
        }
      }
      runId =
          history
              .getEvents()
              .get(0)
              .getWorkflowExecutionStartedEventAttributes()
              .getContinuedExecutionRunId();
    } while (!runId.isEmpty());
    return delays;
  }

  private static final Set<EventType> ENDED =
      EnumSet.of(
          EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED,
          EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_FAILED,
          EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_CANCELED,
          EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TERMINATED,
          EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TIMED_OUT);

  private static String childId(HistoryEvent e) {
    return switch (e.getEventType()) {
      case EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED ->
          e.getStartChildWorkflowExecutionInitiatedEventAttributes().getWorkflowId();
      case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED ->
          e.getChildWorkflowExecutionCompletedEventAttributes()
              .getWorkflowExecution()
              .getWorkflowId();
      case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_FAILED ->
          e.getChildWorkflowExecutionFailedEventAttributes().getWorkflowExecution().getWorkflowId();
      case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_CANCELED ->
          e.getChildWorkflowExecutionCanceledEventAttributes()
              .getWorkflowExecution()
              .getWorkflowId();
      case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TERMINATED ->
          e.getChildWorkflowExecutionTerminatedEventAttributes()
              .getWorkflowExecution()
              .getWorkflowId();
      case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TIMED_OUT ->
          e.getChildWorkflowExecutionTimedOutEventAttributes()
              .getWorkflowExecution()
              .getWorkflowId();
      default -> null;
    };
  }
}
