package io.gridshift.demo.security;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.SearchAttributes;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the raw histories of workflows straight from Temporal (no data converter, no codec) and
 * reports every payload that holds one of the given strings in clear: what anyone who can read the
 * history (the Temporal UI without a codec, {@code temporal workflow show}, a database backup)
 * would see.
 *
 * <ol>
 *   <li>Each workflow is read at the given run (or its latest), then back through every earlier run
 *       it continued from, and every child workflow any of those runs started, recursively.
 *   <li>In every event, every {@code Payload} (inputs, results, signals, updates, markers,
 *       heartbeats, memo, failure details) is searched as bytes (metadata and data), and so are the
 *       {@code message} and {@code stack_trace} of every {@code Failure}.
 *   <li>Search attributes are not searched: Temporal's visibility must read them, so they are never
 *       encrypted (see the README's "Encrypted payloads and the Temporal UI"); nor are workflow
 *       ids, activity ids and task queues, which are not payloads either.
 * </ol>
 *
 * <p>With {@link #decodingWith} the payloads are decoded first: a scan that must find the strings,
 * to show that the scan itself works.
 */
public final class HistoryPlaintextScan {
  /**
   * One string found in clear.
   *
   * @param workflowId the workflow whose history holds it
   * @param runId its run
   * @param eventId the event's id
   * @param eventType the event's type, e.g. {@code EVENT_TYPE_ACTIVITY_TASK_SCHEDULED}
   * @param field where in the event, e.g. {@code activity_task_scheduled_event_attributes.input}
   * @param text the string found
   */
  public record Finding(
      String workflowId, String runId, long eventId, String eventType, String field, String text) {
    @Override
    public String toString() {
      return "'"
          + text
          + "' in "
          + workflowId
          + "/"
          + runId
          + " event "
          + eventId
          + " "
          + eventType
          + " "
          + field;
    }
  }

  private final WorkflowServiceStubs stubs;
  private final String namespace;
  private final PayloadCodec decoder;

  private HistoryPlaintextScan(WorkflowServiceStubs stubs, String namespace, PayloadCodec decoder) {
    this.stubs = stubs;
    this.namespace = namespace;
    this.decoder = decoder;
  }

  /** A scan of raw histories in {@code namespace}, read through {@code stubs}. */
  public static HistoryPlaintextScan of(WorkflowServiceStubs stubs, String namespace) {
    return new HistoryPlaintextScan(stubs, namespace, null);
  }

  /** The same scan, decoding every payload with {@code codec} before searching it. */
  public HistoryPlaintextScan decodingWith(PayloadCodec codec) {
    return new HistoryPlaintextScan(stubs, namespace, codec);
  }

  /**
   * Every occurrence of a non-blank string of {@code secrets} in the payloads of {@code
   * workflowIds}' latest runs, their earlier runs and their children; empty when none is in clear.
   */
  public List<Finding> scan(Collection<String> workflowIds, Collection<String> secrets) {
    return scanExecutions(
        workflowIds.stream()
            .map(id -> WorkflowExecution.newBuilder().setWorkflowId(id).build())
            .toList(),
        secrets);
  }

  /**
   * As {@link #scan}, for given runs (an empty run id means the latest): an upgrade's workflow id
   * is the same for every upgrade of a grid, so a run id picks one of them.
   */
  public List<Finding> scanExecutions(
      Collection<WorkflowExecution> executions, Collection<String> secrets) {
    List<String> needles = secrets.stream().filter(s -> s != null && !s.isBlank()).toList();
    List<Finding> findings = new ArrayList<>();
    Deque<WorkflowExecution> todo = new ArrayDeque<>(executions);
    Set<String> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      WorkflowExecution execution = todo.poll();
      List<HistoryEvent> events = history(execution);
      String runId = execution.getRunId();
      for (HistoryEvent event : events) {
        runId = follow(execution.getWorkflowId(), runId, event, todo, seen);
        search(event, "", needles, new Where(execution.getWorkflowId(), runId, event), findings);
      }
    }
    return findings;
  }

  /** Where an event is, for findings. */
  private record Where(String workflowId, String runId, HistoryEvent event) {}

  /**
   * Queues the earlier run and the children an event names; returns the run id being read (a latest
   * run read by workflow id alone learns it from its first event).
   */
  private static String follow(
      String workflowId,
      String runId,
      HistoryEvent event,
      Deque<WorkflowExecution> todo,
      Set<String> seen) {
    if (event.hasWorkflowExecutionStartedEventAttributes()) {
      var started = event.getWorkflowExecutionStartedEventAttributes();
      if (runId.isEmpty()) {
        runId = started.getOriginalExecutionRunId();
      }
      seen.add(workflowId + "/" + runId);
      if (!started.getContinuedExecutionRunId().isEmpty()) {
        queue(todo, seen, workflowId, started.getContinuedExecutionRunId());
      }
    }
    if (event.hasChildWorkflowExecutionStartedEventAttributes()) {
      WorkflowExecution child =
          event.getChildWorkflowExecutionStartedEventAttributes().getWorkflowExecution();
      queue(todo, seen, child.getWorkflowId(), child.getRunId());
    }
    return runId;
  }

  private static void queue(
      Deque<WorkflowExecution> todo, Set<String> seen, String workflowId, String runId) {
    if (seen.add(workflowId + "/" + runId)) {
      todo.add(WorkflowExecution.newBuilder().setWorkflowId(workflowId).setRunId(runId).build());
    }
  }

  private List<HistoryEvent> history(WorkflowExecution execution) {
    List<HistoryEvent> events = new ArrayList<>();
    ByteString page = ByteString.EMPTY;
    do {
      GetWorkflowExecutionHistoryResponse response =
          stubs
              .blockingStub()
              .getWorkflowExecutionHistory(
                  GetWorkflowExecutionHistoryRequest.newBuilder()
                      .setNamespace(namespace)
                      .setExecution(execution)
                      .setNextPageToken(page)
                      .build());
      events.addAll(response.getHistory().getEventsList());
      page = response.getNextPageToken();
    } while (!page.isEmpty());
    return events;
  }

  private void search(
      Message message, String path, List<String> needles, Where where, List<Finding> findings) {
    if (message instanceof SearchAttributes) {
      return;
    }
    if (message instanceof Payload payload) {
      Payload readable = decoder == null ? payload : decoder.decode(List.of(payload)).get(0);
      match(readable.toByteString(), path, needles, where, findings);
      return;
    }
    if (message instanceof Failure failure) {
      match(
          ByteString.copyFromUtf8(failure.getMessage()),
          path + ".message",
          needles,
          where,
          findings);
      match(
          ByteString.copyFromUtf8(failure.getStackTrace()),
          path + ".stack_trace",
          needles,
          where,
          findings);
    }
    for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
      if (field.getKey().getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
        continue;
      }
      String name =
          path.isEmpty() ? field.getKey().getName() : path + "." + field.getKey().getName();
      if (field.getValue() instanceof List<?> list) {
        for (Object item : list) {
          search(entryValue((Message) item), name, needles, where, findings);
        }
      } else {
        search((Message) field.getValue(), name, needles, where, findings);
      }
    }
  }

  /** A map field's entry stands for its value (e.g. a memo's or a header's payload). */
  private static Message entryValue(Message item) {
    if (item.getDescriptorForType().getOptions().getMapEntry()) {
      Object value = item.getField(item.getDescriptorForType().findFieldByName("value"));
      if (value instanceof Message m) {
        return m;
      }
    }
    return item;
  }

  private static void match(
      ByteString bytes, String field, List<String> needles, Where where, List<Finding> findings) {
    String text = bytes.toString(StandardCharsets.ISO_8859_1);
    for (String needle : needles) {
      String latin1 =
          new String(needle.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
      if (text.contains(latin1)) {
        findings.add(
            new Finding(
                where.workflowId(),
                where.runId(),
                where.event().getEventId(),
                where.event().getEventType().name(),
                field,
                needle));
      }
    }
  }
}
