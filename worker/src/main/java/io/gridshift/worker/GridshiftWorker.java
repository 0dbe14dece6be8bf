package io.gridshift.worker;

import io.gridshift.activities.ActivityFailureMetrics;
import io.gridshift.activities.ClusterAccess;
import io.gridshift.activities.ClusterActivities;
import io.gridshift.activities.KubernetesForbiddenInterceptor;
import io.gridshift.activities.notify.WebhookNotificationActivitiesImpl;
import io.gridshift.workflows.common.NotificationWorkflow;
import io.gridshift.workflows.common.NotificationWorkflowImpl;
import io.gridshift.workflows.common.TaskQueues;
import io.gridshift.workflows.common.VisibilityOptions;
import io.gridshift.workflows.kinds.GridKinds;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hosts gridshift on one Temporal connection: the workflows on the shared task queue and, for every
 * configured cluster, that cluster's activities on {@code gridshift-cluster-<name>}, each built on
 * the cluster's one {@link ClusterAccess}. Adding clusters or capacity is adding workers; Temporal
 * distributes the tasks.
 */
public final class GridshiftWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GridshiftWorker.class);

  private final WorkerFactory factory;
  private final List<ClusterAccess> clusters = new ArrayList<>();
  private final List<String> taskQueues = new ArrayList<>();

  /**
   * Registers everything on {@code client}. Cluster access is built per cluster from the config.
   */
  public GridshiftWorker(WorkflowClient client, WorkerConfig config) throws IOException {
    // A Kubernetes 403 (a missing RBAC rule) fails an activity at once, naming the rule to add;
    // log lines of an upgrade's tasks carry its workflow id, grid, cluster and step.
    this.factory =
        WorkerFactory.newInstance(
            client,
            WorkerFactoryOptions.newBuilder()
                .setWorkerInterceptors(
                    new KubernetesForbiddenInterceptor(),
                    new LoggingContextInterceptor(client.getOptions().getDataConverter()),
                    new ActivityFailureMetrics())
                .build());
    if (config.hostWorkflows()) {
      registerWorkflows(client, config);
    }
    for (WorkerConfig.Cluster cluster : config.clusters()) {
      ClusterAccess access = open(cluster);
      clusters.add(access);
      registerCluster(access);
    }
  }

  private static ClusterAccess open(WorkerConfig.Cluster cluster) throws IOException {
    return cluster.inCluster()
        ? ClusterAccess.inCluster(cluster.name())
        : ClusterAccess.fromKubeconfig(cluster.name(), cluster.kubeconfig(), cluster.context());
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
                // The raw channel has the TLS but not the per-call credentials (API key).
                .setGrpcMetadataProviders(
                    client.getWorkflowServiceStubs().getOptions().getGrpcMetadataProviders())
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
    GridKinds.registerWorkflows(workflows, offered, config.approvals().toApprovals());
    Worker notifications = factory.newWorker(NotificationWorkflow.TASK_QUEUE);
    taskQueues.add(workflows.getTaskQueue());
    taskQueues.add(notifications.getTaskQueue());
    notifications.registerWorkflowImplementationTypes(NotificationWorkflowImpl.class);
    notifications.registerActivitiesImplementations(
        new WebhookNotificationActivitiesImpl(
            config.notifications().urls(), config.notifications().signature()));
    LOG.info(
        "hosting workflows on {}; notifications to {} webhook(s) on {}; approvals {} (keys {},"
            + " four-eyes {})",
        workflows.getTaskQueue(),
        config.notifications().webhooks().size(),
        notifications.getTaskQueue(),
        config.approvals().mode(),
        config.approvals().keys().keySet(),
        config.approvals().fourEyes());
  }

  private void registerCluster(ClusterAccess cluster) {
    Worker worker = factory.newWorker(cluster.taskQueue());
    taskQueues.add(worker.getTaskQueue());
    worker.registerActivitiesImplementations(ClusterActivities.of(cluster).toArray());
    LOG.info("serving cluster {} on task queue {}", cluster.name(), worker.getTaskQueue());
  }

  /**
   * The task queues this worker polls once started: the workflow and notification queues if it
   * hosts workflows, and each of its clusters' queue.
   */
  public List<String> taskQueues() {
    return List.copyOf(taskQueues);
  }

  /** The access of each cluster this worker serves, in config order. */
  public List<ClusterAccess> clusters() {
    return List.copyOf(clusters);
  }

  /** Starts polling. */
  public void start() {
    factory.start();
  }

  /** Stops polling, lets running activities finish briefly, and closes each cluster's access. */
  @Override
  public void close() {
    factory.shutdown();
    factory.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
    for (ClusterAccess cluster : clusters) {
      try {
        cluster.close();
      } catch (RuntimeException e) {
        LOG.warn("closing {} failed: {}", cluster, e.toString());
      }
    }
  }
}
