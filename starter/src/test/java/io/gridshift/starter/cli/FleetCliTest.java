package io.gridshift.starter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.starter.FleetSummary;
import io.gridshift.starter.Json;
import io.gridshift.starter.fleet.FakeFleetWorkflow;
import io.gridshift.starter.fleet.FleetSpecsForTests;
import io.gridshift.starter.server.FakeTemporal;
import io.gridshift.workflows.fleet.FleetStatus;
import io.temporal.client.WorkflowClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gridshift fleet ...} over both transports, Temporal directly and the real REST service,
 * against a stand-in fleet workflow ({@link FakeFleetWorkflow}) on the in-process Temporal: what
 * each command prints, and the upgrade commands' exit codes for every refusal.
 */
class FleetCliTest {
  private static WorkflowClient temporal;
  private static RestServerFixture server;
  private static CliRunner direct;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    temporal = FakeTemporal.shared().env.getWorkflowClient();
    server = new RestServerFixture(temporal);
    direct =
        new CliRunner(
            Map.of("USER", "alice"),
            (access, identity) -> new DirectClient(temporal, identity, access.target()));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private CliRunner.Result rest(String user, String... argv) {
    Map<String, String> env =
        Map.of(
            "GRIDSHIFT_SERVER",
            server.url(),
            "GRIDSHIFT_USER",
            user,
            "GRIDSHIFT_PASSWORD",
            user + "-pw");
    return new CliRunner(
            env,
            (a, i) -> {
              throw new AssertionError("the direct transport must not be used with a server");
            })
        .run(argv);
  }

  private String file(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file.toString();
  }

