package io.gridshift.demo.bench;

import io.gridshift.worker.SearchAttributeRegistrar;
import io.gridshift.workflows.common.TaskQueues;
import io.gridshift.workflows.common.VisibilityOptions;
import io.gridshift.workflows.kinds.GridKinds;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's one worker process: what the product's worker hosts (every kind's upgrade
 * workflow and the fleet workflow ({@link GridKinds#registerWorkflows}) on {@code
 * gridshift-workflows}, with gridshift's search attributes registered as the product's worker
 * registers them), the floor's bare parent, and one simulated agent per cluster on {@code
 * gridshift-cluster-<name>} (Kubernetes, Infinispan, Hazelcast and discovery activities, {@link
 * SimulatedPace} for the waits). Notifications are not served: no webhook is configured, as in a
 * fleet without webhooks.
 */
final class FleetScaleWorker implements AutoCloseable {

  /**
   * Worker settings under test; null leaves the SDK's default.
   *
   * @param workflowCacheSize sticky workflow cache (SDK default 600)
   * @param maxWorkflowTasks concurrent workflow task executions (SDK default 200)
   * @param workflowPollers workflow task pollers (SDK default 5)
   * @param agentPollers activity pollers of each cluster's agent (SDK default 5)
   */
  record Tuning(
      Integer workflowCacheSize,
      Integer maxWorkflowTasks,
      Integer workflowPollers,
      Integer agentPollers) {
    static final Tuning SDK_DEFAULTS = new Tuning(null, null, null, null);

    @Override
    public String toString() {
      return "workflow cache "
          + orDefault(workflowCacheSize)
          + ", concurrent workflow tasks "
          + orDefault(maxWorkflowTasks)
          + ", workflow pollers "
          + orDefault(workflowPollers)
          + ", activity pollers per agent "
          + orDefault(agentPollers);
    }

    private static String orDefault(Integer value) {
      return value == null ? "SDK default" : value.toString();
    }
  }

  private final WorkerFactory factory;

  FleetScaleWorker(WorkflowClient client, SimulatedFleet fleet, SimulatedPace pace, Tuning tuning) {
    WorkerFactoryOptions.Builder factoryOptions = WorkerFactoryOptions.newBuilder();
    if (tuning.workflowCacheSize() != null) {
      factoryOptions.setWorkflowCacheSize(tuning.workflowCacheSize());
    }
    this.factory = WorkerFactory.newInstance(client, factoryOptions.build());
    Worker workflows = factory.newWorker(TaskQueues.WORKFLOWS, workflowOptions(tuning));
    GridKinds.registerWorkflows(workflows, new VisibilityOptions(searchAttributes(client), false));
    workflows.registerWorkflowImplementationTypes(FloorFanOutWorkflowImpl.class);
    String agent = client.getOptions().getIdentity();
    for (String cluster : fleet.clusterNames()) {
      Worker worker = factory.newWorker(TaskQueues.cluster(cluster), agentOptions(tuning));
      worker.registerActivitiesImplementations(
          new SimulatedKubernetes(pace),
          new SimulatedInfinispan(pace),
          new SimulatedHazelcast(pace),
          new SimulatedDiscovery(fleet, cluster, agent),
          new SimulatedEvents());
    }
  }

  void start() {
    factory.start();
  }

  @Override
  public void close() {
    factory.shutdown();
    factory.awaitTermination(10, TimeUnit.SECONDS);
  }

  private static WorkerOptions workflowOptions(Tuning tuning) {
    WorkerOptions.Builder options = WorkerOptions.newBuilder();
    if (tuning.maxWorkflowTasks() != null) {
      options.setMaxConcurrentWorkflowTaskExecutionSize(tuning.maxWorkflowTasks());
    }
    if (tuning.workflowPollers() != null) {
      options.setMaxConcurrentWorkflowTaskPollers(tuning.workflowPollers());
    }
    return options.build();
  }

  private static WorkerOptions agentOptions(Tuning tuning) {
    WorkerOptions.Builder options = WorkerOptions.newBuilder();
    if (tuning.agentPollers() != null) {
      options.setMaxConcurrentActivityTaskPollers(tuning.agentPollers());
    }
    return options.build();
  }

  /** Registers gridshift's search attributes, as the product's worker does at start. */
  private static List<String> searchAttributes(WorkflowClient client) {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setChannel(client.getWorkflowServiceStubs().getRawChannel())
                .validateAndBuildWithDefaults());
    try {
      Set<String> known =
          SearchAttributeRegistrar.register(
              operator.blockingStub(), client.getOptions().getNamespace());
      return List.copyOf(known);
    } finally {
      operator.shutdown();
    }
  }
}
