package io.gridshift.demo.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.gridshift.demo.AgentProcess;
import io.gridshift.demo.AgentProcesses;
import io.gridshift.demo.HazelcastDemo;
import io.gridshift.demo.HazelcastDemoGrid;
import io.gridshift.sandbox.SandboxCluster;
import io.gridshift.starter.UpgradeRequests;
import io.gridshift.starter.UpgradeService;
import io.gridshift.workflows.common.MemberStatus;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.StepState;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.hazelcast.HazelcastDetails;
import io.temporal.api.history.v1.HistoryEvent;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Agents as separate processes on a two-cluster sandbox: a central worker in this JVM runs the
 * workflows only, and each cluster's activities run in that cluster's agent process. A Hazelcast
 * upgrade in the second cluster completes through its agent while the first cluster's agent is
 * killed, and an upgrade there fails at plan within a minute naming the task queue; restarted, the
 * agent serves its cluster again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentsEndToEndIT {
  private static final String EAST = "east";
  private static final String WEST = "west";
  private static final int ENTRIES = 2_000;

  /** The agent pick-up limit (45 s) plus the workflow's and this test's polling. */
  private static final Duration NO_AGENT_FAILS_WITHIN = Duration.ofSeconds(75);

  private E2eSandbox e2e;
  private UpgradeService service;
  private AgentProcesses agents;
  private SandboxCluster east;
  private HazelcastDemoGrid grid;
  private Map<String, Integer> loaded;

  @BeforeAll
  void startTwoClustersTheirAgentsAndAGridInTheSecond() throws Exception {
    e2e = E2eSandbox.startWithAgents("gridshift-agents-e2e", EAST, WEST);
    service = e2e.service();
    agents = e2e.agents();
    east = e2e.sandbox().cluster(EAST);
    grid = new HazelcastDemoGrid(e2e.sandbox().cluster(WEST).client());
    grid.create(HazelcastDemo.SOURCE_VERSION, 3);
    grid.awaitReady(3, Duration.ofMinutes(3), ready -> {});
    loaded = grid.load(ENTRIES, done -> {});
  }

  @AfterAll
  void stop() {
    if (e2e != null) {
      e2e.close();
    }
  }

  @Test
  @Order(1)
  void eachAgentPollsItsOwnClusterAsItsOwnProcess() throws Exception {
    for (String cluster : new String[] {EAST, WEST}) {
      AgentProcess agent = agents.agent(cluster);
      assertThat(agent.isAlive()).isTrue();
      assertThat(agent.identity()).endsWith("/agent/" + cluster);
      assertThat(agent.pid()).isNotEqualTo(ProcessHandle.current().pid());
      assertThat(Files.readString(agent.log()))
          .contains("polling [gridshift-cluster-" + cluster + "]");
    }
  }

  @Test
  @Order(2)
  void anUpgradeRunsThroughItsClustersAgentWhileAClusterWithoutOneFailsAtPlan() throws Exception {
    agents.kill(EAST);
    assertThat(agents.agent(EAST).isAlive()).isFalse();

    long orphanStarted = System.nanoTime();
    String orphan =
        service.start(UpgradeRequests.parse(request(EAST, "hz"), false)).getWorkflowId();
    String id = service.start(UpgradeRequests.parse(request(WEST, "hz"), false)).getWorkflowId();
    UpgradeStatus done = e2e.approveEveryGate(id);

    assertThat(done.phase()).as(done.message()).isEqualTo(Phase.COMPLETED);
    assertThat(done.details(HazelcastDetails.class).members())
        .extracting(MemberStatus::version)
        .containsOnly(HazelcastDemo.TARGET_VERSION)
        .hasSize(3);
    assertThat(grid.lostKeys(loaded))
        .containsOnly(Map.entry("orders", 0), Map.entry("sessions", 0));
    StatefulSet hz =
        e2e.sandbox().cluster(WEST).client().apps().statefulSets().withName("hz").get();
    assertThat(hz.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("hazelcast/hazelcast:" + HazelcastDemo.TARGET_VERSION);
    assertThat(activityWorkers(id))
        .as("who ran the upgrade's activities")
        .containsOnly(agents.agent(WEST).identity());
    // The log contract: the agent learns grid and step only from the header the workflow adds.
    assertThat(Files.readAllLines(agents.agent(WEST).log()))
        .as("the agent's lines while it ran the upgrade's activities")
        .filteredOn(line -> line.contains("workflowId=" + id))
        .isNotEmpty()
        .allSatisfy(
            line -> assertThat(line).contains("runId=", "grid=hz", "cluster=" + WEST, "step="));

    UpgradeStatus refused = e2e.awaitEnd(orphan);
    Duration took = Duration.ofNanos(System.nanoTime() - orphanStarted);
    assertThat(refused.phase()).as(refused.message()).isEqualTo(Phase.FAILED);
    assertThat(refused.steps().get(0).state()).isEqualTo(StepState.FAILED);
    assertThat(refused.message())
        .contains("no worker serves cluster east")
        .contains("task queue gridshift-cluster-east")
        .contains("./gridshift agent --config agent.yaml")
        .contains("Nothing was changed");
    assertThat(took).isLessThan(NO_AGENT_FAILS_WITHIN);
    assertThat(east.client().apps().statefulSets().list().getItems()).isEmpty();
  }

  @Test
  @Order(3)
  void aRestartedAgentServesItsClusterAgain() throws Exception {
    long killed = agents.agent(EAST).pid();
    AgentProcess again = agents.restart(EAST);
    assertThat(again.pid()).isNotEqualTo(killed);
    assertThat(again.identity()).endsWith("/agent/east");

    // The same request now reaches cluster east, which has no grid hz (west's is not there).
    long started = System.nanoTime();
    String id = service.start(UpgradeRequests.parse(request(EAST, "hz"), false)).getWorkflowId();
    UpgradeStatus status = e2e.awaitEnd(id);

    assertThat(status.phase()).as(status.message()).isEqualTo(Phase.FAILED);
    assertThat(status.message())
        .contains("not found in cluster east")
        .doesNotContain("no worker serves");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
  }

  /** The identities that started the activities in workflow {@code id}'s history. */
  private Set<String> activityWorkers(String id) {
    return e2e.client().fetchHistory(id).getEvents().stream()
        .filter(HistoryEvent::hasActivityTaskStartedEventAttributes)
        .map(e -> e.getActivityTaskStartedEventAttributes().getIdentity())
        .collect(Collectors.toSet());
  }

  private static String request(String cluster, String grid) {
    return """
        {"kind": "hazelcast", "cluster": {"cluster": "%s", "namespace": "default"},
         "grid": "%s", "targetVersion": "%s", "requestedBy": "e2e"}"""
        .formatted(cluster, grid, HazelcastDemo.TARGET_VERSION);
  }
}
