package io.gridshift.worker;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.activities.hazelcast.HazelcastActivitiesImpl;
import io.gridshift.activities.infinispan.InfinispanDataActivitiesImpl;
import io.gridshift.activities.kubernetes.InfinispanDeployActivitiesImpl;
import io.gridshift.activities.kubernetes.KubernetesActivitiesImpl;
import io.gridshift.activities.notify.WebhookNotificationActivitiesImpl;
import io.gridshift.workflows.common.NotificationWorkflow;
import io.gridshift.workflows.common.NotificationWorkflowImpl;
import io.gridshift.workflows.common.TaskQueues;
import io.gridshift.workflows.common.VisibilityOptions;
import io.gridshift.workflows.kinds.GridKind;
import io.gridshift.workflows.kinds.GridKinds;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hosts gridshift on one Temporal connection: the workflows on the shared task queue and, for every
 * configured cluster, that cluster's activities on {@code gridshift-cluster-<name>}. Adding
 * clusters or capacity is adding workers; Temporal distributes the tasks.
 */
public final class GridshiftWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GridshiftWorker.class);

  private final WorkerFactory factory;
  private final Map<String, KubernetesClient> kubernetes = new LinkedHashMap<>();
  private final List<AutoCloseable> resources = new ArrayList<>();

  /**
   * Registers everything on {@code client}. Kubernetes clients are built per cluster from the
   * config.
   */
  public GridshiftWorker(WorkflowClient client, WorkerConfig config) throws IOException {
    this.factory = WorkerFactory.newInstance(client);
    if (config.hostWorkflows()) {
      registerWorkflows(client, config);
    }
    for (WorkerConfig.Cluster cluster : config.clusters()) {
      KubernetesClient kube = KubernetesClients.forCluster(cluster);
      kubernetes.put(cluster.name(), kube);
      registerCluster(cluster.name(), kube);
    }
  }

  /**
   * Every registered kind's upgrade workflow ({@link GridKinds}; told which search attributes the
   * server knows) and the notification child workflow with its webhook activity.
   */
  private void registerWorkflows(WorkflowClient client, WorkerConfig config) {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setChannel(client.getWorkflowServiceStubs().getRawChannel())
                .validateAndBuildWithDefaults());
    Set<String> searchAttributes;
    try {
      searchAttributes =
          SearchAttributeRegistrar.register(
              operator.blockingStub(), client.getOptions().getNamespace());
    } finally {
      operator.shutdown();
    }
    // This worker serves the notifications queue below: the upgrades may send notifications.
    VisibilityOptions offered = new VisibilityOptions(List.copyOf(searchAttributes), true);
    Worker workflows = factory.newWorker(TaskQueues.WORKFLOWS);
    for (GridKind<?> kind : GridKinds.all()) {
      register(workflows, kind, offered);
    }
    Worker notifications = factory.newWorker(NotificationWorkflow.TASK_QUEUE);
    notifications.registerWorkflowImplementationTypes(NotificationWorkflowImpl.class);
    notifications.registerActivitiesImplementations(
        new WebhookNotificationActivitiesImpl(config.notifications().urls()));
    LOG.info(
        "hosting workflows on {}; notifications to {} webhook(s) on {}",
        workflows.getTaskQueue(),
        config.notifications().webhooks().size(),
        notifications.getTaskQueue());
  }

  private static <W> void register(Worker worker, GridKind<W> kind, VisibilityOptions offered) {
    worker.registerWorkflowImplementationFactory(
        kind.workflowInterface(), () -> kind.implementation().apply(offered));
  }

  private void registerCluster(String name, KubernetesClient kube) {
    Worker worker = factory.newWorker(TaskQueues.cluster(name));
    InfinispanDataActivitiesImpl data = new InfinispanDataActivitiesImpl(kube);
    resources.add(data);
    worker.registerActivitiesImplementations(
        new KubernetesActivitiesImpl(kube),
        new InfinispanDeployActivitiesImpl(kube),
        data,
        new HazelcastActivitiesImpl(kube));
    LOG.info("serving cluster {} on task queue {}", name, worker.getTaskQueue());
  }

  /** Starts polling. */
  public void start() {
    factory.start();
  }

  /** Stops polling, lets running activities finish briefly, and closes the clients. */
  @Override
  public void close() {
    factory.shutdown();
    factory.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("closing {} failed: {}", resource, e.toString());
      }
    }
    kubernetes.values().forEach(KubernetesClient::close);
  }
}