  @Test
  void dryRunPrintsThePlanAndExitsZeroWithRefusedGridsListed() throws Exception {
    String spec = file("fleet.yaml", FleetSpecsForTests.yaml("cli-plan", ""));
    CliRunner.Result result = direct.run("fleet", "start", "--file", spec, "--dry-run");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .containsPattern("fleet-cli-plan-dry-run-\\S+\\s+\\[fleet cli-plan\\]\\s+phase PLANNED")
        .contains("versions: ")
        .contains("infinispan 15.0.21.Final")
        .containsPattern("canary\\s+PENDING\\s+1")
        .containsPattern("rest\\s+PENDING\\s+1")
        .containsPattern("eu/apps/dg1\\s+infinispan\\s+canary\\s+1.0\\s+15.0.21.Final\\s+PENDING")
        .contains("REFUSED (1, not upgraded):")
        .contains("- us/apps/refused-dg (hazelcast): preflight: the shutdown hook is not GRACEFUL")
        .containsPattern("eu\\s+gridshift-cluster-eu\\s+SEEN\\s+42@eu")
        .contains(
            "nothing was changed; start the fleet with ./gridshift fleet start --file " + spec);
    assertThat(direct.run("fleet", "status", "fleet-cli-plan").exitCode())
        .as("a dry run starts no fleet")
        .isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void dryRunJsonIsTheFleetStatusAndTheRequesterIsTheIdentity() throws Exception {
    String spec = file("fleet.json", FleetSpecsForTests.json("cli-plan-json"));
    CliRunner.Result result =
        direct.run("fleet", "start", "--file", spec, "--dry-run", "--json", "--by", "dora");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    FleetStatus plan = Json.mapper().readValue(result.out(), FleetStatus.class);
    assertThat(plan.phase()).isEqualTo(FleetStatus.FleetPhase.PLANNED);
    assertThat(plan.grids()).hasSize(3);
  }

  @Test
  void aFleetThatCannotStartFailsTheDryRunWithItsReason() throws Exception {
    String spec = file("empty.json", FleetSpecsForTests.jsonAllRefused("cli-empty"));
    CliRunner.Result result = direct.run("fleet", "start", "--file", spec, "--dry-run");
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(result.err())
        .contains("ended FAILED: every grid was refused")
        .contains("nothing was changed");
  }

  @Test
  void startStatusApprovePauseSkipAndAbortDirectly() throws Exception {
    String spec = file("fleet.yaml", FleetSpecsForTests.yaml("cli-direct", ""));
    CliRunner.Result started = direct.run("fleet", "start", "--file", spec);
    assertThat(started.exitCode()).as(started.toString()).isZero();
    assertThat(started.out())
        .contains("started fleet fleet-cli-direct")
        .contains("follow it with: ./gridshift fleet status fleet-cli-direct");
    String id = "fleet-cli-direct";
    awaitFleet(id, s -> s.openGate() != null);

    CliRunner.Result again = direct.run("fleet", "start", "--file", spec);
    assertThat(again.exitCode()).as(again.toString()).isEqualTo(ExitCodes.CONFLICT);
    assertThat(again.err()).contains("fleet 'cli-direct' is already running as workflow " + id);

    CliRunner.Result status = direct.run("fleet", "status", id);
    assertThat(status.exitCode()).as(status.toString()).isZero();
    assertThat(status.out())
        .contains("phase WAITING_APPROVAL")
        .contains("budget: 1 of 1 failures left in stage canary (0 failed)")
        .contains("Gate 'canary' is open until")
        .contains("approve: ./gridshift fleet approve " + id + " canary\n")
        .containsPattern("GATE_OPENED\\s+canary\\s+gridshift");

    CliRunner.Result wrongGate = direct.run("fleet", "approve", id, "rest");
    assertThat(wrongGate.exitCode()).isEqualTo(ExitCodes.CONFLICT);
    assertThat(wrongGate.err()).contains("the open gate is 'canary'");
    CliRunner.Result approved =
        direct.run("fleet", "approve", id, "canary", "--comment", "go", "--by", "bob");
    assertThat(approved.exitCode()).as(approved.toString()).isZero();
    assertThat(approved.out()).contains("APPROVED: gate 'canary' of " + id + " by bob");
    awaitFleet(id, s -> s.phase() == FleetStatus.FleetPhase.RUNNING);

    assertThat(direct.run("fleet", "resume", id).exitCode()).isEqualTo(ExitCodes.CONFLICT);
    CliRunner.Result paused = direct.run("fleet", "pause", id, "--comment", "lunch");
    assertThat(paused.out()).contains("PAUSED: " + id + " by alice");
    assertThat(direct.run("fleet", "status", id).out())
        .contains("(paused)")
        .contains("resume with ./gridshift fleet resume " + id);

    CliRunner.Result skipped = direct.run("fleet", "skip", id, "eu/apps/dg2", "--comment", "later");
    assertThat(skipped.exitCode()).as(skipped.toString()).isZero();
    assertThat(skipped.out()).contains("skip: grid eu/apps/dg2 of " + id + " by alice");
    CliRunner.Result retryRunning = direct.run("fleet", "retry", id, "eu/apps/dg1");
    assertThat(retryRunning.exitCode()).isEqualTo(ExitCodes.CONFLICT);
    assertThat(retryRunning.err()).contains("eu/apps/dg1 is RUNNING");

    assertThat(direct.run("fleet", "abort", id).out()).contains("ABORT_REQUESTED: " + id);
    awaitFleet(id, s -> s.phase() == FleetStatus.FleetPhase.ABORTED);
    CliRunner.Result ended = direct.run("fleet", "pause", id);
    assertThat(ended.exitCode()).isEqualTo(ExitCodes.CONFLICT);
    assertThat(ended.err()).contains("has ended");
  }

  @Test
  void throughTheServerTheCallerActsAndRolesAreChecked() throws Exception {
    String spec = file("fleet.yaml", FleetSpecsForTests.yaml("cli-rest", "requestedBy: mallory"));
    CliRunner.Result plan = rest("alice", "fleet", "start", "--file", spec, "--dry-run");
    assertThat(plan.exitCode()).as(plan.toString()).isZero();
    assertThat(plan.out()).contains("phase PLANNED").contains("us/apps/refused-dg");

    CliRunner.Result denied = rest("bob", "fleet", "start", "--file", spec);
    assertThat(denied.exitCode()).as(denied.toString()).isEqualTo(ExitCodes.DENIED);
    assertThat(denied.err()).contains("needs role requester");

    CliRunner.Result started = rest("alice", "fleet", "start", "--file", spec);
    assertThat(started.exitCode()).as(started.toString()).isZero();
    assertThat(started.out()).contains("/api/fleets/fleet-cli-rest");
    String id = "fleet-cli-rest";
    FleetStatus gated = awaitFleet(id, s -> s.openGate() != null);
    assertThat(gated.openGate().requestedBy()).isEqualTo("alice");

    CliRunner.Result list = rest("bob", "fleet", "list");
    assertThat(list.exitCode()).as(list.toString()).isZero();
    assertThat(list.out())
        .containsPattern(
            id
                + "\\s+cli-rest\\s+RUNNING\\s+WAITING_APPROVAL\\s+\\S+\\s+canary\\s+canary\\s+0 done, 0 failed of 3");
    CliRunner.Result status = rest("bob", "fleet", "status", id);
    assertThat(status.out()).contains("approve: ./gridshift fleet approve " + id + " canary\n");
    // -o json / -o yaml through the server: the REST API's FleetStatus and FleetSummary records.
    CliRunner.Result asYaml = rest("bob", "fleet", "status", id, "-o", "yaml");
    FleetStatus fromYaml = DirectCliTest.YAML.readValue(asYaml.out(), FleetStatus.class);
    assertThat(fromYaml.fleetId()).isEqualTo(id);
    assertThat(fromYaml.openGate().name()).isEqualTo("canary");
    CliRunner.Result asJson = rest("bob", "fleet", "status", id, "-o", "json");
    assertThat(Json.mapper().readValue(asJson.out(), FleetStatus.class).openGate().name())
        .isEqualTo("canary");
    CliRunner.Result listYaml = rest("bob", "fleet", "list", "-o", "yaml");
    assertThat(DirectCliTest.YAML.readValue(listYaml.out(), FleetSummary[].class))
        .anySatisfy(f -> assertThat(f.workflowId()).isEqualTo(id));

    CliRunner.Result approveAsRequester = rest("alice", "fleet", "approve", id, "canary");
    assertThat(approveAsRequester.exitCode()).isEqualTo(ExitCodes.DENIED);
    CliRunner.Result approved = rest("bob", "fleet", "approve", id, "canary");
    assertThat(approved.out()).contains("APPROVED: gate 'canary' of " + id + " by bob");
    awaitFleet(id, s -> s.phase() == FleetStatus.FleetPhase.RUNNING);
    CliRunner.Result skipped = rest("alice", "fleet", "skip", id, "eu/apps/dg2");
    assertThat(skipped.out()).contains("skip: grid eu/apps/dg2 of " + id + " by alice");
    CliRunner.Result unknownGrid = rest("alice", "fleet", "skip", id, "eu/apps/nope");
    assertThat(unknownGrid.exitCode()).isEqualTo(ExitCodes.CONFLICT);
    assertThat(unknownGrid.err()).contains("no grid 'eu/apps/nope'");
    assertThat(rest("alice", "fleet", "abort", id).exitCode()).isZero();
    assertThat(rest("bob", "fleet", "status", "fleet-nowhere").exitCode())
        .isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void invalidSpecsAndCommandLinesAreRefusedBeforeAnythingStarts() throws Exception {
    String bad = file("bad.yaml", "name: Bad_Name\nsurprise: 1\n");
    CliRunner.Result direct = FleetCliTest.direct.run("fleet", "start", "--file", bad);
    assertThat(direct.exitCode()).as(direct.toString()).isEqualTo(ExitCodes.INVALID);
    assertThat(direct.err())
        .contains("unknown field 'surprise'")
        .contains("is not a valid fleet name");
    CliRunner.Result viaServer = rest("alice", "fleet", "start", "--file", bad);
    assertThat(viaServer.exitCode()).as(viaServer.toString()).isEqualTo(ExitCodes.INVALID);
    assertThat(viaServer.err()).contains("unknown field 'surprise'");
    CliRunner.Result notYaml = rest("alice", "fleet", "start", "--file", file("x.yaml", "a: [b"));
    assertThat(notYaml.exitCode()).as(notYaml.toString()).isEqualTo(ExitCodes.INVALID);

    assertThat(FleetCliTest.direct.run("fleet", "skip", "fleet-x", "dg").err())
        .contains("grid 'dg' is not cluster/namespace/name");
    assertThat(FleetCliTest.direct.run("fleet", "launch").err())
        .contains("unknown subcommand 'fleet launch'; use one of [abort, approve");
    assertThat(FleetCliTest.direct.run("fleet", "start").exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(FleetCliTest.direct.run("fleet", "list", "--grid", "x").err())
        .contains("unknown option --grid for 'fleet list'");
    assertThat(FleetCliTest.direct.run("fleet", "status", "fleet-nowhere").exitCode())
        .isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void helpNamesTheFleetCommands() {
    CliRunner.Result help = direct.run("--help");
    assertThat(help.out())
        .contains("gridshift fleet start|status|list|approve|reject|pause|resume|abort|skip|retry");
    CliRunner.Result start = direct.run("fleet", "start", "--help");
    assertThat(start.out()).contains("usage: gridshift fleet start").contains("--file=fleet.yaml");
    CliRunner.Result skip = direct.run("fleet", "skip", "-h");
    assertThat(skip.out()).contains("<fleet-id> <cluster/namespace/name>").contains("example:");
  }

  private static FleetStatus awaitFleet(String id, Predicate<FleetStatus> condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    FleetStatus status = null;
    while (System.nanoTime() < deadline) {
      try {
        status =
            temporal
                .newWorkflowStub(io.gridshift.workflows.fleet.FleetUpgradeWorkflow.class, id)
                .status();
        if (condition.test(status)) {
          return status;
        }
      } catch (RuntimeException e) {
        // not started yet
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("timed out waiting on " + id + "; last: " + status);
  }
}
