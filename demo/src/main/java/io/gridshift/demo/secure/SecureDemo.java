package io.gridshift.demo.secure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.gridshift.demo.DemoReport;
import io.gridshift.demo.security.HistoryPlaintextScan;
import io.gridshift.sandbox.Sandbox;
import io.gridshift.sandbox.SandboxCluster;
import io.gridshift.sandbox.SandboxOptions;
import io.gridshift.starter.server.auth.Secrets;
import io.gridshift.worker.ApprovalSettings;
import io.gridshift.worker.WorkerConfig;
import io.gridshift.workflows.client.PayloadEncryption;
import io.gridshift.workflows.client.TemporalAccess;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code ./gridshift demo infinispan|hazelcast --secure} adds to a demo: the production
 * settings of {@code deploy/}, on the sandbox. Temporal is reached over mutual TLS only, payloads
 * are encrypted with a key made for this run, the worker accepts only gate decisions the REST
 * service signed (four-eyes: {@value #REQUESTER} requests, {@value #APPROVER} approves), the
 * Kubernetes API enforces {@code deploy/rbac} for the agent, and the grid speaks TLS. At the end
 * {@link #check} reads the upgrade's raw histories for anything in clear and counts the API's
 * refusals: the report's {@code security}.
 */
public final class SecureDemo implements AutoCloseable {
  /** Who asks for the upgrade. */
  public static final String REQUESTER = "alice";

  /** Who approves its gates, through the REST service. */
  public static final String APPROVER = "bob";

  static final String KEY_ID = "k1";

  private final SecureFiles files;
  private final Path payloadKey;
  private final Path approvalKey;
  private final Path requesterPassword;
  private final Path approverPassword;
  private DemoRestServer rest;

  private SecureDemo(Path dir) throws IOException {
    this.files = new SecureFiles(dir);
    this.payloadKey = files.key("payload-" + KEY_ID + ".key");
    this.approvalKey = files.key("approval-" + KEY_ID + ".key");
    this.requesterPassword = files.password(REQUESTER + ".password");
    this.approverPassword = files.password(APPROVER + ".password");
  }

  /** Makes this run's keys and passwords under {@code <workDir>/secure}. */
  public static SecureDemo prepare(Path workDir) throws IOException {
    return new SecureDemo(workDir.resolve("secure"));
  }

  /** {@code base} with Temporal over mutual TLS only and the agent's RBAC enforced. */
  public SandboxOptions sandboxOptions(SandboxOptions base) {
    return base.withTemporalTls(true).withRbacFrom(deployDir());
  }

  /** How every client and worker of this run reaches Temporal: the sandbox's TLS, encrypted. */
  public TemporalAccess access(Sandbox sandbox) {
    return sandbox
        .temporalAccess()
        .withEncryption(
            new PayloadEncryption(
                KEY_ID, List.of(new PayloadEncryption.Key(KEY_ID, payloadKey.toString()))));
  }

  /** {@code base} with this run's Temporal access and signed approvals with four-eyes required. */
  public WorkerConfig workerConfig(Sandbox sandbox, WorkerConfig base) {
    return new WorkerConfig(
            access(sandbox), base.hostWorkflows(), base.clusters(), base.notifications())
        .withApprovals(ApprovalSettings.signed(Map.of(KEY_ID, approvalKey.toString()), true));
  }

  /**
   * Starts the REST service (in this process, on a loopback port) with the same Temporal access,
   * the two people and the approval signing key; returns its URL.
   */
  public URI startRestService(Sandbox sandbox) throws Exception {
    Path config = files.dir().resolve("server.yaml");
    new ObjectMapper(new YAMLFactory()).writeValue(config.toFile(), serverConfig(sandbox));
    rest = DemoRestServer.start(config);
    // The UI started before the service's port was known: it decodes through the codec from now.
    sandbox.ui().ifPresent(ui -> ui.useCodec(rest.uri() + "/codec"));
    return rest.uri();
  }

  private Map<String, Object> serverConfig(Sandbox sandbox) throws IOException {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("temporal", access(sandbox));
    config.put(
        "auth",
        Map.of(
            "realm",
            "gridshift",
            "users",
            List.of(
                user(REQUESTER, requesterPassword, "requester"),
                user(APPROVER, approverPassword, "approver"))));
    config.put(
        "approvals", Map.of("activeKey", KEY_ID, "keys", Map.of(KEY_ID, approvalKey.toString())));
    // The sandbox's Temporal UI calls the codec endpoints from its own origin.
    sandbox.ui().ifPresent(ui -> config.put("codec", Map.of("corsOrigins", List.of(ui.address()))));
    Map<String, Object> loopback = Map.of("type", "http", "bindHost", "127.0.0.1", "port", 0);
    config.put(
        "server",
        Map.of(
            "applicationConnectors",
            List.of(loopback),
            "adminConnectors",
            List.of(loopback),
            "requestLog",
            Map.of("appenders", List.of())));
    config.put("logging", Map.of("type", "external"));
    return config;
  }

  private static Map<String, Object> user(String name, Path passwordFile, String role)
      throws IOException {
    // Stored as the production config stores them: salted, slow bcrypt hashes.
    return Map.of(
        "name",
        name,
        "password",
        Secrets.bcrypt(SecureFiles.read(passwordFile)),
        "roles",
        List.of(role));
  }

  /** The environment the CLI reads to act as the approver. */
  public Map<String, String> approverCredentials() throws IOException {
    return Map.of(
        "GRIDSHIFT_USER", APPROVER, "GRIDSHIFT_PASSWORD", SecureFiles.read(approverPassword));
  }

  /** The file holding the approver's password (for the commands the demo prints). */
  public Path approverPasswordFile() {
    return approverPassword;
  }

  /**
   * What held: {@code secrets} (grid data, names, credentials) searched in the raw histories of
   * {@code workflowId} and its children, and every cluster's RBAC refusals.
   *
   * @param gridTls whether the grid's endpoints spoke TLS
   */
  public DemoReport.Security check(
      Sandbox sandbox,
      WorkflowClient client,
      String workflowId,
      List<String> secrets,
      boolean gridTls,
      PrintStream out)
      throws IOException {
    List<String> all = new ArrayList<>(secrets);
    all.add(SecureFiles.read(requesterPassword));
    all.add(SecureFiles.read(approverPassword));
    List<String> found =
        HistoryPlaintextScan.of(
                client.getWorkflowServiceStubs(), client.getOptions().getNamespace())
            .scan(List.of(workflowId), all)
            .stream()
            .map(Object::toString)
            .toList();
    long denials = 0;
    for (SandboxCluster cluster : sandbox.clusters()) {
      denials += cluster.rbacDenials();
      cluster.recentRbacDenials().forEach(d -> out.println("  RBAC denied: " + d));
    }
    TemporalAccess access = access(sandbox);
    return new DemoReport.Security(
        access.tls().mutual() ? "mutual TLS" : access.tls().enabled() ? "TLS" : "plain text",
        access.encryption().enabled(),
        gridTls,
        ApprovalSettings.SIGNED,
        sandbox.clusters().stream().allMatch(SandboxCluster::rbacEnforced),
        found,
        denials);
  }

  /**
   * The project's {@code deploy/} directory: from the working directory or one of its parents (the
   * demo runs from the checkout's root, its tests from the module's directory).
   */
  static Path deployDir() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("deploy").resolve("rbac"))) {
        return dir.resolve("deploy");
      }
    }
    throw new IllegalStateException(
        "--secure enforces the RBAC in deploy/rbac: run the demo from the gridshift checkout");
  }

  @Override
  public void close() throws Exception {
    if (rest != null) {
      rest.close();
    }
  }
}
