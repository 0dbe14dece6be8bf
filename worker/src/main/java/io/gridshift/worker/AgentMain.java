package io.gridshift.worker;

import java.nio.file.Path;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code gridshift agent --config agent.yaml}: a cluster's agent. It runs inside its cluster and
 * only that cluster's activities, polling {@code gridshift-cluster-<name>} outward, so no
 * credentials leave the cluster and nothing needs inbound access to it; workflows run on central
 * workers. Its config must say {@code hostWorkflows: false} and list at least one cluster ({@link
 * WorkerConfig#agentProblems()}); otherwise the process ends with status 2 and the fix.
 */
public final class AgentMain {
  /** The start of the line logged once the agent polls (what process supervisors wait for). */
  public static final String STARTED = "gridshift agent started";

  private static final Logger LOG = LoggerFactory.getLogger(AgentMain.class);

  private AgentMain() {}

  public static void main(String[] args) throws Exception {
    Path configFile = Path.of(WorkerMain.argument(args, "--config", "agent.yaml"));
    WorkerConfig config;
    try {
      config = WorkerConfig.loadAgent(configFile);
    } catch (IllegalArgumentException e) {
      LOG.error(e.getMessage());
      System.exit(2);
      return;
    }
    WorkerMain.run(config, identity(config), STARTED);
  }

  /** {@code <pid>@<host>/agent/<cluster>[,<cluster>...]}. */
  static String identity(WorkerConfig config) {
    return WorkerMain.identity(
        "agent/"
            + config.clusters().stream()
                .map(WorkerConfig.Cluster::name)
                .collect(Collectors.joining(",")));
  }
}
