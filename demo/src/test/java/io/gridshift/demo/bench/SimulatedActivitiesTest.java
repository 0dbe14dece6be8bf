package io.gridshift.demo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.TaskQueues;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.common.VisibilityOptions;
import io.gridshift.workflows.fleet.FleetSpec.GridId;
import io.gridshift.workflows.kinds.GridKinds;
import io.gridshift.workflows.request.UpgradeRequest;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulation is only worth its figures if a simulated child makes the calls a real upgrade
 * makes: each kind's real workflow, run against the simulated agent, schedules the same activities
 * (type by type, count by count) as the recorded history of a real upgrade of that shape in the
 * workflows module.
 */
class SimulatedActivitiesTest {
  private static final Path HISTORIES = Path.of("../workflows/src/test/resources/histories");
  private static final SimulatedFleet FLEET = new SimulatedFleet(2, 1);

  private TestWorkflowEnvironment env;

  @BeforeEach
  void start() {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(
                    WorkflowClientOptions.newBuilder()
                        .setDataConverter(GridKinds.dataConverter())
                        .build())
                .build());
    GridKinds.registerWorkflows(env.newWorker(TaskQueues.WORKFLOWS), VisibilityOptions.NONE);
    String cluster = FLEET.clusterNames().get(0);
    Worker agent = env.newWorker(TaskQueues.cluster(cluster));
    SimulatedPace pace = new SimulatedPace(2, 0);
    agent.registerActivitiesImplementations(
        new SimulatedKubernetes(pace),
        new SimulatedInfinispan(pace),
        new SimulatedHazelcast(pace),
        new SimulatedDiscovery(FLEET, cluster, "test-agent"),
        new SimulatedEvents());
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void anInfinispanChildCallsWhatARealInfinispanUpgradeCalls() throws IOException {
    Map<String, Integer> simulated = simulatedCalls(grid("infinispan"));
    // One Kubernetes Event per step start and end and per gate opened and decided (issue 15).
    assertThat(simulated.remove(EVENTS)).isEqualTo(25);
    // deploy-target asks the target's server its version (issue 16), after the histories' time.
    assertThat(simulated.remove(SERVER_VERSION)).isEqualTo(1);
    assertThat(simulated)
        .isEqualTo(recordedCalls("infinispan-completed.json"))
        .containsEntry("InfinispanData.SyncData", 2);
  }

  @Test
  void aHazelcastChildCallsWhatARealHazelcastRollCalls() throws IOException {
    Map<String, Integer> simulated = simulatedCalls(grid("hazelcast"));
    assertThat(simulated.remove(EVENTS)).isEqualTo(12);
    assertThat(simulated)
        .isEqualTo(recordedCalls("hazelcast-canary-approved.json"))
        .containsEntry("Hazelcast.WaitUntilSafe", SimulatedKubernetes.PODS);
  }

  /**
   * The Events activity: the recorded histories predate it, so it is counted apart (the simulated
   * agents serve it as real agents do).
   */
  private static final String EVENTS = "Events.Record";

  /** The target's version read after deploy-target, newer than the recorded histories too. */
  private static final String SERVER_VERSION = "InfinispanData.ServerVersion";

  @Test
  void discoveryAnswersTheClustersGridsOfTheKindsAsked() {
    SimulatedFleet fleet = new SimulatedFleet(10, 2);
    SimulatedDiscovery c01 = new SimulatedDiscovery(fleet, "c01", "agent");
    assertThat(c01.discover("c01", List.of(), List.of()).grids()).hasSize(5);
    assertThat(c01.discover("c01", List.of(), List.of("hazelcast")).grids())
        .allSatisfy(g -> assertThat(g.id().kind()).isEqualTo("hazelcast"))
        .allSatisfy(g -> assertThat(g.version()).isEqualTo(SimulatedHazelcast.VERSION))
        .isNotEmpty();
    assertThat(c01.discover("c01", List.of("other"), List.of()).grids()).isEmpty();
  }

  private static GridId grid(String kind) {
    return FLEET.gridIds(SimulatedFleet.FLEET_NAMESPACE).stream()
        .filter(g -> g.kind().equals(kind))
        .findFirst()
        .orElseThrow();
  }

  /** Runs the grid's upgrade to its end; returns its activities by type. */
  private Map<String, Integer> simulatedCalls(GridId grid) {
    UpgradeRequest request = FleetScaleRequests.forGrid(grid, 1);
    WorkflowClient client = env.getWorkflowClient();
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            GridKinds.named(grid.kind()).workflowType(),
            WorkflowOptions.newBuilder()
                .setWorkflowId(request.withDefaults().workflowId())
                .setTaskQueue(TaskQueues.WORKFLOWS)
                .build());
    stub.start(request);
    UpgradeStatus status = stub.getResult(UpgradeStatus.class);
    assertThat(status.phase()).isEqualTo(Phase.COMPLETED);
    Map<String, Integer> calls = new TreeMap<>();
    for (HistoryEvent e : client.fetchHistory(request.withDefaults().workflowId()).getEvents()) {
      if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
        calls.merge(
            e.getActivityTaskScheduledEventAttributes().getActivityType().getName(),
            1,
            Integer::sum);
      }
    }
    return calls;
  }

  private static Map<String, Integer> recordedCalls(String file) throws IOException {
    JsonNode history = new ObjectMapper().readTree(HISTORIES.resolve(file).toFile());
    Map<String, Integer> calls = new TreeMap<>();
    for (JsonNode e : history.get("events")) {
      if (e.get("eventType").asText().equals("EVENT_TYPE_ACTIVITY_TASK_SCHEDULED")) {
        String type =
            e.get("activityTaskScheduledEventAttributes").get("activityType").get("name").asText();
        calls.merge(type, 1, Integer::sum);
      }
    }
    return calls;
  }
}
