package io.gridshift.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.workflows.common.NotificationWorkflow;
import io.gridshift.workflows.common.TaskQueues;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a central worker and an agent poll: workflows only, or their clusters' queues only. */
class GridshiftWorkerRolesTest {
  @TempDir Path dir;
  private TestWorkflowEnvironment env;

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void aCentralWorkerPollsTheWorkflowAndNotificationQueuesOnly() throws Exception {
    WorkerConfig central = new WorkerConfig(null, true, List.of());
    try (GridshiftWorker worker = new GridshiftWorker(env.getWorkflowClient(), central)) {
      assertThat(worker.taskQueues())
          .containsExactly(TaskQueues.WORKFLOWS, NotificationWorkflow.TASK_QUEUE);
    }
  }

  @Test
  void anAgentPollsItsClustersQueuesOnly() throws Exception {
    Path kubeconfig = dir.resolve("kubeconfig");
    Files.writeString(
        kubeconfig,
        """
        apiVersion: v1
        kind: Config
        clusters: [{name: west, cluster: {server: "http://127.0.0.1:1"}}]
        users: [{name: west, user: {token: t}}]
        contexts: [{name: west, context: {cluster: west, user: west}}]
        current-context: west
        """);
    WorkerConfig agent =
        new WorkerConfig(
            null,
            false,
            List.of(new WorkerConfig.Cluster("west", kubeconfig.toString(), "west", false)));
    assertThat(agent.agentProblems()).isEmpty();
    try (GridshiftWorker worker = new GridshiftWorker(env.getWorkflowClient(), agent)) {
      assertThat(worker.taskQueues()).containsExactly("gridshift-cluster-west");
    }
  }
}
