package io.gridshift.demo;

import io.gridshift.sandbox.SandboxConnection;
import io.gridshift.workflows.kinds.GridKinds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;

/** The demos' Temporal client on the sandbox's server, as every gridshift client is configured. */
public final class SandboxTemporal {
  private SandboxTemporal() {}

  /** A client of {@code sandbox}'s Temporal; shut its service stubs down when done. */
  public static WorkflowClient client(SandboxConnection sandbox) {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(sandbox.temporalTarget()).build());
    return WorkflowClient.newInstance(
        stubs,
        WorkflowClientOptions.newBuilder().setDataConverter(GridKinds.dataConverter()).build());
  }
}
