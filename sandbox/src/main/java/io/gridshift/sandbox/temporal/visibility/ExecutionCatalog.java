package io.gridshift.sandbox.temporal.visibility;

import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every execution the test server holds, with what visibility needs of each. The test server's
 * ListOpen/ListClosed give only id, type, start time and status; DescribeWorkflowExecution adds
 * search attributes, memo, task queue, close and execution time, parent and root.
 *
 * <p>Cache: a description is reused while the run's history length and status are unchanged (an
 * upsert of search attributes or memo is a history event, so it changes the length). A closed run
 * never changes again. So a listing describes only the runs that moved since the last one.
 */
final class ExecutionCatalog {
  private static final Logger log = LoggerFactory.getLogger(ExecutionCatalog.class);
  private static final long DEADLINE_SECONDS = 10;

  private record Described(
      long historyLength, WorkflowExecutionStatus status, WorkflowExecutionInfo info) {}

  private final WorkflowServiceGrpc.WorkflowServiceBlockingStub testServer;
  private final Map<String, Described> cache = new ConcurrentHashMap<>();

  ExecutionCatalog(WorkflowServiceGrpc.WorkflowServiceBlockingStub testServer) {
    this.testServer = testServer;
  }

  /** Every open and closed execution of {@code namespace} (the test server has one store). */
  List<ExecutionRecord> all(String namespace) {
    var stub = testServer.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
    List<WorkflowExecutionInfo> listed = new ArrayList<>();
    listed.addAll(
        stub.listOpenWorkflowExecutions(
                ListOpenWorkflowExecutionsRequest.newBuilder().setNamespace(namespace).build())
            .getExecutionsList());
    listed.addAll(
        stub.listClosedWorkflowExecutions(
                ListClosedWorkflowExecutionsRequest.newBuilder().setNamespace(namespace).build())
            .getExecutionsList());
    List<ExecutionRecord> records = new ArrayList<>(listed.size());
    for (WorkflowExecutionInfo brief : listed) {
      records.add(new ExecutionRecord(described(namespace, brief)));
    }
    return records;
  }

  private WorkflowExecutionInfo described(String namespace, WorkflowExecutionInfo brief) {
    String key = namespace + "/" + brief.getExecution().getRunId();
    Described known = cache.get(key);
    if (known != null
        && known.historyLength() == brief.getHistoryLength()
        && known.status() == brief.getStatus()) {
      return known.info();
    }
    try {
      WorkflowExecutionInfo full =
          testServer
              .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace(namespace)
                      .setExecution(brief.getExecution())
                      .build())
              .getWorkflowExecutionInfo();
      // The brief's length and status, not the description's: if the run moved in between, the
      // next listing describes it again.
      cache.put(key, new Described(brief.getHistoryLength(), brief.getStatus(), full));
      return full;
    } catch (StatusRuntimeException e) {
      log.debug("cannot describe {}: {}", brief.getExecution().getWorkflowId(), e.toString());
      return brief;
    }
  }
}
