package io.gridshift.sandbox.temporal;

import io.temporal.api.common.v1.SearchAttributes;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.workflow.v1.NewWorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import io.temporal.common.SearchAttributeKey;
import io.temporal.internal.common.SearchAttributesUtil;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The StartWorkflowExecution request a schedule's action becomes, as the server builds it ({@code
 * startWorkflow} in {@code workflow.go}): the id gets the nominal time appended (the server always
 * appends it now), duplicates of a scheduled id are refused while a trigger may reuse one, and
 * input, memo, search attributes, header, timeouts, retry policy, metadata and priority pass
 * through.
 */
record ScheduledStart(
    String namespace, String scheduleId, String identity, NewWorkflowExecutionInfo action) {

  /** {@code <action id>-<nominal time in RFC 3339, UTC, to the second>}. */
  String workflowId(Instant nominal) {
    return action.getWorkflowId()
        + "-"
        + DateTimeFormatter.ISO_INSTANT.format(nominal.truncatedTo(ChronoUnit.SECONDS));
  }

  StartWorkflowExecutionRequest toRequest(StartBuffer.Start start) {
    StartWorkflowExecutionRequest.Builder b =
        StartWorkflowExecutionRequest.newBuilder()
            .setNamespace(namespace)
            .setWorkflowId(workflowId(start.nominal()))
            .setWorkflowType(action.getWorkflowType())
            .setTaskQueue(action.getTaskQueue())
            .setInput(action.getInput())
            .setWorkflowExecutionTimeout(action.getWorkflowExecutionTimeout())
            .setWorkflowRunTimeout(action.getWorkflowRunTimeout())
            .setWorkflowTaskTimeout(action.getWorkflowTaskTimeout())
            .setIdentity(identity)
            .setRequestId(UUID.randomUUID().toString())
            .setWorkflowIdReusePolicy(
                start.manual()
                    ? WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE
                    : WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            .setMemo(action.getMemo())
            .setSearchAttributes(searchAttributes(start.nominal()))
            .setHeader(action.getHeader());
    if (action.hasRetryPolicy()) {
      b.setRetryPolicy(action.getRetryPolicy());
    }
    if (action.hasUserMetadata()) {
      b.setUserMetadata(action.getUserMetadata());
    }
    if (action.hasPriority()) {
      b.setPriority(action.getPriority());
    }
    return b.build();
  }

  /** Which schedule started a workflow (keyword), as the server sets it. */
  static final SearchAttributeKey<String> SCHEDULED_BY_ID =
      SearchAttributeKey.forKeyword("TemporalScheduledById");

  /** The nominal time a scheduled workflow was started for, as the server sets it. */
  static final SearchAttributeKey<OffsetDateTime> SCHEDULED_START_TIME =
      SearchAttributeKey.forOffsetDateTime("TemporalScheduledStartTime");

  /**
   * The action's search attributes plus the two the server adds. The Java test server refuses
   * search attributes it does not know: {@link ScheduleService} registers these two first.
   */
  private SearchAttributes searchAttributes(Instant nominal) {
    SearchAttributes added =
        SearchAttributesUtil.encodeTyped(
            io.temporal.common.SearchAttributes.newBuilder()
                .set(SCHEDULED_BY_ID, scheduleId)
                .set(
                    SCHEDULED_START_TIME,
                    nominal.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC))
                .build());
    return action.getSearchAttributes().toBuilder()
        .putAllIndexedFields(added.getIndexedFieldsMap())
        .build();
  }
}
