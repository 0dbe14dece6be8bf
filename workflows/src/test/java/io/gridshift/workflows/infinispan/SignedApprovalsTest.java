package io.gridshift.workflows.infinispan;

import static io.gridshift.workflows.testing.FakeInfinispanGrid.matching;
import static io.gridshift.workflows.testing.FakeInfinispanGrid.missing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

import io.gridshift.workflows.approval.ApprovalClaims;
import io.gridshift.workflows.approval.ApprovalKeys;
import io.gridshift.workflows.approval.ApprovalSigner;
import io.gridshift.workflows.approval.Approvals;
import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.AuditEntry.Action;
import io.gridshift.workflows.common.GateDecision;
import io.gridshift.workflows.common.Gatekeeper;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.TaskQueues;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.infinispan.activities.VerifyRequest;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Signed approvals on the real Infinispan workflow: the worker holds the key (its factory hands
 * {@link Approvals} to each instance), a decision signed the way the REST service signs passes, and
 * an unsigned one (a Temporal UI signal, the direct CLI's update) or one with a wrong token is
 * refused and audited REFUSED with its reason. The worker also forces four-eyes.
 */
class SignedApprovalsTest extends WorkflowTestSupport {
  static final byte[] KEY =
      "signed-approvals-test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  static final ApprovalKeys KEYS = ApprovalKeys.of(Map.of("k1", KEY), "k1");
  static final String SWITCH = InfinispanGates.SWITCH_TRAFFIC;
  static final Path RECORDED = Path.of("src/test/resources/histories/infinispan-signed.json");

  final ApprovalSigner signer = new ApprovalSigner(KEYS);

  @Override
  void registerWorkflows(TestWorkflowEnvironment env) {
    Approvals signed = Approvals.signed(KEYS, true);
    env.newWorker(TaskQueues.WORKFLOWS)
        .registerWorkflowImplementationFactory(
            InfinispanUpgradeWorkflow.class,
            () -> signed.applyTo(new InfinispanUpgradeWorkflowImpl()));
  }

  @Test
  void onlyADecisionSignedForThisWorkflowGateAndPersonPasses() {
    InfinispanUpgradeWorkflow stub = start(Requests.upgrade().build());
    String id = Requests.upgrade().build().withDefaults().workflowId();
    awaitGate(stub, SWITCH);

    // The Temporal UI's signal and the direct CLI's update carry no token.
    stub.approveSignal(new GateDecision(SWITCH, "bob", "from the Temporal UI"));
    assertThat(lastRefusal(stub, 1).reason()).isEqualTo(Gatekeeper.UNSIGNED);
    String cli = refusal(() -> stub.approve(new GateDecision(SWITCH, "bob", "direct CLI")));
    assertThat(cli).contains("signed approvals are on").contains("./gridshift --server URL");
    AuditEntry refusedUpdate = lastRefusal(stub, 2);
    assertThat(refusedUpdate.by()).isEqualTo("bob");
    assertThat(refusedUpdate.comment()).isEqualTo("direct CLI");

    // Tokens that are real but not for this decision.
    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
    signal(stub, "bob", signer.sign("infinispan-upgrade-elsewhere", SWITCH, true, "bob", now));
    assertThat(lastRefusal(stub, 3).reason())
        .contains("for workflow 'infinispan-upgrade-elsewhere', not this one");
    signal(stub, "mallory", signer.sign(id, SWITCH, true, "bob", now));
    assertThat(lastRefusal(stub, 4).reason()).contains("issued to 'bob', not to 'mallory'");
    signal(stub, "bob", signer.sign(id, InfinispanGates.CUTOVER, true, "bob", now));
    assertThat(lastRefusal(stub, 5).reason()).contains("for gate 'cutover'");
    stub.approveSignal(
        new GateDecision(SWITCH, "bob", "ok", signer.sign(id, SWITCH, false, "bob", now)));
    assertThat(lastRefusal(stub, 6).reason()).contains("for REJECT, not APPROVE");
    String expired =
        signer.sign(
            new ApprovalClaims(
                id, SWITCH, ApprovalClaims.APPROVE, "bob", now.getEpochSecond() - 1, "n-expired"));
    signal(stub, "bob", expired);
    assertThat(lastRefusal(stub, 7).reason()).contains("expired");
    String forged =
        new ApprovalSigner(
                ApprovalKeys.of(
                    Map.of("k1", "another-key-0123456789abcdef012345".getBytes()), "k1"))
            .sign(id, SWITCH, true, "bob", now);
    signal(stub, "bob", forged);
    assertThat(lastRefusal(stub, 8).reason()).contains("signature does not match");

    // The worker forces four-eyes though the request did not ask: alice requested it.
    String own =
        refusal(() -> approveSigned(stub, "alice", signer.sign(id, SWITCH, true, "alice", now)));
    assertThat(own).contains("four-eyes is on").contains("alice requested this upgrade");
    assertThat(stub.status().openGate().name()).isEqualTo(SWITCH);
    assertThat(stub.status().openGate().fourEyes()).isTrue();
    assertThat(stub.status().phase()).isEqualTo(Phase.WAITING_APPROVAL);

    // A decision signed for bob, as the REST service signs it, passes.
    String token = signer.sign(id, SWITCH, true, "bob", now);
    AuditEntry approved = approveSigned(stub, "bob", token);
    assertThat(approved.action()).isEqualTo(Action.APPROVED);
    assertThat(approved.by()).isEqualTo("bob");
    awaitGate(stub, InfinispanGates.CUTOVER);
    assertThat(stub.status().audit().toString()).doesNotContain(token);
  }

  @Test
  void aTokenIsAcceptedOnceAndTheSignedHistoryReplaysOnAWorkerWithoutKeys() throws Exception {
    AtomicInteger failedChecks = new AtomicInteger();
    doAnswer(
            i -> {
              VerifyRequest r = i.getArgument(0);
              // One cache fails the full check twice: the retry gate opens twice.
              boolean fail =
                  r.fullKeyCheck()
                      && r.cache().cache().equals("orders")
                      && failedChecks.getAndIncrement() < 2;
              return fail ? missing(r, 1) : matching(r);
            })
        .when(data)
        .verify(any());
    InfinispanUpgradeWorkflow stub =
        start(Requests.upgrade().allGatesAuto().mode(ConnectionMode.CONFIG).build());
    String id = Requests.upgrade().build().withDefaults().workflowId();
    String retry = Gatekeeper.RETRY_GATE;

    awaitGate(stub, retry);
    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
    String token = signer.sign(id, retry, true, "bob", now);
    stub.approve(new GateDecision(retry, "bob", "first retry", token));
    // The check fails again: the same gate opens again, and the same token is refused.
    awaitStatus(
        stub,
        "the retry gate opened again",
        s -> s.audit().stream().filter(e -> e.action() == Action.GATE_OPENED).count() == 2);
    String again = refusal(() -> stub.approve(new GateDecision(retry, "bob", "again", token)));
    assertThat(again).contains("already used on this workflow");
    stub.approve(
        new GateDecision(retry, "bob", "second retry", signer.sign(id, retry, true, "bob", now)));
    UpgradeStatus done = result(stub);
    assertThat(done.phase()).isEqualTo(Phase.COMPLETED);
    assertThat(done.audit())
        .filteredOn(e -> e.action() == Action.APPROVED && e.by().equals("bob"))
        .hasSize(2);

    // The rules and every verdict are in the history: a worker in open mode, with no key at all,
    // replays it.
    WorkflowReplayer.replayWorkflowExecution(
        client.fetchHistory(id), InfinispanUpgradeWorkflowImpl.class);
  }

  @Test
  void refusedUnsignedDecisionsReplayOnAWorkerWithoutKeys() throws Exception {
    InfinispanUpgradeWorkflow stub = start(Requests.upgrade().build());
    String id = Requests.upgrade().build().withDefaults().workflowId();
    awaitGate(stub, SWITCH);
    stub.approveSignal(new GateDecision(SWITCH, "bob", "from the Temporal UI"));
    lastRefusal(stub, 1);
    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
    approveSigned(stub, "bob", signer.sign(id, SWITCH, true, "bob", now));
    awaitGate(stub, InfinispanGates.CUTOVER);
    stub.reject(
        new GateDecision(
            InfinispanGates.CUTOVER,
            "bob",
            "no",
            signer.sign(id, InfinispanGates.CUTOVER, false, "bob", now)));
    failure(stub);

    // Under open rules the unsigned signal would have been accepted and the workflow would have
    // gone on at once: the replay passes only because the signed rules were recorded.
    WorkflowExecutionHistory history = client.fetchHistory(id);
    WorkflowReplayer.replayWorkflowExecution(history, InfinispanUpgradeWorkflowImpl.class);
    if (Boolean.getBoolean("gridshift.recordHistories")) {
      Files.writeString(RECORDED, history.toJson(false));
    }
  }

  /**
   * The signed path's recorded history (a refused unsigned signal, a signed approval, a signed
   * rejection) replays on the current code, on a worker without keys; re-record it with {@code
   * -Dgridshift.recordHistories=true} only when a change to it is intended and versioned.
   */
  @Test
  void theRecordedSignedHistoryReplays() throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/histories/infinispan-signed.json")) {
      assertThat(in).as("histories/infinispan-signed.json").isNotNull();
      WorkflowReplayer.replayWorkflowExecution(
          new String(in.readAllBytes(), StandardCharsets.UTF_8),
          InfinispanUpgradeWorkflowImpl.class);
    }
  }

  private static void signal(InfinispanUpgradeWorkflow stub, String by, String token) {
    stub.approveSignal(new GateDecision(SWITCH, by, "signal", token));
  }

  private static AuditEntry approveSigned(InfinispanUpgradeWorkflow stub, String by, String token) {
    return stub.approve(new GateDecision(SWITCH, by, "ok", token));
  }

  /** Waits for the {@code n}th REFUSED entry; returns it. */
  private static AuditEntry lastRefusal(InfinispanUpgradeWorkflow stub, int n) {
    UpgradeStatus status = awaitStatus(stub, n + " refusals", s -> refusals(s).size() >= n);
    List<AuditEntry> refused = refusals(status);
    assertThat(refused).hasSize(n);
    return refused.get(n - 1);
  }

  private static List<AuditEntry> refusals(UpgradeStatus s) {
    return s.audit().stream().filter(e -> e.action() == Action.REFUSED).toList();
  }

  private static String refusal(Runnable update) {
    WorkflowUpdateException e = catchThrowableOfType(WorkflowUpdateException.class, update::run);
    assertThat(e).as("the update should have been refused").isNotNull();
    StringBuilder messages = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      messages.append(t.getMessage()).append(" | ");
    }
    return messages.toString();
  }
}
