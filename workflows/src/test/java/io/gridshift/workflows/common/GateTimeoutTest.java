package io.gridshift.workflows.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.workflows.common.AuditEntry.Action;
import io.gridshift.workflows.common.GatePolicy.Approval;
import io.gridshift.workflows.common.GatePolicy.TimeoutAction;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A gate policy that skipped request validation (raw JSON from the Temporal UI) must not make the
 * workflow expire at once or loop: the Gatekeeper holds the timeout between 1 minute and 30 days
 * and a KEEP_WAITING gate reminds at growing intervals. Time skipping runs weeks in seconds.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class GateTimeoutTest {
  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TestWorkflowExtension.newBuilder().setDoNotStart(true).build();

  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  @BeforeEach
  void start(TestWorkflowEnvironment env, WorkflowClient client) {
    this.env = env;
    this.client = client;
    env.newWorker(GateProbeWorkflow.TASK_QUEUE)
        .registerWorkflowImplementationTypes(GateProbeWorkflowImpl.class);
    env.start();
  }

  @Test
  void aZeroTimeoutThatKeepsWaitingRemindsOnABoundedCadenceForAMonth() {
    GateProbeWorkflow probe =
        pass(new GatePolicy(Approval.REQUIRED, "0s", TimeoutAction.KEEP_WAITING));

    env.sleep(Duration.ofDays(30));

    List<AuditEntry> audit = probe.audit();
    List<Instant> expiries = times(audit, Action.EXPIRED);
    // 1, 2, 4 ... 1024 minutes, then daily: 11 + 29 reminders; the old loop wrote 3,898 entries
    // in 68 seconds.
    assertThat(expiries).hasSizeBetween(30, 45);
    assertThat(audit).hasSizeLessThanOrEqualTo(expiries.size() + 1);
    assertThat(probe.notifications()).isLessThanOrEqualTo(2 * expiries.size() + 1);
    Instant opened = times(audit, Action.GATE_OPENED).get(0);
    assertThat(Duration.between(opened, expiries.get(0))).isGreaterThanOrEqualTo(minutes(1));
    for (int i = 1; i < expiries.size(); i++) {
      Duration gap = Duration.between(expiries.get(i - 1), expiries.get(i));
      assertThat(gap).isBetween(minutes(1), Duration.ofDays(1).plusSeconds(1));
    }
    assertThat(probe.openGate()).isNotNull();

    probe.decide(new GateDecision(GateProbeWorkflowImpl.GATE, "bob", "finally"), true);
    assertThat(result(probe)).isEqualTo("APPROVED");
  }

  @Test
  void aZeroTimeoutThatAbortsStillWaitsTheMinimum() {
    GateProbeWorkflow probe = pass(new GatePolicy(Approval.REQUIRED, "0s", TimeoutAction.ABORT));

    env.sleep(Duration.ofSeconds(50));

    assertThat(probe.openGate()).isNotNull();
    assertThat(times(probe.audit(), Action.EXPIRED)).isEmpty();
    assertThat(result(probe)).isEqualTo("EXPIRED");
    assertThat(openFor(probe.audit())).isBetween(minutes(1), minutes(1).plusSeconds(1));
  }

  @Test
  void aNegativeTimeoutCountsAsTheDefault() {
    GateProbeWorkflow probe = pass(new GatePolicy(Approval.REQUIRED, "PT-5M", TimeoutAction.ABORT));

    assertThat(result(probe)).isEqualTo("EXPIRED");
    assertThat(openFor(probe.audit()))
        .isBetween(Duration.ofHours(24), Duration.ofHours(24).plusSeconds(1));
  }

  private static Duration openFor(List<AuditEntry> audit) {
    return Duration.between(
        times(audit, Action.GATE_OPENED).get(0), times(audit, Action.EXPIRED).get(0));
  }

  @Test
  void anAbsurdlyLongTimeoutIsHeldToThirtyDays() {
    GateProbeWorkflow probe = pass(new GatePolicy(Approval.REQUIRED, "3650d", TimeoutAction.ABORT));

    OpenGate open = probe.openGate();

    assertThat(Duration.between(Instant.parse(open.openedAt()), Instant.parse(open.deadline())))
        .isEqualTo(Duration.ofDays(30));
    probe.act("abort", new OperatorAction("bob", "test over"));
    assertThat(result(probe)).isEqualTo("ABORTED");
  }

  private GateProbeWorkflow pass(GatePolicy policy) {
    GateProbeWorkflow probe =
        client.newWorkflowStub(
            GateProbeWorkflow.class,
            WorkflowOptions.newBuilder().setTaskQueue(GateProbeWorkflow.TASK_QUEUE).build());
    WorkflowClient.start(probe::pass, policy);
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (probe.openGate() == null) {
      assertThat(System.nanoTime()).as("the gate did not open").isLessThan(deadline);
      Thread.onSpinWait();
    }
    return probe;
  }

  private static String result(GateProbeWorkflow probe) {
    return WorkflowStub.fromTyped(probe).getResult(String.class);
  }

  private static List<Instant> times(List<AuditEntry> audit, Action action) {
    return audit.stream()
        .filter(e -> e.action() == action)
        .map(e -> Instant.parse(e.at()))
        .toList();
  }

  private static Duration minutes(long n) {
    return Duration.ofMinutes(n);
  }
}
