package io.gridshift.worker;

import io.gridshift.workflows.kinds.GridKinds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code gridshift worker --config worker.yaml}: runs a worker until the process is stopped. */
public final class WorkerMain {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerMain.class);

  private WorkerMain() {}

  public static void main(String[] args) throws Exception {
    Path configFile = Path.of(argument(args, "--config", "worker.yaml"));
    WorkerConfig config = WorkerConfig.load(configFile);
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(config.temporal().target()).build());
    WorkflowClient client =
        WorkflowClient.newInstance(
            service,
            WorkflowClientOptions.newBuilder()
                .setNamespace(config.temporal().namespace())
                .setDataConverter(GridKinds.dataConverter())
                .build());
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
        "gridshift worker started: temporal {} namespace {}, {} cluster(s)",
        config.temporal().target(),
        config.temporal().namespace(),
        config.clusters().size());
    stopped.await();
  }

  private static String argument(String[] args, String name, String fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
