package io.gridshift.workflows.fleet;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.gridshift.workflows.activities.KubernetesActivities;
import io.gridshift.workflows.activities.RolloutStatus;
import io.gridshift.workflows.activities.WorkloadRef;
import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.common.GateDecision;
import io.gridshift.workflows.common.GatePolicy;
import io.gridshift.workflows.common.TaskQueues;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.common.VisibilityOptions;
import io.gridshift.workflows.fleet.FleetSpec.FleetCluster;
import io.gridshift.workflows.fleet.FleetSpec.GridId;
import io.gridshift.workflows.fleet.FleetSpec.MaintenanceWindow;
import io.gridshift.workflows.fleet.FleetSpec.StageSpec;
import io.gridshift.workflows.fleet.FleetSpec.VersionTarget;
import io.gridshift.workflows.fleet.FleetStatus.GridStatus;
import io.gridshift.workflows.kinds.GridKinds;
import io.gridshift.workflows.request.UpgradeRequest;
import io.gridshift.workflows.testing.FakeKubernetesEvents;
import io.gridshift.workflows.testkind.EchoUpgradeRequest;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The fleet workflow on the test server with time skipping, with real children of the test kind
 * {@code echo} (plan reads the grid through its cluster's agent, gate {@code go}, one more read)
 * and discovery served by mocked agents: {@code eu-1} (grids a, b), {@code us-1} (c, d), {@code
 * big-1} (g1..g8); cluster {@code ap-1} has no agent at all.
 */
abstract class FleetTestSupport {
  /** Every grid of cluster big-1. */
  static final List<String> BIG = List.of("g1", "g2", "g3", "g4", "g5", "g6", "g7", "g8");

  protected TestWorkflowEnvironment env;
  protected WorkflowClient client;

  /** How many times each grid's agent was read: 1 per dry run, 2 per real upgrade. */
  protected final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();

  /** Grids whose real upgrade fails (their second read). */
  protected final Set<String> failing = ConcurrentHashMap.newKeySet();

  /** Grids their agent lists with replicas not ready. */
  protected final Set<String> unhealthy = ConcurrentHashMap.newKeySet();

  /** Paths of grids another tool manages: their plan's read is refused (OwnedByAnotherTool). */
  protected final Set<String> owned = ConcurrentHashMap.newKeySet();

  /** Discovery calls per cluster (the plan's and the bakes'). */
  protected final Map<String, AtomicInteger> discoveries = new ConcurrentHashMap<>();

  @BeforeEach
  void startEnvironment() {
    TestEnvironmentOptions.Builder options =
        TestEnvironmentOptions.newBuilder()
            .setWorkflowClientOptions(
                WorkflowClientOptions.newBuilder()
                    .setDataConverter(GridKinds.dataConverter())
                    .build());
    if (startAt() != null) {
      options.setInitialTime(startAt());
    }
    env = TestWorkflowEnvironment.newInstance(options.build());
    client = env.getWorkflowClient();
    register(env.newWorker(TaskQueues.WORKFLOWS));
    agent("eu-1", "a", "b");
    agent("us-1", "c", "d");
    agent("big-1", BIG.toArray(String[]::new));
    moreWorkers();
    env.start();
  }

  @AfterEach
  void stopEnvironment() {
    env.close();
  }

  /** The test server's clock at the start, or null for now. */
  protected Instant startAt() {
    return null;
  }

  /** Registers the workflows on the shared queue: every kind and the fleet, offering nothing. */
  protected void register(Worker workflows) {
    GridKinds.registerWorkflows(workflows, VisibilityOptions.NONE);
  }

  /** Creates any further worker a test needs, before the environment starts. */
  protected void moreWorkers() {}

  private void agent(String cluster, String... grids) {
    FleetDiscoveryActivities discovery =
        mock(FleetDiscoveryActivities.class, withSettings().withoutAnnotations());
    when(discovery.discover(eq(cluster), anyList(), anyList()))
        .thenAnswer(
            call -> {
              discoveries.computeIfAbsent(cluster, c -> new AtomicInteger()).incrementAndGet();
              List<DiscoveredGrid> found = new ArrayList<>();
              for (String g : grids) {
                GridId id = new GridId(cluster, "apps", g, "echo");
                found.add(new DiscoveredGrid(id, "1", Map.of(), !unhealthy.contains(id.path())));
              }
              return new ClusterInventory(cluster, "agent-" + cluster, found);
            });
    KubernetesActivities kube =
        mock(KubernetesActivities.class, withSettings().withoutAnnotations());
    when(kube.rolloutStatus(any()))
        .thenAnswer(
            call -> {
              WorkloadRef w = call.getArgument(0);
              String path = w.cluster().cluster() + "/apps/" + w.name();
              int n = reads.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
              if (owned.contains(path)) {
                throw ApplicationFailure.newNonRetryableFailure(
                    "grid " + path + ": StatefulSet apps/" + w.name() + " is managed by Helm",
                    FailureTypes.OWNED_BY_ANOTHER_TOOL);
              }
              if (n >= 2 && failing.contains(path)) {
                throw ApplicationFailure.newNonRetryableFailure(
                    "grid " + path + " broke", FailureTypes.ROLLOUT_STUCK);
              }
              return new RolloutStatus(3, 3, 3, 3, 0, true, "ok");
            });
    Worker worker = env.newWorker(TaskQueues.cluster(cluster));
    worker.registerActivitiesImplementations(discovery, kube, new FakeKubernetesEvents());
  }

  static FleetSpec spec(String name, List<String> clusters, List<StageSpec> stages, boolean dry) {
    return spec(name, clusters, Map.of(), stages, Map.of(), dry);
  }

  /**
   * A fleet of every echo grid of {@code clusters}, requested by alice under four-eyes; a cluster
   * of {@code windows} has that window.
   */
  static FleetSpec spec(
      String name,
      List<String> clusters,
      Map<String, MaintenanceWindow> windows,
      List<StageSpec> stages,
      Map<String, UpgradeRequest> childDefaults,
      boolean dryRun) {
    return new FleetSpec(
        name,
        "alice",
        clusters.stream().map(c -> new FleetCluster(c, Map.of(), windows.get(c))).toList(),
        new FleetSpec.GridSelector(null, null, List.of("echo"), null, null, null),
        Map.of("echo", new VersionTarget("2", null, null)),
        stages,
        childDefaults,
        true,
        dryRun);
  }

  static StageSpec stage(String name, Integer count, int parallel, String maxFailures) {
    return new StageSpec(name, null, count, null, parallel, null, maxFailures, null, null);
  }

  /** Child defaults under which every echo child waits at its gate {@code go} for a person. */
  static Map<String, UpgradeRequest> childrenAskAPerson() {
    return Map.of(
        "echo",
        new EchoUpgradeRequest(
            null,
            null,
            null,
            Map.of(EchoUpgradeRequest.GATE, GatePolicy.required()),
            false,
            null,
            null));
  }

  protected WorkflowStub startFleet(FleetSpec spec) {
    return startFleet(spec, TaskQueues.WORKFLOWS);
  }

  protected WorkflowStub startFleet(FleetSpec spec, String taskQueue) {
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            FleetUpgradeWorkflow.TYPE,
            WorkflowOptions.newBuilder()
                .setWorkflowId(FleetUpgradeWorkflow.workflowId(spec.name()))
                .setTaskQueue(taskQueue)
                .build());
    stub.start(spec, null);
    return stub;
  }

  static GridStatus grid(FleetStatus status, String path) {
    return status.grids().stream().filter(g -> g.path().equals(path)).findFirst().orElseThrow();
  }

  /** Whether {@code path} is in {@code state} (false while the plan has not found it yet). */
  static boolean gridIs(FleetStatus status, String path, String state) {
    return status.grids().stream().anyMatch(g -> g.path().equals(path) && state.equals(g.state()));
  }

  /** Polls the status, a second of workflow time apart, until {@code until} holds. */
  protected FleetStatus awaitStatus(WorkflowStub stub, Predicate<FleetStatus> until) {
    return awaitStatus(stub, Duration.ofSeconds(1), until);
  }

  /** Polls the status, {@code step} of workflow time apart, until {@code until} holds. */
  protected FleetStatus awaitStatus(
      WorkflowStub stub, Duration step, Predicate<FleetStatus> until) {
    for (int i = 0; i < 400; i++) {
      FleetStatus s = null;
      try {
        s = latest(stub).query("status", FleetStatus.class);
      } catch (RuntimeException notYet) {
        // The run is continuing as new.
      }
      if (s != null && until.test(s)) {
        return s;
      }
      env.sleep(step);
    }
    throw new AssertionError("the fleet never reached the expected state");
  }

  /**
   * The fleet's current run: a stub from {@code start} stays bound to the first run, which a
   * continue-as-new closes.
   */
  protected WorkflowStub latest(WorkflowStub fleet) {
    return client.newUntypedWorkflowStub(fleet.getExecution().getWorkflowId());
  }

  /** The run id of the fleet's current run. */
  protected String currentRun(WorkflowStub fleet) {
    return latest(fleet).describe().getExecution().getRunId();
  }

  /** The echo child of grid {@code path} ({@code cluster/apps/name}), as a single upgrade. */
  protected WorkflowStub child(String path) {
    return client.newUntypedWorkflowStub("echo-upgrade-" + path.replace('/', '-'));
  }

  /** Waits until {@code path}'s child waits at its gate, then approves it as bob. */
  protected void approveChild(String path) {
    WorkflowStub child = child(path);
    for (int i = 0; i < 400; i++) {
      UpgradeStatus s = null;
      try {
        s = child.query("status", UpgradeStatus.class);
      } catch (RuntimeException notYet) {
        // Not started yet.
      }
      if (s != null && s.openGate() != null) {
        child.update(
            "approve",
            AuditEntry.class,
            new GateDecision(EchoUpgradeRequest.GATE, "bob", "child ok"));
        return;
      }
      env.sleep(Duration.ofMillis(200));
    }
    throw new AssertionError(path + "'s upgrade never waited at its gate");
  }

  /**
   * How many times each fleet run started each child workflow id, over the whole chain of runs
   * (continue-as-new included), read from the runs' histories; and the number of runs.
   */
  protected ChildStarts childStarts(WorkflowStub fleet) {
    String id = fleet.getExecution().getWorkflowId();
    String runId = fleet.getExecution().getRunId();
    Map<String, Integer> starts = new TreeMap<>();
    int runs = 0;
    while (runId != null) {
      runs++;
      String next = null;
      for (HistoryEvent e : client.fetchHistory(id, runId).getHistory().getEventsList()) {
        if (e.getEventType() == EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED) {
          String child = e.getStartChildWorkflowExecutionInitiatedEventAttributes().getWorkflowId();
          starts.merge(child, 1, Integer::sum);
        } else if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW) {
          next = e.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId();
        }
      }
      runId = next;
    }
    return new ChildStarts(starts, runs);
  }

  /** Child workflow ids to how many times a fleet started them, and how many runs it took. */
  record ChildStarts(Map<String, Integer> byWorkflowId, int runs) {}

  static List<String> paths(String cluster, String... names) {
    return Arrays.stream(names).map(n -> cluster + "/apps/" + n).toList();
  }
}
