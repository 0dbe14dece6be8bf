package io.gridshift.starter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.query.v1.WorkflowQuery;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.QueryWorkflowRequest;
import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the listings ({@link UpgradeLister}, {@link FleetLister}) find executions: one visibility
 * query (ListWorkflowExecutions), on a real Temporal server as in the sandbox (which answers it
 * itself); only where visibility queries are not implemented (a bare Java test server, e.g. the
 * SDK's in-process test environment, answers UNIMPLEMENTED) the open and closed executions, which
 * the caller filters by type and status itself. Also reads an execution's input from its first
 * history event, for executions whose memo the listing leaves out, and a running one's status.
 */
final class WorkflowExecutions {
  private static final Logger log = LoggerFactory.getLogger(WorkflowExecutions.class);

  private final WorkflowClient client;

  WorkflowExecutions(WorkflowClient client) {
    this.client = client;
  }

  /**
   * The executions {@code visibilityQuery} selects, or, where the server has no visibility queries,
   * every open (when {@code wanted} is null or RUNNING) and closed (unless {@code wanted} is
   * RUNNING) execution, at most {@code pageSize} of each: the caller filters those.
   */
  List<WorkflowExecutionInfo> list(
      String visibilityQuery, WorkflowExecutionStatus wanted, int pageSize) {
    String namespace = client.getOptions().getNamespace();
    var service = client.getWorkflowServiceStubs().blockingStub();
    try {
      return service
          .listWorkflowExecutions(
              ListWorkflowExecutionsRequest.newBuilder()
                  .setNamespace(namespace)
                  .setQuery(visibilityQuery)
                  .setPageSize(pageSize)
                  .build())
          .getExecutionsList();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
        throw e;
      }
      log.debug("visibility queries are not implemented here; listing open and closed instead");
    }
    List<WorkflowExecutionInfo> all = new ArrayList<>();
    if (wanted == null || wanted == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      all.addAll(
          service
              .listOpenWorkflowExecutions(
                  ListOpenWorkflowExecutionsRequest.newBuilder()
                      .setNamespace(namespace)
                      .setMaximumPageSize(pageSize)
                      .build())
              .getExecutionsList());
    }
    if (wanted != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      all.addAll(
          service
              .listClosedWorkflowExecutions(
                  ListClosedWorkflowExecutionsRequest.newBuilder()
                      .setNamespace(namespace)
                      .setMaximumPageSize(pageSize)
                      .build())
              .getExecutionsList());
    }
    return all;
  }

  /**
   * The workflow's input (first argument), from its first history event; missing when unreadable.
   */
  JsonNode input(WorkflowExecution execution) {
    try {
      var history =
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .getWorkflowExecutionHistory(
                  GetWorkflowExecutionHistoryRequest.newBuilder()
                      .setNamespace(client.getOptions().getNamespace())
                      .setExecution(execution)
                      .setMaximumPageSize(1)
                      .build());
      Payloads input =
          history.getHistory().getEvents(0).getWorkflowExecutionStartedEventAttributes().getInput();
      return client
          .getOptions()
          .getDataConverter()
          .fromPayloads(0, Optional.of(input), JsonNode.class, JsonNode.class);
    } catch (RuntimeException e) {
      log.debug("cannot read the input of {}: {}", execution.getWorkflowId(), e.toString());
      return MissingNode.getInstance();
    }
  }

  /**
   * The {@code status} query of a running workflow, bounded to {@code millis}; empty when it does
   * not answer in time (no worker, a busy one): a listing still shows the workflow without it.
   */
  <T> Optional<T> status(String workflowId, Class<T> type, long millis) {
    try {
      var response =
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .withDeadlineAfter(millis, TimeUnit.MILLISECONDS)
              .queryWorkflow(
                  QueryWorkflowRequest.newBuilder()
                      .setNamespace(client.getOptions().getNamespace())
                      .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                      .setQuery(WorkflowQuery.newBuilder().setQueryType("status"))
                      .build());
      return Optional.ofNullable(
          client
              .getOptions()
              .getDataConverter()
              .fromPayloads(0, Optional.of(response.getQueryResult()), type, type));
    } catch (RuntimeException e) {
      log.debug("status query of {} failed: {}", workflowId, e.toString());
      return Optional.empty();
    }
  }
}
