package io.gridshift.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.gridshift.sandbox.SandboxCluster;
import io.gridshift.sandbox.process.ChildLogging;
import io.gridshift.worker.AgentMain;
import io.gridshift.worker.WorkerConfig;
import io.gridshift.workflows.client.TemporalAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox clusters' agents, each a separate OS process, as in production (one agent inside each
 * cluster), so that a test or a demo can kill one and start it again.
 *
 * <ol>
 *   <li>For each cluster it writes {@code <dir>/<cluster>.yaml}, an agent config ({@code
 *       hostWorkflows: false}, the one cluster with its own kubeconfig and context, the sandbox's
 *       Temporal), and {@code <dir>/<cluster>-logback.xml}, so the agent logs at INFO whatever
 *       logging configuration the classpath carries (a test's is quieter).
 *   <li>It runs {@code java -cp <this JVM's class path> io.gridshift.worker.AgentMain --config
 *       <dir>/<cluster>.yaml}, output appended to {@code <dir>/<cluster>.log}.
 *   <li>It waits until the agent logs that it polls ({@link AgentMain#STARTED}).
 * </ol>
 *
 * <p>This JVM's class path holds the worker: the demo depends on it, {@code ./gridshift demo} runs
 * with {@code demo/target/lib}, which holds the worker's jar and its dependencies, and a test runs
 * with exactly the build under test (failsafe's manifest-only jar lists the entries, and the JVM
 * follows a jar's {@code Class-Path}). The launcher's {@code worker/target/lib} is only copied by
 * {@code package}, so it may be stale or missing when a test runs.
 */
public final class AgentProcesses implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AgentProcesses.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final List<String> JVM_OPTIONS =
      List.of(
          // Small and quick to start: several agents share a 2-core machine with the grids.
          "-Xmx256m",
          "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1",
          // Hazelcast's client logs through SLF4J like everything else (as ./gridshift sets it).
          "-Dhazelcast.logging.type=slf4j");

  private final String temporalTarget;
  private final Path dir;
  private final Map<String, AgentProcess> agents = new LinkedHashMap<>();

  /**
   * @param temporalTarget the Temporal frontend the agents poll, {@code host:port}
   * @param dir where the agents' configs and logs go
   */
  public AgentProcesses(String temporalTarget, Path dir) throws IOException {
    this.temporalTarget = temporalTarget;
    this.dir = Files.createDirectories(dir);
  }

  /**
   * Starts an agent for each cluster (all at once) and returns once every one polls.
   *
   * @throws IOException when an agent exits first or does not poll in time (with its log's end)
   */
  public synchronized List<AgentProcess> start(List<SandboxCluster> clusters)
      throws IOException, InterruptedException {
    List<AgentProcess> started = new ArrayList<>();
    for (SandboxCluster cluster : clusters) {
      if (agents.containsKey(cluster.name()) && agents.get(cluster.name()).isAlive()) {
        throw new IllegalStateException(
            "the agent of cluster " + cluster.name() + " runs already; kill it first");
      }
      writeConfig(cluster);
      started.add(launch(cluster.name()));
    }
    for (AgentProcess agent : started) {
      agent.awaitPolling(START_TIMEOUT);
      log.info("{} polls as {}", agent, agent.identity());
    }
    return started;
  }

  /** Starts one cluster's agent and returns once it polls. */
  public AgentProcess start(SandboxCluster cluster) throws IOException, InterruptedException {
    return start(List.of(cluster)).get(0);
  }

  /** The agent last started for {@code cluster}; an error naming the known ones otherwise. */
  public synchronized AgentProcess agent(String cluster) {
    AgentProcess agent = agents.get(cluster);
    if (agent == null) {
      throw new IllegalArgumentException(
          "no agent was started for cluster " + cluster + "; agents: " + agents.keySet());
    }
    return agent;
  }

  /** Kills {@code cluster}'s agent at once (SIGKILL); see {@link AgentProcess#kill()}. */
  public void kill(String cluster) {
    agent(cluster).kill();
  }

  /**
   * Starts {@code cluster}'s agent again with the same config and log (killing the running one
   * first, if any) and returns once the new one polls.
   */
  public synchronized AgentProcess restart(String cluster)
      throws IOException, InterruptedException {
    agent(cluster).kill();
    AgentProcess agent = launch(cluster);
    agent.awaitPolling(START_TIMEOUT);
    log.info("{} polls again as {}", agent, agent.identity());
    return agent;
  }

  private AgentProcess launch(String cluster) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_OPTIONS);
    command.add("-Dlogback.configurationFile=" + logbackFile(cluster).toAbsolutePath());
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            AgentMain.class.getName(),
            "--config",
            configFile(cluster).toAbsolutePath().toString()));
    AgentProcess agent = AgentProcess.launch(cluster, command, dir.resolve(cluster + ".log"));
    agents.put(cluster, agent);
    return agent;
  }

  /** The agent config of {@code cluster}: its own kubeconfig (it sees no other cluster). */
  static WorkerConfig config(SandboxCluster cluster, String temporalTarget) {
    return new WorkerConfig(
        TemporalAccess.plain(temporalTarget),
        false,
        List.of(
            new WorkerConfig.Cluster(
                cluster.name(), cluster.kubeconfig().toString(), cluster.context(), false)));
  }

  private void writeConfig(SandboxCluster cluster) throws IOException {
    WorkerConfig config = config(cluster, temporalTarget);
    if (!config.agentProblems().isEmpty()) {
      throw new IllegalStateException("agent config: " + config.agentProblems());
    }
    new ObjectMapper(new YAMLFactory()).writeValue(configFile(cluster.name()).toFile(), config);
    Files.writeString(logbackFile(cluster.name()), ChildLogging.LOGBACK);
  }

  private Path configFile(String cluster) {
    return dir.resolve(cluster + ".yaml");
  }

  private Path logbackFile(String cluster) {
    return dir.resolve(cluster + "-logback.xml");
  }

  /** Stops every agent (SIGTERM, then SIGKILL after a grace period). */
  @Override
  public synchronized void close() {
    agents.values().forEach(AgentProcess::stop);
  }
}
