package io.gridshift.worker.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.activities.ActivityFailureMetrics;
import io.gridshift.activities.KubernetesForbiddenInterceptor;
import io.gridshift.worker.observability.PrometheusText.Sample;
import io.gridshift.workflows.activities.RolloutStatus;
import io.gridshift.workflows.activities.WorkloadRef;
import io.gridshift.workflows.client.TemporalAccess;
import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.common.GateDecision;
import io.gridshift.workflows.common.GatePolicy;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.TaskQueues;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.common.VisibilityOptions;
import io.gridshift.workflows.kinds.GridKinds;
import io.gridshift.workflows.testing.FakeKubernetes;
import io.gridshift.workflows.testkind.EchoUpgradeRequest;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactoryOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * gridshift's metrics as Prometheus scrapes them from a worker's {@code /metrics}, after real
 * upgrades of the test kind {@code echo} on the in-process Temporal test server: exact names and
 * labels, histogram buckets, and counts that a replay does not double (the worker keeps no workflow
 * in its cache, so every workflow task replays the whole history).
 */
class UpgradeMetricsScrapeTest {
  private static final ClusterRef CLUSTER = new ClusterRef("echo-cluster", "apps");

  private WorkerMetrics metrics;
  private TestWorkflowEnvironment env;
  private WorkerObservability observability;

  /** The echo kind's activities; the grid {@code missing} does not exist. */
  public static final class Kubernetes extends FakeKubernetes {
    @Override
    public RolloutStatus rolloutStatus(WorkloadRef workload) {
      if (workload.name().equals("missing")) {
        throw ApplicationFailure.newNonRetryableFailure("no grid missing", "GridNotFound");
      }
      return super.rolloutStatus(workload);
    }
  }

