package io.gridshift.sandbox.temporal;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.RequestCancelWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.TerminateWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** {@link WorkflowFrontend} over gRPC: the schedules' calls to the test server they run beside. */
final class StubFrontend implements WorkflowFrontend {
  private static final long DEADLINE_SECONDS = 10;

  private final WorkflowServiceGrpc.WorkflowServiceBlockingStub stub;

  StubFrontend(WorkflowServiceGrpc.WorkflowServiceBlockingStub stub) {
    this.stub = stub;
  }

  @Override
  public String start(StartWorkflowExecutionRequest request) {
    return call().startWorkflowExecution(request).getRunId();
  }

  @Override
  public WorkflowExecutionStatus status(String namespace, String workflowId) {
    // No run id: the latest run, so a workflow that continued as new still counts as running.
    return call()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(namespace)
                .setExecution(latest(workflowId))
                .build())
        .getWorkflowExecutionInfo()
        .getStatus();
  }

  @Override
  public void cancel(String namespace, String workflowId, String identity, String reason) {
    call()
        .requestCancelWorkflowExecution(
            RequestCancelWorkflowExecutionRequest.newBuilder()
                .setNamespace(namespace)
                .setWorkflowExecution(latest(workflowId))
                .setIdentity(identity)
                .setRequestId(UUID.randomUUID().toString())
                .setReason(reason)
                .build());
  }

  @Override
  public void terminate(String namespace, String workflowId, String identity, String reason) {
    call()
        .terminateWorkflowExecution(
            TerminateWorkflowExecutionRequest.newBuilder()
                .setNamespace(namespace)
                .setWorkflowExecution(latest(workflowId))
                .setIdentity(identity)
                .setReason(reason)
                .build());
  }

  private WorkflowServiceGrpc.WorkflowServiceBlockingStub call() {
    return stub.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
  }

  private static WorkflowExecution latest(String workflowId) {
    return WorkflowExecution.newBuilder().setWorkflowId(workflowId).build();
  }
}
