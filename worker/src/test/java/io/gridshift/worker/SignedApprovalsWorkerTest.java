package io.gridshift.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gridshift.workflows.approval.ApprovalKeys;
import io.gridshift.workflows.approval.ApprovalSigner;
import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.common.GateDecision;
import io.gridshift.workflows.common.Gatekeeper;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.TaskQueues;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.kinds.GridKinds;
import io.gridshift.workflows.testing.FakeKubernetes;
import io.gridshift.workflows.testkind.EchoUpgradeRequest;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker whose config says {@code approvals: {mode: signed, keys, fourEyes: required}} hands the
 * key and the rules to the workflows it hosts: an unsigned update is refused with the way to
 * decide, the requester's own signed approval is refused by four-eyes, another person's signed
 * approval passes. A config with a missing or short key file is refused, naming the key id.
 */
class SignedApprovalsWorkerTest {
  static final String KEY = "worker-test-key-0123456789abcdef0123456789";

  @TempDir Path dir;

  @Test
  void aSignedWorkerAcceptsOnlyDecisionsSignedWithItsKey() throws Exception {
    Path key = Files.writeString(dir.resolve("k1"), KEY + "\n");
    WorkerConfig config = load(signedConfig(key.toString(), "required"));
    ApprovalSigner rest =
        new ApprovalSigner(ApprovalKeys.fromFiles(Map.of("k1", key.toString()), "k1"));
    try (TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(
                    WorkflowClientOptions.newBuilder()
                        .setDataConverter(GridKinds.dataConverter())
                        .build())
                .build())) {
      ClusterRef cluster = new ClusterRef("echo-cluster", "apps");
      env.newWorker(cluster.taskQueue()).registerActivitiesImplementations(new FakeKubernetes());
      try (GridshiftWorker worker = new GridshiftWorker(env.getWorkflowClient(), config)) {
        worker.start();
        env.start();
        EchoUpgradeRequest request =
            new EchoUpgradeRequest(cluster, "e1", "2", Map.of(), false, "alice", false);
        String id = request.workflowId();
        WorkflowStub stub =
            env.getWorkflowClient()
                .newUntypedWorkflowStub(
                    GridKinds.named("echo").workflowType(),
                    WorkflowOptions.newBuilder()
                        .setWorkflowId(id)
                        .setTaskQueue(TaskQueues.WORKFLOWS)
                        .build());
        stub.start(request);
        awaitGate(stub);
        Instant now = Instant.ofEpochMilli(env.currentTimeMillis());

        assertThat(refusal(stub, new GateDecision("go", "bob", null)))
            .contains(Gatekeeper.UNSIGNED);
        // The request did not ask for four-eyes; the worker requires it.
        assertThat(
                refusal(
                    stub,
                    new GateDecision("go", "alice", null, rest.sign(id, "go", true, "alice", now))))
            .contains("four-eyes is on");
        AuditEntry ok =
            stub.update(
                "approve",
                AuditEntry.class,
                new GateDecision("go", "bob", "ok", rest.sign(id, "go", true, "bob", now)));
        assertThat(ok.action()).isEqualTo(AuditEntry.Action.APPROVED);

        UpgradeStatus done = stub.getResult(UpgradeStatus.class);
        assertThat(done.phase()).isEqualTo(Phase.COMPLETED);
        assertThat(done.audit())
            .filteredOn(e -> e.action() == AuditEntry.Action.REFUSED)
            .extracting(AuditEntry::by)
            .containsExactly("bob");
      }
    }
  }

  @Test
  void signedModeWithoutAReadableKeyOrWithAnUnknownSettingIsRefused() throws Exception {
    Path shortKey = Files.writeString(dir.resolve("short"), "short");
    assertThatThrownBy(() -> load(signedConfig(dir.resolve("absent").toString(), "required")))
        .hasMessageContaining("approvals.keys.k1: cannot read key file");
    assertThatThrownBy(() -> load(signedConfig(shortKey.toString(), "always")))
        .hasMessageContaining("fewer than 32")
        .hasMessageContaining("approvals.fourEyes 'always' is neither required nor per-request")
        .hasMessageNotContaining("short\n");
    assertThatThrownBy(
            () ->
                load(
                    """
                    approvals:
                      keys: {k1: /etc/k1}
                    """))
        .hasMessageContaining("approvals.keys is set but approvals.mode is open");
    // The default is open: what the sandbox and the demos run.
    assertThat(load("hostWorkflows: true\n").approvals().mode()).isEqualTo("open");
  }

  @Test
  void theProductionWorkerConfigRunsSignedApprovalsWithFourEyesRequired() throws Exception {
    Path shipped =
        Path.of("")
            .toAbsolutePath()
            .getParent()
            .resolve("deploy/overlays/central/worker-config.yaml");
    String yaml = Files.readString(shipped);
    Path deployed = Files.writeString(dir.resolve("shipped-worker.yaml"), yaml);
    // Without the mounted Secret the worker refuses to start, naming the key file.
    assertThatThrownBy(() -> WorkerConfig.load(deployed))
        .hasMessageContaining(
            "approvals.keys.k1: cannot read key file /etc/gridshift-approvals/k1");
    Path key = Files.writeString(dir.resolve("k1"), KEY);
    // The file paths the other mounted Secrets provide (the webhook signing key is read at load).
    Path webhookKey = Files.writeString(dir.resolve("webhook-key"), KEY);
    WorkerConfig config =
        load(
            yaml.replace("/etc/gridshift-approvals/k1", key.toString())
                .replace("/etc/gridshift-webhook/key", webhookKey.toString()));
    assertThat(config.approvals().mode()).isEqualTo(ApprovalSettings.SIGNED);
    assertThat(config.approvals().fourEyes()).isEqualTo(ApprovalSettings.REQUIRED);
    assertThat(config.approvals().toApprovals().rules().fourEyesRequired()).isTrue();
  }

  private static String signedConfig(String keyFile, String fourEyes) {
    return """
        approvals:
          mode: signed
          keys:
            k1: %s
          fourEyes: %s
        """
        .formatted(keyFile, fourEyes);
  }

  private WorkerConfig load(String yaml) throws Exception {
    Path file = Files.writeString(dir.resolve("worker.yaml"), yaml);
    return WorkerConfig.load(file);
  }

  private static String refusal(WorkflowStub stub, GateDecision decision) {
    WorkflowUpdateException e =
        catchThrowableOfType(
            WorkflowUpdateException.class,
            () -> stub.update("approve", AuditEntry.class, decision));
    assertThat(e).as("the update should have been refused").isNotNull();
    StringBuilder messages = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      messages.append(t.getMessage()).append(" | ");
    }
    return messages.toString();
  }

  private static void awaitGate(WorkflowStub stub) throws InterruptedException {
    for (int i = 0; i < 400; i++) {
      try {
        if (stub.query("status", UpgradeStatus.class).openGate() != null) {
          return;
        }
      } catch (RuntimeException e) {
        // No workflow task has run yet.
      }
      Thread.sleep(25);
    }
    throw new AssertionError("gate go never opened");
  }
}