  @BeforeEach
  void startWorker() throws Exception {
    metrics = new WorkerMetrics();
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setMetricsScope(metrics.scope())
                .setWorkflowClientOptions(
                    WorkflowClientOptions.newBuilder()
                        .setDataConverter(GridKinds.dataConverter())
                        .build())
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder()
                        .setWorkerInterceptors(
                            new KubernetesForbiddenInterceptor(), new ActivityFailureMetrics())
                        .build())
                .build());
    GridKinds.registerWorkflows(env.newWorker(TaskQueues.WORKFLOWS), VisibilityOptions.NONE);
    env.newWorker(CLUSTER.taskQueue()).registerActivitiesImplementations(new Kubernetes());
    env.start();
    observability =
        WorkerObservability.start(
            "127.0.0.1",
            0,
            metrics,
            env.getWorkflowServiceStubs(),
            TemporalAccess.plain("in-process"),
            List.of());
  }

  @AfterEach
  void stop() {
    observability.close();
    env.close();
  }

  @Test
  void upgradesStepsGatesAndActivityFailuresAreScrapedWithTheContractsNamesAndLabels()
      throws Exception {
    // A gate that keeps waiting past its 1-minute deadline, then is approved.
    WorkflowStub upgrade =
        start(
            new EchoUpgradeRequest(
                CLUSTER,
                "e1",
                "2",
                Map.of(
                    EchoUpgradeRequest.GATE,
                    new GatePolicy(
                        GatePolicy.Approval.REQUIRED, "1m", GatePolicy.TimeoutAction.KEEP_WAITING)),
                false,
                "alice",
                false));
    awaitGate(upgrade);
    env.sleep(Duration.ofSeconds(90));
    upgrade.update("approve", Object.class, new GateDecision("go", "bob", null));
    assertThat(upgrade.getResult(UpgradeStatus.class).phase()).isEqualTo(Phase.COMPLETED);
    // A grid that does not exist: the plan's activity fails, the upgrade fails.
    WorkflowStub refused =
        start(new EchoUpgradeRequest(CLUSTER, "missing", "2", Map.of(), false, "alice", false));
    try {
      refused.getResult(UpgradeStatus.class);
    } catch (WorkflowFailedException expected) {
      // FAILED in plan.
    }
    // Both have ended, so each query replays the whole history: nothing may count again.
    assertThat(upgrade.query("status", UpgradeStatus.class).phase()).isEqualTo(Phase.COMPLETED);
    assertThat(refused.query("status", UpgradeStatus.class).phase()).isEqualTo(Phase.FAILED);

    PrometheusText scraped = awaitSeries("gridshift_upgrades_failed_total");

    Map<String, String> upgrades = Map.of("kind", "echo", "cluster", "echo-cluster");
    assertOnly(scraped, "gridshift_upgrades_started_total", upgrades, 2);
    assertOnly(scraped, "gridshift_upgrades_completed_total", upgrades, 1);
    assertOnly(scraped, "gridshift_upgrades_failed_total", upgrades, 1);
    Map<String, String> gate = Map.of("kind", "echo", "gate", "go");
    assertOnly(scraped, "gridshift_gate_overdue_total", gate, 1);
    assertOnly(scraped, "gridshift_gate_wait_seconds_count", gate, 1);
    assertThat(scraped.value("gridshift_gate_wait_seconds_sum", gate))
        .hasValueSatisfying(s -> assertThat(s).isBetween(90.0, 120.0));
    assertThat(scraped.value("gridshift_gate_wait_seconds_bucket", with(gate, "le", "60.0")))
        .contains(0.0);
    assertThat(scraped.value("gridshift_gate_wait_seconds_bucket", with(gate, "le", "120.0")))
        .contains(1.0);
    // Every step of both upgrades, the failed plan included: 2 plans, 1 echo.
    assertThat(
            scraped.value(
                "gridshift_step_duration_seconds_count", Map.of("kind", "echo", "step", "plan")))
        .contains(2.0);
    assertThat(scraped.find("gridshift_step_duration_seconds_bucket", Map.of("step", "echo")))
        .extracting(s -> s.labels().keySet())
        .containsOnly(java.util.Set.of("kind", "step", "le"));
    assertThat(
            scraped.value(
                "gridshift_step_duration_seconds_bucket",
                Map.of("kind", "echo", "step", "echo", "le", "+Inf")))
        .contains(1.0);
    // Exactly the contract's buckets (a second to a day) and +Inf: no default percentile histogram.
    assertThat(
            scraped.find(
                "gridshift_step_duration_seconds_bucket", Map.of("kind", "echo", "step", "echo")))
        .hasSize(GridshiftMeterFilter.BUCKETS.length + 1);
    assertOnly(
        scraped,
        "gridshift_activity_failures_total",
        Map.of("activity", "Kubernetes.RolloutStatus", "failure_type", "GridNotFound"),
        1);
    // The Temporal SDK's own metrics keep their names.
    assertThat(scraped.find("temporal_workflow_completed_total", Map.of())).isNotEmpty();
    // The dashboard's quantile of how long workflow tasks wait for a worker.
    assertThat(
            scraped.find(
                "temporal_workflow_task_schedule_to_start_latency_seconds_bucket",
                Map.of("le", "0.1")))
        .isNotEmpty();
    assertThat(scraped.find("jvm_memory_used_bytes", Map.of())).isNotEmpty();
  }

  /** The series {@code name} exists exactly once, with exactly {@code labels}, at {@code value}. */
  private static void assertOnly(
      PrometheusText scraped, String name, Map<String, String> labels, double value) {
    List<Sample> found = scraped.find(name, Map.of());
    assertThat(found).as(name).hasSize(1);
    assertThat(found.get(0).labels()).as(name).isEqualTo(labels);
    assertThat(found.get(0).value()).as(name).isEqualTo(value);
  }

  private static Map<String, String> with(Map<String, String> labels, String key, String value) {
    Map<String, String> all = new java.util.HashMap<>(labels);
    all.put(key, value);
    return all;
  }

  /** Scrapes until {@code name} appears (counters reach the registry once a second). */
  private PrometheusText awaitSeries(String name) throws Exception {
    for (int i = 0; i < 50; i++) {
      PrometheusText scraped = PrometheusText.scrape(observability.metricsUrl());
      if (!scraped.find(name, Map.of()).isEmpty()) {
        // One more report period, so every counter of the same moment is in.
        Thread.sleep(1_200);
        return PrometheusText.scrape(observability.metricsUrl());
      }
      Thread.sleep(100);
    }
    throw new AssertionError(name + " never appeared at " + observability.metricsUrl());
  }

  private WorkflowStub start(EchoUpgradeRequest request) {
    WorkflowStub stub =
        env.getWorkflowClient()
            .newUntypedWorkflowStub(
                GridKinds.named("echo").workflowType(),
                WorkflowOptions.newBuilder()
                    .setWorkflowId(request.workflowId())
                    .setTaskQueue(TaskQueues.WORKFLOWS)
                    .build());
    stub.start(request);
    return stub;
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
