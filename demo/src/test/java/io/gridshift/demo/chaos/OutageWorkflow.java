package io.gridshift.demo.chaos;

import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Waits for a signal, then runs one activity: work on both sides of a Temporal outage. */
@WorkflowInterface
public interface OutageWorkflow {
  @WorkflowMethod
  String run();

  @SignalMethod
  void proceed();
}
