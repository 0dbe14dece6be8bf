package io.gridshift.worker;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridshift.logging.GridshiftLogEncoder;
import io.gridshift.workflows.activities.RolloutStatus;
import io.gridshift.workflows.activities.WorkloadRef;
import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.common.GatePolicy;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.TaskQueues;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.kinds.GridKinds;
import io.gridshift.workflows.testing.FakeKubernetes;
import io.gridshift.workflows.testkind.EchoUpgradeRequest;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactoryOptions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * An upgrade (the test kind) run by the real worker with JSON logs: the lines its workflow and its
 * activity write parse as JSON and carry the log contract's fields; nothing is left on the threads
 * afterwards.
 */
class LoggingContextInterceptorTest {
  private static final org.slf4j.Logger ACTIVITY_LOG = LoggerFactory.getLogger("io.gridshift.test");

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private OutputStreamAppender<ILoggingEvent> json;
  private Level gridshiftLevel;

  @BeforeEach
  void captureJsonLines() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    GridshiftLogEncoder encoder = new GridshiftLogEncoder();
    encoder.setContext(context);
    encoder.setFormat("json");
    encoder.start();
    json = new OutputStreamAppender<>();
    json.setContext(context);
    json.setEncoder(encoder);
    json.setOutputStream(out);
    json.start();
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(json);
    // The workflows test-jar's logback-test.xml keeps gridshift's loggers at ERROR in tests.
    Logger gridshift = context.getLogger("io.gridshift");
    gridshiftLevel = gridshift.getLevel();
    gridshift.setLevel(Level.INFO);
  }

  @AfterEach
  void stopCapturing() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(json);
    context.getLogger("io.gridshift").setLevel(gridshiftLevel);
    json.stop();
  }

  @Test
  void workflowAndActivityLinesCarryWorkflowIdRunIdGridClusterAndStep() throws Exception {
    try (TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(
                    WorkflowClientOptions.newBuilder()
                        .setDataConverter(GridKinds.dataConverter())
                        .build())
                // The cluster's activities run on the test environment's factory: give it the
                // interceptor the worker registers on its own.
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder()
                        .setWorkerInterceptors(new LoggingContextInterceptor())
                        .build())
                .build())) {
      ClusterRef cluster = new ClusterRef("eu-1", "apps");
      env.newWorker(cluster.taskQueue()).registerActivitiesImplementations(new LoggingKubernetes());
      WorkerConfig config =
          new WorkerConfig(null, true, List.of(), new WorkerConfig.Notifications(List.of()));
      try (GridshiftWorker worker = new GridshiftWorker(env.getWorkflowClient(), config)) {
        worker.start();
        env.start();
        GatePolicy auto = new GatePolicy(GatePolicy.Approval.AUTO, null, null);
        EchoUpgradeRequest request =
            new EchoUpgradeRequest(
                cluster, "dg", "2", Map.of(EchoUpgradeRequest.GATE, auto), false, "alice", false);
        WorkflowStub stub =
            env.getWorkflowClient()
                .newUntypedWorkflowStub(
                    GridKinds.named("echo").workflowType(),
                    WorkflowOptions.newBuilder()
                        .setWorkflowId(request.workflowId())
                        .setTaskQueue(TaskQueues.WORKFLOWS)
                        .build());
        String runId = stub.start(request).getRunId();
        assertThat(stub.getResult(UpgradeStatus.class).phase()).isEqualTo(Phase.COMPLETED);

        List<JsonNode> lines = linesOf(request.workflowId());
        assertThat(lines).as(out.toString(StandardCharsets.UTF_8)).isNotEmpty();
        Map<String, String> expected =
            Map.of(
                "workflowId", request.workflowId(),
                "runId", runId,
                "grid", "dg",
                "cluster", "eu-1",
                "step", "echo");
        assertThat(mdcOf(lines, "step echo started")).containsAllEntriesOf(expected);
        assertThat(mdcOf(lines, "reading the rollout of dg"))
            .as("the activity's line, in the step that called it")
            .containsAllEntriesOf(expected);
      }
    }
    assertThat(MDC.get("workflowId")).isNull();
  }

  @Test
  void aScopePutsBackWhatItReplaced() {
    MDC.put("grid", "outer");
    try (LogFields.Scope scope = LogFields.set(Map.of("workflowId", "w1", "step", "plan"))) {
      assertThat(LogFields.current()).isEqualTo(Map.of("workflowId", "w1", "step", "plan"));
    } finally {
      assertThat(LogFields.current()).isEqualTo(Map.of("grid", "outer"));
      MDC.remove("grid");
    }
  }

  private List<JsonNode> linesOf(String workflowId) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      JsonNode node = mapper.readTree(line);
      JsonNode mdc = node.get("mdc");
      if (mdc != null && workflowId.equals(mdc.path("workflowId").asText())) {
        lines.add(node);
      }
    }
    return lines;
  }

  private static Map<String, String> mdcOf(List<JsonNode> lines, String message) {
    JsonNode line =
        lines.stream()
            .filter(l -> message.equals(l.get("formattedMessage").asText()))
            .reduce((first, last) -> last)
            .orElseThrow(() -> new AssertionError("no line '" + message + "' in " + lines));
    return new ObjectMapper().convertValue(line.get("mdc"), Map.class);
  }

  /** The fake cluster, logging inside its activity like the real ones do. */
  private static final class LoggingKubernetes extends FakeKubernetes {
    @Override
    public RolloutStatus rolloutStatus(WorkloadRef workload) {
      ACTIVITY_LOG.info("reading the rollout of {}", workload.name());
      return super.rolloutStatus(workload);
    }
  }
}
