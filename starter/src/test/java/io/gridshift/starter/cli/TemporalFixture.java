package io.gridshift.starter.cli;

import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.common.OpenGate;
import io.gridshift.workflows.common.TaskQueues;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.infinispan.InfinispanUpgradeWorkflowImpl;
import io.gridshift.workflows.testing.FakeInfinispanGrid;
import io.gridshift.workflows.testing.FakeKubernetesEvents;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * An in-process Temporal test server running the real Infinispan upgrade workflow, with {@link
 * FakeInfinispanGrid} activities on the test cluster's task queue. Nobody waits on a workflow
 * result, so time skipping stays locked and open gates stay open.
 */
public final class TemporalFixture implements AutoCloseable {
  /** The cluster the fake grid serves: its activities listen on {@code CLUSTER.taskQueue()}. */
  private static final ClusterRef CLUSTER = new ClusterRef("test", "apps");

  private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
  private final FakeInfinispanGrid grid = new FakeInfinispanGrid();

  public TemporalFixture() {
    env.newWorker(TaskQueues.WORKFLOWS)
        .registerWorkflowImplementationTypes(InfinispanUpgradeWorkflowImpl.class);
    env.newWorker(CLUSTER.taskQueue())
        .registerActivitiesImplementations(grid, new FakeKubernetesEvents());
    env.start();
  }

  /** A request file for grid {@code dg} on {@link #CLUSTER}; {@code gates} is the gates' JSON. */
  public static String requestJson(String gates) {
    return """
        {"cluster": {"cluster": "%s", "namespace": "%s"}, "grid": "dg",
         "targetVersion": "15.0.21.Final", "gates": %s}"""
        .formatted(CLUSTER.cluster(), CLUSTER.namespace(), gates);
  }

  public WorkflowClient client() {
    return env.getWorkflowClient();
  }

  public TestWorkflowEnvironment environment() {
    return env;
  }

  public FakeInfinispanGrid grid() {
    return grid;
  }

  /** Waits (real time, up to 20 s) until the upgrade's status satisfies {@code condition}. */
  public UpgradeStatus await(String workflowId, String what, Predicate<UpgradeStatus> condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    UpgradeStatus status = null;
    while (System.nanoTime() < deadline) {
      try {
        status = client().newUntypedWorkflowStub(workflowId).query("status", UpgradeStatus.class);
        if (condition.test(status)) {
          return status;
        }
      } catch (RuntimeException e) {
        // Not started or no workflow task processed yet: ask again.
      }
      sleep();
    }
    throw new AssertionError("timed out waiting for " + what + "; last status: " + status);
  }

  /** Waits until {@code gate} is open. */
  public UpgradeStatus awaitGate(String workflowId, String gate) {
    return await(
        workflowId,
        "gate " + gate,
        s -> {
          OpenGate open = s.openGate();
          return open != null && open.name().equals(gate);
        });
  }

  @Override
  public void close() {
    env.close();
  }

  private static void sleep() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
