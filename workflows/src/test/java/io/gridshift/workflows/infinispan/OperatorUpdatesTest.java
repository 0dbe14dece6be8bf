package io.gridshift.workflows.infinispan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.AuditEntry.Action;
import io.gridshift.workflows.common.OperatorAction;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.common.UpgradeStop;
import io.temporal.client.WorkflowUpdateException;
import org.junit.jupiter.api.Test;

/**
 * pause, resume and abort as updates: the caller gets the audit entry, or the refusal with the
 * workflow's reason (which a signal only writes into the audit log).
 */
class OperatorUpdatesTest extends WorkflowTestSupport {

  @Test
  void resumeWhenNotPausedIsRefusedWithTheReasonAndNothingIsAudited() {
    InfinispanUpgradeWorkflow stub = start(Requests.upgrade().build());
    awaitGate(stub, InfinispanGates.SWITCH_TRAFFIC);

    String refusal = refusal(() -> stub.resumeUpdate(new OperatorAction("carol", "go on")));

    assertThat(refusal).contains("the upgrade is not paused");
    // A validator refusal leaves no trace in the workflow (unlike a refused signal).
    assertThat(stub.status().audit()).noneMatch(e -> e.action() == Action.REFUSED);
  }

  @Test
  void anOversizedCommentIsRefusedByTheUpdateAsByTheSignal() {
    InfinispanUpgradeWorkflow stub = start(Requests.upgrade().build());
    awaitGate(stub, InfinispanGates.SWITCH_TRAFFIC);

    String refusal =
        refusal(() -> stub.pauseUpdate(new OperatorAction("carol", "x".repeat(100_000))));

    assertThat(refusal).contains("'comment' is 100000 characters long").contains("at most 2000");
    assertThat(stub.status().paused()).isFalse();
  }

  @Test
  void pauseAnswersWithTheEntryAndASecondPauseIsRefused() {
    InfinispanUpgradeWorkflow stub = start(Requests.upgrade().build());
    awaitGate(stub, InfinispanGates.SWITCH_TRAFFIC);

    AuditEntry paused = stub.pauseUpdate(new OperatorAction("carol", "change freeze"));
    String again = refusal(() -> stub.pauseUpdate(new OperatorAction("dave", null)));
    AuditEntry resumed = stub.resumeUpdate(new OperatorAction("carol", "freeze over"));
    String anonymous = refusal(() -> stub.pauseUpdate(new OperatorAction(" ", null)));

    assertThat(paused.action()).isEqualTo(Action.PAUSED);
    assertThat(paused.by()).isEqualTo("carol");
    assertThat(paused.comment()).isEqualTo("change freeze");
    assertThat(again).contains("already paused");
    assertThat(resumed.action()).isEqualTo(Action.RESUMED);
    assertThat(anonymous).contains("'by' is required");
    assertThat(stub.status().paused()).isFalse();
  }

  @Test
  void abortAnswersWithTheRequestAndTheUpgradeCompensates() {
    InfinispanUpgradeWorkflow stub = start(Requests.upgrade().build());
    awaitGate(stub, InfinispanGates.SWITCH_TRAFFIC);

    AuditEntry entry = stub.abortUpdate(new OperatorAction("carol", "wrong window"));

    assertThat(entry.action()).isEqualTo(Action.ABORT_REQUESTED);
    assertThat(entry.by()).isEqualTo("carol");
    assertThat(failure(stub).getType()).isEqualTo(UpgradeStop.ABORTED);
    UpgradeStatus status = stub.status();
    assertThat(status.audit()).filteredOn(e -> e.action() == Action.ABORT_REQUESTED).hasSize(1);
    verify(data, never()).syncData(any());
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
