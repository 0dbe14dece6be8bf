package io.gridshift.demo;

import com.uber.m3.tally.Scope;
import io.gridshift.demo.secure.SecureDemo;
import io.gridshift.sandbox.Sandbox;
import io.gridshift.sandbox.SandboxConnection;
import io.gridshift.sandbox.SandboxOptions;
import io.gridshift.starter.UpgradeService;
import io.gridshift.worker.WorkerConfig;
import io.gridshift.workflows.client.TemporalAccess;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.List;

/**
 * The connections and approvals of a demo: plain (the sandbox's defaults, gates decided on Temporal
 * directly), or {@code --secure} ({@link SecureDemo}: mutual TLS, encrypted payloads, signed
 * approvals through the REST service, RBAC enforced), so each demo is written once.
 */
final class DemoMode implements AutoCloseable {
  private final DemoOptions options;
  private final SandboxOptions secureBase;
  private final SecureDemo secure;
  private URI server;

  private DemoMode(DemoOptions options, SandboxOptions secureBase, SecureDemo secure) {
    this.options = options;
    this.secureBase = secureBase;
    this.secure = secure;
  }

  /**
   * The mode {@code options} ask for; a secure sandbox starts from {@code secureBase} (the usual
   * ports in {@code --work-dir}, or a test's ephemeral ones).
   */
  static DemoMode of(DemoOptions options, SandboxOptions secureBase) throws IOException {
    return new DemoMode(
        options, secureBase, options.secure() ? SecureDemo.prepare(options.workDir()) : null);
  }

  boolean secure() {
    return secure != null;
  }

  /** The demo's sandbox ({@link DemoSandbox#open}); the secure one starts with TLS and RBAC. */
  SandboxConnection openSandbox(PrintStream out) throws IOException {
    if (secure == null) {
      return DemoSandbox.open(options, out);
    }
    DemoSandbox.requireNoSandboxUp(options);
    out.println(
        "Starting the secure sandbox: Temporal over mutual TLS only, the Kubernetes API enforcing"
            + " deploy/rbac for the agent, real servers...");
    return DemoSandbox.startUi(Sandbox.start(secure.sandboxOptions(secureBase)), out);
  }

  /** The demo's Temporal client, reporting the SDK's metrics to {@code metrics}. */
  WorkflowClient client(SandboxConnection sandbox, Scope metrics) {
    return SandboxTemporal.client(access(sandbox), metrics);
  }

  /** How the demo reaches Temporal: the sandbox's way, or the secure demo's TLS and keys. */
  TemporalAccess access(SandboxConnection sandbox) {
    return secure == null ? sandbox.temporalAccess() : secure.access((Sandbox) sandbox);
  }

  /** The demo's in-process worker's config. */
  WorkerConfig workerConfig(SandboxConnection sandbox) {
    WorkerConfig plain = DemoSandbox.workerConfig(sandbox);
    return secure == null ? plain : secure.workerConfig((Sandbox) sandbox, plain);
  }

  /** Once the worker runs: the secure demo starts its REST service and says where. */
  void started(SandboxConnection sandbox, PrintStream out) throws Exception {
    if (secure != null) {
      server = secure.startRestService((Sandbox) sandbox);
      out.printf(
          "  REST service %s: %s requests, %s approves through it (signed approvals, four-eyes)%n",
          server, SecureDemo.REQUESTER, SecureDemo.APPROVER);
    }
  }

  /** Who the request names as its requester. */
  String requester() {
    return secure == null
        ? System.getProperty("user.name", "demo-requester")
        : SecureDemo.REQUESTER;
  }

  /** How {@code --yes} decides gates. */
  GateDecider decider(UpgradeService service) throws IOException {
    return secure == null
        ? GateDecider.direct(service)
        : GateDecider.throughServer(server, secure.approverCredentials());
  }

  /** The commands printed for a person to decide gates. */
  DemoCommands commands(SandboxConnection sandbox) {
    return secure == null
        ? DemoCommands.forCurrentUser(sandbox.temporalTarget())
        : DemoCommands.throughServer(server, SecureDemo.APPROVER, secure.approverPasswordFile());
  }

  /**
   * {@code report} with, for a secure run, what its checks found: {@code secrets} searched in the
   * raw histories of {@code workflowId}, and the RBAC refusals.
   */
  DemoReport checked(
      DemoReport report,
      SandboxConnection sandbox,
      WorkflowClient client,
      List<String> secrets,
      boolean gridTls,
      PrintStream out)
      throws IOException {
    if (secure == null) {
      return report;
    }
    out.println("\nReading the upgrade's raw histories for anything in clear ...");
    DemoReport.Security security =
        secure.check((Sandbox) sandbox, client, report.workflowId(), secrets, gridTls, out);
    out.printf(
        "  Temporal %s, payloads %s, grid %s, approvals %s, RBAC %s%n"
            + "  in clear in history: %s; RBAC denials: %d%n",
        security.temporalTls(),
        security.payloadsEncrypted() ? "encrypted" : "in clear",
        security.gridTls() ? "over TLS" : "in clear",
        security.approvals(),
        security.rbacEnforced() ? "enforced" : "not enforced",
        security.plaintextFoundInHistory().isEmpty()
            ? "nothing"
            : security.plaintextFoundInHistory(),
        security.rbacDenials());
    return report.with(security);
  }

  @Override
  public void close() throws Exception {
    if (secure != null) {
      secure.close();
    }
  }
}
