package io.gridshift.demo;

import io.gridshift.sandbox.SandboxConnection;
import io.gridshift.workflows.client.TemporalAccess;
import io.gridshift.workflows.client.TemporalClients;
import io.temporal.client.WorkflowClient;

/** The demos' Temporal client on the sandbox's server, as every gridshift client is configured. */
public final class SandboxTemporal {
  private SandboxTemporal() {}

  /** A client of {@code sandbox}'s Temporal; shut its service stubs down when done. */
  public static WorkflowClient client(SandboxConnection sandbox) {
    return client(TemporalAccess.plain(sandbox.temporalTarget()));
  }

  /** A client as {@code access} says (the secure demo's TLS and keys); shut its stubs down. */
  public static WorkflowClient client(TemporalAccess access) {
    return TemporalClients.client(TemporalClients.stubs(access), access, null);
  }
}
