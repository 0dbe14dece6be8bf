package io.gridshift.sandbox.temporal.visibility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Timestamp;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One execution as visibility sees it: its {@link WorkflowExecutionInfo} (with search attributes
 * and memo, from DescribeWorkflowExecution) and the value of any attribute a query names, typed as
 * {@link QueryValues} compares them: String, Long, Double, Boolean, Instant, or a List of Strings
 * for a keyword list; null when the execution has no value.
 */
public record ExecutionRecord(WorkflowExecutionInfo info) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The value of {@code attribute} (of {@code type}) for this execution, or null. */
  Object value(String attribute, IndexedValueType type) {
    return switch (attribute) {
      case "WorkflowType" -> info.getType().getName();
      case "WorkflowId" -> info.getExecution().getWorkflowId();
      case "RunId" -> info.getExecution().getRunId();
      case "ExecutionStatus" -> statusName(info.getStatus());
      case "TaskQueue" -> blankToNull(info.getTaskQueue());
      case "ParentWorkflowId" -> blankToNull(info.getParentExecution().getWorkflowId());
      case "ParentRunId" -> blankToNull(info.getParentExecution().getRunId());
      case "RootWorkflowId" -> blankToNull(info.getRootExecution().getWorkflowId());
      case "RootRunId" -> blankToNull(info.getRootExecution().getRunId());
      case "StartTime" -> info.hasStartTime() ? instant(info.getStartTime()) : null;
      case "CloseTime" -> info.hasCloseTime() ? instant(info.getCloseTime()) : null;
      case "ExecutionTime" ->
          info.hasExecutionTime()
              ? instant(info.getExecutionTime())
              : info.hasStartTime() ? instant(info.getStartTime()) : null;
      case "HistoryLength" -> info.getHistoryLength();
      default -> custom(attribute, type);
    };
  }

  /** The name a query uses for a status: {@code Running}, {@code ContinuedAsNew}, ... */
  static String statusName(WorkflowExecutionStatus status) {
    String[] words = status.name().substring("WORKFLOW_EXECUTION_STATUS_".length()).split("_", -1);
    StringBuilder name = new StringBuilder();
    for (String w : words) {
      name.append(w.charAt(0)).append(w.substring(1).toLowerCase(Locale.ROOT));
    }
    return name.toString();
  }

  private Object custom(String attribute, IndexedValueType type) {
    Payload payload = info.getSearchAttributes().getIndexedFieldsMap().get(attribute);
    if (payload == null) {
      return null;
    }
    JsonNode node;
    try {
      node = JSON.readTree(payload.getData().toByteArray());
    } catch (IOException e) {
      return null;
    }
    if (node == null || node.isNull()) {
      return null;
    }
    if (type == IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST || node.isArray()) {
      List<String> values = new ArrayList<>();
      (node.isArray() ? node : JSON.createArrayNode().add(node))
          .forEach(v -> values.add(v.asText()));
      return type == IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST || values.size() != 1
          ? values
          : QueryValues.typed(values.get(0), type, attribute);
    }
    return QueryValues.typed(node.isTextual() ? node.asText() : node.toString(), type, attribute);
  }

  private static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
