package io.gridshift.sandbox.temporal;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;

/** What a schedule asks of the Temporal frontend it runs beside: start, look at, stop workflows. */
interface WorkflowFrontend {

  /**
   * Starts a workflow.
   *
   * @return its run id
   * @throws io.grpc.StatusRuntimeException as the frontend answers (e.g. ALREADY_EXISTS)
   */
  String start(StartWorkflowExecutionRequest request);

  /** The status of the latest run of {@code workflowId} (continued-as-new runs included). */
  WorkflowExecutionStatus status(String namespace, String workflowId);

  /** Asks the latest run of {@code workflowId} to cancel. */
  void cancel(String namespace, String workflowId, String identity, String reason);

  /** Terminates the latest run of {@code workflowId}. */
  void terminate(String namespace, String workflowId, String identity, String reason);
}
