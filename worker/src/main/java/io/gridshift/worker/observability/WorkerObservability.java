package io.gridshift.worker.observability;

import io.gridshift.activities.ClusterAccess;
import io.gridshift.workflows.client.TemporalAccess;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.IOException;
import java.util.List;

/**
 * A running worker's health and metrics endpoint: its {@link WorkerMetrics} served with its {@link
 * Readiness} by an {@link ObservabilityServer}. Built in two moves, since the metrics scope must be
 * on the stubs before the worker exists:
 *
 * <pre>
 * WorkerMetrics metrics = new WorkerMetrics();
 * WorkflowServiceStubs stubs = TemporalClients.stubs(access, metrics.scope());
 * GridshiftWorker worker = new GridshiftWorker(client, config);
 * WorkerObservability o = WorkerObservability.start(observability, metrics, stubs, access, worker.clusters());
 * o.metricsUrl();   // http://127.0.0.1:PORT/metrics, with the bound port when asked for 0
 * </pre>
 */
public final class WorkerObservability implements AutoCloseable {
  private final WorkerMetrics metrics;
  private final ObservabilityServer server;

  private WorkerObservability(WorkerMetrics metrics, ObservabilityServer server) {
    this.metrics = metrics;
    this.server = server;
  }

  /**
   * Reports the served clusters ({@code gridshift_agent_info}) and serves {@code /healthz}, {@code
   * /readyz} and {@code /metrics} on {@code bindHost:port}. Closing stops the server and the
   * metrics.
   */
  public static WorkerObservability start(
      String bindHost,
      int port,
      WorkerMetrics metrics,
      WorkflowServiceStubs stubs,
      TemporalAccess access,
      List<ClusterAccess> clusters)
      throws IOException {
    metrics.serving(clusters.stream().map(ClusterAccess::name).toList());
    Readiness readiness = Readiness.of(stubs, access, clusters);
    return new WorkerObservability(
        metrics, ObservabilityServer.start(bindHost, port, readiness::problem, metrics::scrape));
  }

  /** Where Prometheus scrapes. */
  public String metricsUrl() {
    return server.metricsUrl();
  }

  /** The bound port. */
  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
    metrics.close();
  }
}
