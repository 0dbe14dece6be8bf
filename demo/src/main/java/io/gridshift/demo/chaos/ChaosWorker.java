package io.gridshift.demo.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.gridshift.demo.AgentProcess;
import io.gridshift.sandbox.process.ChildLogging;
import io.gridshift.worker.WorkerConfig;
import io.gridshift.worker.WorkerMain;
import io.gridshift.workflows.client.TemporalAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The worker under test: one OS process ({@link WorkerMain}) that hosts the upgrade workflows and
 * runs the cluster's activities, reaching Temporal and the Kubernetes API through the fault
 * proxies, so that the benchmark can SIGKILL it at any moment (inside a long activity, between
 * workflow tasks) and start it again with the same config, as a Deployment restarts a crashed pod.
 */
final class ChaosWorker implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final List<String> JVM_OPTIONS =
      List.of(
          "-Xmx384m",
          "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1",
          "-Dhazelcast.logging.type=slf4j");

  private final Path config;
  private final Path logback;
  private final Path log;
  private AgentProcess process;
  private int starts;

  /**
   * @param temporalTarget the Temporal frontend the worker polls (the outage proxy)
   * @param cluster the cluster it serves
   * @param kubeconfig that cluster's kubeconfig (pointing at the fault proxy)
   * @param context the kubeconfig context
   * @param dir where its config and log go
   */
  ChaosWorker(String temporalTarget, String cluster, Path kubeconfig, String context, Path dir)
      throws IOException {
    Files.createDirectories(dir);
    this.config = dir.resolve("worker.yaml");
    this.logback = dir.resolve("worker-logback.xml");
    this.log = dir.resolve("worker.log");
    WorkerConfig worker =
        new WorkerConfig(
            TemporalAccess.plain(temporalTarget),
            true,
            List.of(new WorkerConfig.Cluster(cluster, kubeconfig.toString(), context, false)));
    new ObjectMapper(new YAMLFactory()).writeValue(config.toFile(), worker);
    Files.writeString(logback, ChildLogging.LOGBACK);
  }

  /** Starts the worker and returns once it polls. */
  synchronized void start() throws IOException, InterruptedException {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("the chaos worker runs already (" + process + ")");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_OPTIONS);
    command.add("-Dlogback.configurationFile=" + logback.toAbsolutePath());
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            WorkerMain.class.getName(),
            "--config",
            config.toAbsolutePath().toString()));
    process = AgentProcess.launch("chaos", command, log, WorkerMain.STARTED);
    starts++;
    process.awaitPolling(START_TIMEOUT);
  }

  /** SIGKILL: no shutdown hook runs, activities in flight are abandoned mid-step. */
  synchronized void kill() {
    if (process != null) {
      process.kill();
    }
  }

  synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** How many times the worker was started (1 + restarts). */
  synchronized int starts() {
    return starts;
  }

  Path log() {
    return log;
  }

  @Override
  public synchronized void close() {
    if (process != null) {
      process.stop();
    }
  }
}
