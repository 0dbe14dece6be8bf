package io.gridshift.worker;

import io.gridshift.worker.observability.WorkerMetrics;
import io.gridshift.worker.observability.WorkerObservability;
import io.gridshift.workflows.client.TemporalAccess;
import io.gridshift.workflows.client.TemporalClients;
import io.gridshift.workflows.client.TemporalConnectionCheck;
import io.gridshift.workflows.client.TemporalConnectionException;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code gridshift worker --config worker.yaml}: runs a worker until the process is stopped. An
 * invalid config ends the process with status 2 and a message that says what to fix.
 */
public final class WorkerMain {
  /** The start of the line logged once the worker polls (what process supervisors wait for). */
  public static final String STARTED = "gridshift worker started";

  private static final Logger LOG = LoggerFactory.getLogger(WorkerMain.class);

  private WorkerMain() {}

  public static void main(String[] args) throws Exception {
    Path configFile = Path.of(argument(args, "--config", "worker.yaml"));
    WorkerConfig config;
    try {
      config = WorkerConfig.load(configFile);
    } catch (IllegalArgumentException e) {
      LOG.error(e.getMessage());
      System.exit(2);
      return;
    }
    run(config, identity("worker"), STARTED);
  }

  /**
   * Polls Temporal with {@code config} until the process is stopped (SIGTERM lets running tasks
   * finish briefly), after logging {@code started}, the identity and the task queues. A TLS or
   * credentials problem (a file, a refused handshake) ends the process with status 2 and one
   * sentence before anything claims to have started.
   *
   * @param identity the worker identity Temporal records on every task this process runs
   */
  static void run(WorkerConfig config, String identity, String started) throws Exception {
    Running running;
    try {
      running = start(config, identity, started);
    } catch (IllegalArgumentException | TemporalConnectionException e) {
      LOG.error(e.getMessage());
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  running.close();
                  stopped.countDown();
                }));
    stopped.await();
  }

  /**
   * A worker that polls, with its connection; closing stops both.
   *
   * @param service the connection to Temporal
   * @param worker the polling worker
   */
  record Running(
      WorkflowServiceStubs service, GridshiftWorker worker, WorkerObservability observability)
      implements AutoCloseable {
    @Override
    public void close() {
      worker.close();
      service.shutdown();
      if (observability != null) {
        observability.close();
      }
    }
  }

  /**
   * Connects to Temporal, checks that it answers through the configured TLS and credentials, then
   * starts polling and logs {@code started}.
   *
   * <ol>
   *   <li>Build the stubs: a missing or malformed TLS or API key file throws
   *       IllegalArgumentException naming it.
   *   <li>Ask Temporal once ({@link TemporalConnectionCheck}): a TLS or credentials refusal throws
   *       TemporalConnectionException with its sentence. A Temporal that is merely down is logged
   *       and waited for, as before (the SDK retries; Temporal may start after its workers).
   *   <li>Start the worker and log {@code started}.
   *   <li>With {@code observability} configured, serve {@code /healthz}, {@code /readyz} and {@code
   *       /metrics} (the SDK's metrics and gridshift's, through the stubs' metrics scope) and log
   *       the metrics URL.
   * </ol>
   */
  static Running start(WorkerConfig config, String identity, String started) throws IOException {
    TemporalAccess access = config.temporal();
    WorkerMetrics metrics = config.observability() == null ? null : new WorkerMetrics();
    WorkflowServiceStubs service;
    try {
      service = TemporalClients.stubs(access, metrics == null ? null : metrics.scope());
    } catch (RuntimeException e) {
      if (metrics != null) {
        metrics.close();
      }
      throw e;
    }
    WorkerObservability observability = null;
    try {
      TemporalConnectionCheck.Answer answer = TemporalConnectionCheck.ask(service, access);
      if (answer.security()) {
        throw new TemporalConnectionException(answer.problem());
      }
      if (!answer.answered()) {
        LOG.warn(
            "Temporal at {} does not answer yet ({}); waiting for it",
            access.target(),
            answer.problem());
      }
      WorkflowClient client = TemporalClients.client(service, access, identity);
      GridshiftWorker worker = new GridshiftWorker(client, config);
      worker.start();
      if (metrics != null) {
        WorkerConfig.Observability o = config.observability();
        observability =
            WorkerObservability.start(
                o.bindHost(), o.port(), metrics, service, access, worker.clusters());
        LOG.info("health at /healthz and /readyz, metrics at {}", observability.metricsUrl());
      }
      LOG.info(
          "{} as {}: polling {} on temporal {}",
          started,
          identity,
          worker.taskQueues(),
          access.describe());
      return new Running(service, worker, observability);
    } catch (IOException | RuntimeException e) {
      service.shutdownNow();
      if (observability != null) {
        observability.close();
      } else if (metrics != null) {
        metrics.close();
      }
      throw e;
    }
  }

  /**
   * The identity Temporal shows for this process's pollers and tasks: {@code <pid>@<host>/<role>},
   * so the UI tells an agent from a central worker.
   */
  static String identity(String role) {
    return ManagementFactory.getRuntimeMXBean().getName() + "/" + role;
  }

  static String argument(String[] args, String name, String fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
