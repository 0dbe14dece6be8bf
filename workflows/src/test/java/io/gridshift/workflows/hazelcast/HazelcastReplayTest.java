package io.gridshift.workflows.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doReturn;

import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.UpgradeStop;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Determinism of the Hazelcast roll, as {@code infinispan.ReplayTest} guards the Infinispan
 * upgrade: histories of the main paths (a StatefulSet roll with the canary approved; a stuck pod
 * resumed; a stuck pod rolled back; a rejected canary rolled back) must replay on the current code.
 * The recorded files in {@code src/test/resources/histories/hazelcast-*.json} guard the shipped
 * step order: once the workflow has shipped, a change that breaks them needs {@code
 * Workflow.getVersion}. Each {@code fresh*} test runs its path on the test server and replays the
 * new history; with {@code -Dgridshift.recordHistories=true} it also writes the file, which is how
 * they were recorded (run from {@code workflows/}: {@code mvn -o test -pl workflows
 * -Dtest=HazelcastReplayTest -Dgridshift.recordHistories=true}). Re-record only when a change of
 * step order is intended and versioned, or before the first release.
 *
 * <p>First recorded with issue 11 (no release had shipped).
 */
class HazelcastReplayTest extends HazelcastTestSupport {
  static final List<String> RECORDED =
      List.of("canary-approved", "stuck-resumed", "stuck-rolled-back", "canary-rejected");
  private static final Path RECORD_DIR = Path.of("src/test/resources/histories");

  @Test
  void recordedHistoriesReplayOnTheCurrentCode() throws Exception {
    for (String name : RECORDED) {
      String json = resource("/histories/hazelcast-" + name + ".json");
      WorkflowReplayer.replayWorkflowExecution(json, HazelcastUpgradeWorkflowImpl.class);
    }
  }

  @Test
  void freshCanaryApprovedReplays() throws Exception {
    HazelcastUpgradeWorkflow stub = start(with(request(), true, false, false));
    decide(stub, HazelcastGates.CANARY, true);
    assertThat(result(stub).phase()).isEqualTo(Phase.COMPLETED);
    replayAndRecord("canary-approved");
  }

  @Test
  void freshStuckResumedReplays() throws Exception {
    AtomicBoolean stuck = new AtomicBoolean(true);
    stuck("hz-1", TARGET, stuck);
    HazelcastUpgradeWorkflow stub = start(request());
    awaitGate(stub, HazelcastGates.RESUME_OR_ROLLBACK);
    stuck.set(false);
    decide(stub, HazelcastGates.RESUME_OR_ROLLBACK, true);
    assertThat(result(stub).phase()).isEqualTo(Phase.COMPLETED);
    replayAndRecord("stuck-resumed");
  }

  @Test
  void freshStuckRolledBackReplays() throws Exception {
    stuck("hz-1", TARGET, new AtomicBoolean(true));
    doReturn(List.of("hz-1")).when(kube).deleteStuckPods(STS, CLAIM);
    HazelcastUpgradeWorkflow stub = start(request());
    decide(stub, HazelcastGates.RESUME_OR_ROLLBACK, false);
    assertThat(failure(stub).getType()).isEqualTo(UpgradeStop.GATE_REJECTED);
    assertThat(stub.status().phase()).isEqualTo(Phase.ABORTED);
    replayAndRecord("stuck-rolled-back");
  }

  @Test
  void freshCanaryRejectedReplays() throws Exception {
    HazelcastUpgradeWorkflow stub = start(with(request(), true, false, false));
    decide(stub, HazelcastGates.CANARY, false);
    assertThat(failure(stub).getType()).isEqualTo(UpgradeStop.GATE_REJECTED);
    replayAndRecord("canary-rejected");
  }

  /** Replays the run just finished; writes it as a resource when recording is asked for. */
  private void replayAndRecord(String name) throws Exception {
    WorkflowExecutionHistory history = client.fetchHistory(request().withDefaults().workflowId());
    WorkflowReplayer.replayWorkflowExecution(history, HazelcastUpgradeWorkflowImpl.class);
    if (Boolean.getBoolean("gridshift.recordHistories")) {
      Files.createDirectories(RECORD_DIR);
      Files.writeString(RECORD_DIR.resolve("hazelcast-" + name + ".json"), history.toJson(false));
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = HazelcastReplayTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name + " (record with -Dgridshift.recordHistories=true)").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
