package io.gridshift.demo;

import com.uber.m3.tally.Scope;
import io.gridshift.sandbox.SandboxConnection;
import io.gridshift.workflows.client.TemporalAccess;
import io.gridshift.workflows.client.TemporalClients;
import io.temporal.client.WorkflowClient;

/** The demos' Temporal client on the sandbox's server, as every gridshift client is configured. */
public final class SandboxTemporal {
  private SandboxTemporal() {}

  /** A client of {@code sandbox}'s Temporal; shut its service stubs down when done. */
  public static WorkflowClient client(SandboxConnection sandbox) {
    return client(sandbox.temporalAccess());
  }

  /** A client as {@code access} says (the secure demo's TLS and keys); shut its stubs down. */
  public static WorkflowClient client(TemporalAccess access) {
    return TemporalClients.client(TemporalClients.stubs(access), access, null);
  }

  /**
   * As {@link #client(TemporalAccess)}, reporting the Temporal SDK's metrics to {@code metrics}.
   */
  public static WorkflowClient client(TemporalAccess access, Scope metrics) {
    return TemporalClients.client(TemporalClients.stubs(access, metrics), access, null);
  }
}
