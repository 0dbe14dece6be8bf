package io.gridshift.starter.server;

import io.gridshift.starter.fleet.FakeFleetWorkflow;
import io.gridshift.workflows.common.TaskQueues;
import io.gridshift.workflows.hazelcast.HazelcastUpgradeWorkflowImpl;
import io.gridshift.workflows.hazelcast.activities.HazelcastWorkload;
import io.gridshift.workflows.infinispan.InfinispanUpgradeWorkflowImpl;
import io.gridshift.workflows.testing.FakeHazelcastCluster;
import io.gridshift.workflows.testing.FakeInfinispanGrid;
import io.gridshift.workflows.testing.FakeKubernetesEvents;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.Map;

/**
 * An in-process Temporal (the SDK's test server, real time: gates do not expire during a test)
 * running the REAL upgrade workflows, with FAKE activities: Infinispan grids on cluster {@value
 * #ISPN_CLUSTER} ({@link FakeInfinispanGrid}: a healthy 3-pod 14.0.28 grid of any name, caches
 * {@code orders} and {@code sessions}) and Hazelcast clusters on {@value #HZ_CLUSTER} ({@link
 * FakeHazelcastCluster}: 3 healthy 5.3.6 members of any name; a pod runs the version its last
 * safe-wait asked for; a name starting {@value #UNSAFE} has the shutdown hook TERMINATE and a
 * max.wait longer than its grace period, two preflight violations), and a stand-in for the fleet
 * workflow ({@link FakeFleetWorkflow}). This tests the REST layer, not the workflows.
 */
public final class FakeTemporal implements AutoCloseable {
  public static final String ISPN_CLUSTER = "ispn";
  public static final String HZ_CLUSTER = "hzc";
  public static final String UNSAFE = "unsafe";

  public final TestWorkflowEnvironment env;

  private FakeTemporal() {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    env.newWorker(TaskQueues.WORKFLOWS)
        .registerWorkflowImplementationTypes(
            InfinispanUpgradeWorkflowImpl.class,
            HazelcastUpgradeWorkflowImpl.class,
            FakeFleetWorkflow.class);
    env.newWorker(TaskQueues.cluster(ISPN_CLUSTER))
        .registerActivitiesImplementations(new FakeInfinispanGrid(), new FakeKubernetesEvents());
    FakeHazelcastCluster hazelcast = new FakeHazelcastCluster();
    hazelcast.setWorkloads(FakeTemporal::workload);
    // Each cluster's agent serves the upgrade's Kubernetes Events too.
    env.newWorker(TaskQueues.cluster(HZ_CLUSTER))
        .registerActivitiesImplementations(hazelcast, new FakeKubernetesEvents());
    env.start();
  }

  private static FakeTemporal shared;

  /**
   * The one instance every test class shares (starting a test server per class costs seconds); it
   * is closed when the test JVM exits.
   */
  public static synchronized FakeTemporal shared() {
    if (shared == null) {
      shared = new FakeTemporal();
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "fake-temporal-close"));
    }
    return shared;
  }

  @Override
  public void close() {
    env.close();
  }

  private static HazelcastWorkload workload(String name) {
    if (!name.startsWith(UNSAFE)) {
      return FakeHazelcastCluster.statefulSet(name, FakeHazelcastCluster.SAFE_PROPERTIES, 600);
    }
    return FakeHazelcastCluster.statefulSet(
        name,
        Map.of(
            "hazelcast.shutdownhook.policy", "TERMINATE",
            "hazelcast.graceful.shutdown.max.wait", "900"),
        600);
  }
}
