package io.gridshift.workflows.client;

import io.gridshift.workflows.kinds.GridKinds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.DataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;

/**
 * The one place every gridshift process (worker, agent, CLI, REST service, demos) builds its
 * Temporal connection and client from a {@link TemporalAccess}, so transport security and payload
 * encryption are the same everywhere.
 */
public final class TemporalClients {
  private TemporalClients() {}

  /** Service stubs to {@code access}' target (connected lazily, on the first call). */
  public static WorkflowServiceStubs stubs(TemporalAccess access) {
    return WorkflowServiceStubs.newServiceStubs(stubsOptions(access));
  }

  /** The stubs' options: target, transport security and credentials. */
  public static WorkflowServiceStubsOptions stubsOptions(TemporalAccess access) {
    return WorkflowServiceStubsOptions.newBuilder().setTarget(access.target()).build();
  }

  /** The data converter of every client and worker: gridshift's payloads, encrypted if set. */
  public static DataConverter dataConverter(TemporalAccess access) {
    return GridKinds.dataConverter();
  }

  /** Client options for {@code access}' namespace; {@code identity} may be null (SDK default). */
  public static WorkflowClientOptions.Builder clientOptions(
      TemporalAccess access, String identity) {
    WorkflowClientOptions.Builder options =
        WorkflowClientOptions.newBuilder()
            .setNamespace(access.namespace())
            .setDataConverter(dataConverter(access));
    return identity == null ? options : options.setIdentity(identity);
  }

  /** A client on {@code stubs} for {@code access}. */
  public static WorkflowClient client(
      WorkflowServiceStubs stubs, TemporalAccess access, String identity) {
    return WorkflowClient.newInstance(stubs, clientOptions(access, identity).build());
  }
}
