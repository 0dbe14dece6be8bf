package io.gridshift.workflows.infinispan;

import static io.gridshift.workflows.infinispan.InfinispanGates.CUTOVER;
import static io.gridshift.workflows.infinispan.InfinispanGates.DELETE_SOURCE;
import static io.gridshift.workflows.infinispan.InfinispanGates.SWITCH_TRAFFIC;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.workflows.activities.GridEventRequest;
import io.gridshift.workflows.common.GateDecision;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.StepState;
import io.gridshift.workflows.common.StepStatus;
import io.gridshift.workflows.common.UpgradeStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes Events an Infinispan upgrade asks its cluster's agent to write: one per step start
 * and end, gate opened and decided (who, comment), failure and compensation, numbered in order, on
 * the source and, once planned, the target.
 */
class KubernetesEventsTest extends WorkflowTestSupport {
  private static final String ID = CLAIM;

  @Test
  void aCompletedUpgradeReportsEveryStepAndGateInOrder() {
    InfinispanUpgradeWorkflow stub = start(Requests.upgrade().build());
    approve(stub, SWITCH_TRAFFIC, "bob");
    approve(stub, CUTOVER, "carol");
    approve(stub, DELETE_SOURCE, "carol");
    UpgradeStatus status = result(stub);
    assertThat(status.phase()).isEqualTo(Phase.COMPLETED);

    List<GridEventRequest> got = events.inOrder();
    assertThat(got)
        .extracting(GridEventRequest::sequence)
        .containsExactlyElementsOf(IntStream.rangeClosed(1, got.size()).boxed().toList());
    assertThat(lines(got)).containsExactlyElementsOf(expected(status));
    assertThat(got.get(0).workloads()).containsExactly("dg");
    assertThat(got.get(got.size() - 1).workloads()).containsExactly("dg", TARGET);
    assertThat(got)
        .allSatisfy(
            e -> {
              assertThat(e.message()).endsWith("(workflow " + ID + ")");
              assertThat(e.workflowId()).isEqualTo(ID);
              assertThat(e.cluster()).isEqualTo(Requests.CLUSTER);
              assertThat(e.type()).isEqualTo("Normal");
            });
    assertThat(got)
        .filteredOn(e -> e.reason().equals("GateApproved"))
        .extracting(GridEventRequest::message)
        .containsExactly(
            "gate 'switch-traffic' approved by bob: looks good (workflow " + ID + ")",
            "gate 'cutover' approved by carol: looks good (workflow " + ID + ")",
            "gate 'delete-source' approved by carol: looks good (workflow " + ID + ")");
  }

  @Test
  void aRejectedGateReportsTheRejectionTheCompensationAndTheEnd() {
    InfinispanUpgradeWorkflow stub = start(Requests.upgrade().build());
    awaitGate(stub, SWITCH_TRAFFIC);
    stub.reject(new GateDecision(SWITCH_TRAFFIC, "bob", "not during sales"));
    failure(stub);

    List<GridEventRequest> got = events.inOrder();
    List<String> reasons = got.stream().map(GridEventRequest::reason).toList();
    assertThat(reasons.subList(reasons.indexOf("GateOpened"), reasons.size()))
        .containsExactly(
            "GateOpened", "GateRejected", "Compensating", "Compensated", "UpgradeFailed");
    GridEventRequest rejected = got.get(reasons.indexOf("GateRejected"));
    assertThat(rejected.type()).isEqualTo("Warning");
    assertThat(rejected.message())
        .isEqualTo("gate 'switch-traffic' rejected by bob: not during sales (workflow " + ID + ")");
    assertThat(got.get(got.size() - 1).message()).startsWith("upgrade ended ABORTED: ");
  }

  @Test
  void aDryRunWritesNoEvent() {
    InfinispanUpgradeWorkflow stub = start(Requests.upgrade().dryRun().build());
    assertThat(result(stub).phase()).isEqualTo(Phase.PLANNED);
    assertThat(events.received).isEmpty();
  }

  /** "reason subject" for each Event, e.g. "StepStarted plan", "GateApproved cutover". */
  private static List<String> lines(List<GridEventRequest> events) {
    return events.stream().map(e -> e.reason() + " " + e.message().split("[ ']+")[1]).toList();
  }

  /** What the status says ran: work steps start and complete; gates open and are approved. */
  private static List<String> expected(UpgradeStatus status) {
    List<String> lines = new ArrayList<>();
    for (StepStatus s : status.steps()) {
      if (s.state() == StepState.SKIPPED) {
        continue;
      }
      if (s.name().startsWith("gate:")) {
        String gate = s.name().substring("gate:".length());
        lines.add("GateOpened " + gate);
        lines.add("GateApproved " + gate);
      } else {
        lines.add("StepStarted " + s.name());
        lines.add("StepCompleted " + s.name());
      }
    }
    return lines;
  }
}
