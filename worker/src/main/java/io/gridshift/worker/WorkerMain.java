package io.gridshift.worker;

import io.gridshift.workflows.client.TemporalClients;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
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
   * finish briefly), after logging {@code started}, the identity and the task queues.
   *
   * @param identity the worker identity Temporal records on every task this process runs
   */
  static void run(WorkerConfig config, String identity, String started) throws Exception {
    WorkflowServiceStubs service = TemporalClients.stubs(config.temporal());
    WorkflowClient client = TemporalClients.client(service, config.temporal(), identity);
    GridshiftWorker worker = new GridshiftWorker(client, config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  worker.close();
                  service.shutdown();
                  stopped.countDown();
                }));
    worker.start();
    LOG.info(
        "{} as {}: polling {} on temporal {}",
        started,
        identity,
        worker.taskQueues(),
        config.temporal().describe());
    stopped.await();
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
