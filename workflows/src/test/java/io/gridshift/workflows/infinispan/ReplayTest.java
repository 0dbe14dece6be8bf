package io.gridshift.workflows.infinispan;

import static io.gridshift.workflows.testing.FakeInfinispanGrid.matching;
import static io.gridshift.workflows.testing.FakeInfinispanGrid.missing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

import io.gridshift.workflows.common.GateDecision;
import io.gridshift.workflows.common.GatePolicy;
import io.gridshift.workflows.common.Gatekeeper;
import io.gridshift.workflows.common.OperatorAction;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.infinispan.activities.CacheRequest;
import io.gridshift.workflows.infinispan.activities.ProbeResult;
import io.gridshift.workflows.infinispan.activities.VerifyRequest;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Determinism: histories of the main paths (completed with pause and a refused approval;
 * compensated after a rejected cutover; retried after a failure past cutover; protostream caches
 * moved with client writes paused, for the whole sync before issue 16 and briefly since) must
 * replay on the current code. The recorded files in {@code src/test/resources/histories} guard the
 * shipped step order: once the workflow has shipped, a change that breaks them needs {@code
 * Workflow.getVersion}. Re-record them with {@code -Dgridshift.recordHistories=true} only when such
 * a change is intended and versioned.
 *
 * <p>They were last re-recorded, without versioning, when the writes-paused gate and the
 * sync-paused-caches step were added: the workflow had never shipped, so no running execution could
 * hold the old step order. For the same reason they were re-recorded again when the package's
 * {@code Workflow.getVersion} branches were dropped, keeping only the newest behaviour.
 */
class ReplayTest extends WorkflowTestSupport {
  /**
   * "paused-writes" was recorded before the short write pause (issue 16): writes paused for the
   * whole sync. It replays through the {@code WorkflowChanges.SHORT_WRITE_PAUSE} default branch;
   * "short-write-pause" guards the new order.
   */
  static final String[] RECORDED = {
    "completed", "compensated", "retried", "paused-writes", "short-write-pause"
  };

  private static final Path RECORD_DIR = Path.of("src/test/resources/histories");

  @Test
  void recordedHistoriesReplayOnTheCurrentCode() throws Exception {
    for (String name : RECORDED) {
      String json = resource("/histories/infinispan-" + name + ".json");
      WorkflowReplayer.replayWorkflowExecution(json, InfinispanUpgradeWorkflowImpl.class);
    }
  }

  @Test
  void freshHistoriesReplay() throws Exception {
    Map<String, WorkflowExecutionHistory> histories = new LinkedHashMap<>();
    histories.put("completed", completedWithPauseAndRefusal());
    histories.put("compensated", compensatedAfterRejectedCutover());
    histories.put("retried", retriedAfterCutover());
    histories.put("short-write-pause", protostreamCachesMovedWithAShortWritePause());
    for (var h : histories.entrySet()) {
      WorkflowReplayer.replayWorkflowExecution(h.getValue(), InfinispanUpgradeWorkflowImpl.class);
      if (Boolean.getBoolean("gridshift.recordHistories")) {
        Files.createDirectories(RECORD_DIR);
        Files.writeString(
            RECORD_DIR.resolve("infinispan-" + h.getKey() + ".json"), h.getValue().toJson(false));
      }
    }
  }

  private WorkflowExecutionHistory completedWithPauseAndRefusal() {
    InfinispanUpgradeWorkflow stub = start(Requests.upgrade().fourEyes().build());
    awaitGate(stub, InfinispanGates.SWITCH_TRAFFIC);
    stub.approveSignal(new GateDecision(InfinispanGates.SWITCH_TRAFFIC, "alice", "self"));
    stub.pause(new OperatorAction("ops", "hold"));
    stub.approve(new GateDecision(InfinispanGates.SWITCH_TRAFFIC, "bob", "ok"));
    awaitPhase(stub, Phase.PAUSED);
    stub.resume(new OperatorAction("ops", "go"));
    approve(stub, InfinispanGates.CUTOVER, "bob");
    approve(stub, InfinispanGates.DELETE_SOURCE, "bob");
    assertThat(result(stub).phase()).isEqualTo(Phase.COMPLETED);
    return client.fetchHistory(Requests.upgrade().build().withDefaults().workflowId());
  }

  private WorkflowExecutionHistory compensatedAfterRejectedCutover() {
    InfinispanUpgradeWorkflow stub = start(Requests.upgrade().build());
    approve(stub, InfinispanGates.SWITCH_TRAFFIC, "bob");
    awaitGate(stub, InfinispanGates.CUTOVER);
    stub.reject(new GateDecision(InfinispanGates.CUTOVER, "bob", "no"));
    failure(stub);
    return client.fetchHistory(Requests.upgrade().build().withDefaults().workflowId());
  }

  private WorkflowExecutionHistory retriedAfterCutover() {
    AtomicBoolean fixed = new AtomicBoolean();
    doAnswer(
            i -> {
              VerifyRequest r = i.getArgument(0);
              return r.fullKeyCheck() && !fixed.get() ? missing(r, 1) : matching(r);
            })
        .when(data)
        .verify(any());
    InfinispanUpgradeWorkflow stub =
        start(Requests.upgrade().allGatesAuto().mode(ConnectionMode.CONFIG).build());
    awaitGate(stub, Gatekeeper.RETRY_GATE);
    fixed.set(true);
    stub.approve(new GateDecision(Gatekeeper.RETRY_GATE, "bob", "fixed"));
    assertThat(result(stub).phase()).isEqualTo(Phase.COMPLETED);
    return client.fetchHistory(Requests.upgrade().build().withDefaults().workflowId());
  }

  private WorkflowExecutionHistory protostreamCachesMovedWithAShortWritePause() {
    doAnswer(
            i -> {
              String cache = i.<CacheRequest>getArgument(0).cache();
              return new ProbeResult(cache, !cache.equals("orders"), "ClassCastException");
            })
        .when(data)
        .probeWriteThrough(any());
    InfinispanUpgradeWorkflow stub =
        start(
            Requests.upgrade()
                .allGatesAuto()
                .gate(InfinispanGates.WRITES_PAUSED, GatePolicy.required())
                .protostream(ProtostreamHandling.PAUSE_WRITES)
                .build());
    approve(stub, InfinispanGates.WRITES_PAUSED, "bob");
    assertThat(result(stub).phase()).isEqualTo(Phase.COMPLETED);
    return client.fetchHistory(Requests.upgrade().build().withDefaults().workflowId());
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = ReplayTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name + " (record with -Dgridshift.recordHistories=true)").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
