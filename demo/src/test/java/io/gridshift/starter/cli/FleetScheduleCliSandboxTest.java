package io.gridshift.starter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.sandbox.temporal.LocalTemporalServer;
import io.gridshift.starter.schedule.FleetScheduleView;
import io.gridshift.starter.schedule.FleetSchedules;
import io.gridshift.workflows.client.TemporalAccess;
import io.gridshift.workflows.common.TaskQueues;
import io.gridshift.workflows.fleet.FleetCheckpoint;
import io.gridshift.workflows.fleet.FleetSpec;
import io.gridshift.workflows.fleet.FleetUpgradeWorkflow;
import io.gridshift.workflows.kinds.GridKinds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./gridshift fleet schedule ...} and {@link FleetSchedules} against the sandbox's Temporal
 * (which serves the Schedule API), through the CLI's real direct transport ({@code --temporal}). A
 * stand-in for the fleet workflow, registered under its type, records the spec each run gets. (In
 * the starter's package because the CLI's entry point is package-private; the starter's own tests
 * cannot use the sandbox, whose dependencies the starter's build refuses.)
 */
class FleetScheduleCliSandboxTest {
  private static final String SPEC =
      """
      name: weekly
      requestedBy: alice
      clusters: [{name: east}]
      grids: {kinds: [infinispan]}
      targets: {infinispan: {version: 15.0.21.Final}}
      stages: [{name: canary, count: 1}, {name: rest}]
      """;

  /** The fleet workflow's type and arguments, nothing else: what a schedule's run receives. */
  @WorkflowInterface
  public interface FleetStandIn {
    @WorkflowMethod(name = FleetUpgradeWorkflow.TYPE)
    String run(FleetSpec spec, FleetCheckpoint carried);
  }

  static final CopyOnWriteArrayList<String> runs = new CopyOnWriteArrayList<>();

  public static class FleetStandInImpl implements FleetStandIn {
    @Override
    public String run(FleetSpec spec, FleetCheckpoint carried) {
      runs.add(spec.name() + " " + spec.targets().get("infinispan").version() + " " + carried);
      return spec.name();
    }
  }

  private static LocalTemporalServer server;
  private static WorkflowServiceStubs stubs;
  private static WorkerFactory workers;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    server = LocalTemporalServer.start(0);
    stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(server.target()).build());
    WorkflowClient client =
        WorkflowClient.newInstance(
            stubs,
            WorkflowClientOptions.newBuilder().setDataConverter(GridKinds.dataConverter()).build());
    workers = WorkerFactory.newInstance(client);
    workers
        .newWorker(TaskQueues.WORKFLOWS)
        .registerWorkflowImplementationTypes(FleetStandInImpl.class);
    workers.start();
  }

  @AfterAll
  static void stop() {
    workers.shutdownNow();
    stubs.shutdownNow();
    server.close();
  }

  @Test
  void createDescribePauseTriggerDeleteThroughTheCli() throws Exception {
    Path file = dir.resolve("fleet.yaml");
    Files.writeString(file, SPEC);

    Result created =
        cli(
            "fleet",
            "schedule",
            "create",
            "--id",
            "fleet-weekly",
            "--file",
            file.toString(),
            "--cron",
            "0 2 * * SAT",
            "--time-zone",
            "Europe/Berlin",
            "--catchup-window",
            "10m");
    assertThat(created.code).as(created.toString()).isZero();
    assertThat(created.out).contains("created schedule fleet-weekly");

    FleetScheduleView view = schedules().describe("fleet-weekly");
    assertThat(view.workflowType()).isEqualTo(FleetUpgradeWorkflow.TYPE);
    assertThat(view.overlap()).isEqualTo("SKIP");
    assertThat(view.catchupWindow()).isEqualTo(Duration.ofMinutes(10));
    assertThat(view.timeZone()).isEqualTo("Europe/Berlin");
    assertThat(view.nextRuns())
        .hasSize(10)
        .allSatisfy(
            t -> {
              var local = t.atZone(ZoneId.of("Europe/Berlin"));
              assertThat(local.getDayOfWeek()).isEqualTo(DayOfWeek.SATURDAY);
              assertThat(local.getHour()).isEqualTo(2);
            });

    Result described = cli("fleet", "schedule", "describe", "fleet-weekly");
    assertThat(described.out)
        .contains("fleet-weekly  FleetUpgrade  active")
        .contains("calendar second=0 minute=0 hour=2 day_of_week=6 (Europe/Berlin)")
        .contains("overlap SKIP, catch-up window PT10M")
        .contains("  next ");

    Result paused = cli("fleet", "schedule", "pause", "fleet-weekly", "--note", "change freeze");
    assertThat(paused.code).as(paused.toString()).isZero();
    Result listed = cli("fleet", "schedule", "list");
    assertThat(listed.out).contains("fleet-weekly  FleetUpgrade  PAUSED: change freeze");

    // A trigger runs even while paused, as Temporal's does; the run gets the spec and a null
    // checkpoint.
    assertThat(cli("fleet", "schedule", "trigger", "fleet-weekly").code).isZero();
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (runs.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(runs).containsExactly("weekly 15.0.21.Final null");
    FleetScheduleView afterTrigger = schedules().describe("fleet-weekly");
    assertThat(afterTrigger.recentRuns())
        .singleElement()
        .satisfies(r -> assertThat(r.workflowId()).startsWith("fleet-weekly-20"));

    assertThat(cli("fleet", "schedule", "unpause", "fleet-weekly").code).isZero();
    assertThat(schedules().describe("fleet-weekly").paused()).isFalse();

    Result duplicate =
        cli(
            "fleet",
            "schedule",
            "create",
            "--id",
            "fleet-weekly",
            "--file",
            file.toString(),
            "--cron",
            "@daily");
    assertThat(duplicate.code).as(duplicate.toString()).isEqualTo(ExitCodes.CONFLICT);
    assertThat(duplicate.err).contains("schedule fleet-weekly already exists");

    assertThat(cli("fleet", "schedule", "delete", "fleet-weekly").code).isZero();
    Result gone = cli("fleet", "schedule", "describe", "fleet-weekly");
    assertThat(gone.code).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(gone.err)
        .contains("no schedule fleet-weekly; see them with ./gridshift fleet schedule list");
  }

  @Test
  void anInvalidRequestChangesNothing() throws Exception {
    Path file = dir.resolve("fleet.yaml");
    Files.writeString(file, SPEC);
    Result refused =
        cli(
            "fleet",
            "schedule",
            "create",
            "--id",
            "nightly",
            "--file",
            file.toString(),
            "--calendar",
            "hour=26",
            "--overlap",
            "never");
    assertThat(refused.code).as(refused.toString()).isEqualTo(ExitCodes.INVALID);
    assertThat(refused.err)
        .contains("cannot create the schedule; nothing was changed:")
        .contains("hour '26' is not in 0-23")
        .contains("overlap 'never' is unknown");
    assertThat(schedules().list()).extracting(FleetScheduleView::id).doesNotContain("nightly");

    Result viaServer = cli("fleet", "schedule", "list", "--server", "http://127.0.0.1:1");
    assertThat(viaServer.code).isEqualTo(ExitCodes.USAGE);
    assertThat(viaServer.err).contains("fleet schedule talks to Temporal directly");
  }

  private static FleetSchedules schedules() {
    return FleetSchedules.connect(stubs, TemporalAccess.plain(null), "test");
  }

  private record Result(int code, String out, String err) {}

  private static Result cli(String... argv) {
    String[] withTarget = new String[argv.length + 2];
    System.arraycopy(argv, 0, withTarget, 0, argv.length);
    withTarget[argv.length] = "--temporal";
    withTarget[argv.length + 1] = server.target();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new GridshiftCli(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("USER", "alice"),
                (access, identity) -> {
                  throw new AssertionError("schedule commands use their own connection");
                })
            .run(withTarget);
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
