package io.gridshift.starter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.gridshift.starter.Json;
import io.gridshift.starter.UpgradeSummary;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.StepState;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.kinds.GridKinds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI talking to Temporal directly: a real upgrade workflow on the test server with fake
 * activities, driven through {@code upgrade start}, {@code status}, {@code approve} and friends.
 */
class DirectCliTest {
  private static final String GATES =
      """
      {"switch-traffic": {"approval": "REQUIRED"}, "cutover": {"approval": "REQUIRED"},
       "delete-source": {"approval": "AUTO"}}""";

  /** Reads the CLI's YAML as the REST API's records (the kinds' details included). */
  static final ObjectMapper YAML =
      GridKinds.registerWith(new YAMLMapper()).registerModule(new JavaTimeModule());

  private static TemporalFixture temporal;
  private static CliRunner cli;

  @TempDir Path dir;

  @BeforeAll
  static void startTemporal() {
    temporal = new TemporalFixture();
    cli =
        new CliRunner(
            Map.of("USER", "alice"),
            (access, identity) -> new DirectClient(temporal.client(), identity, access.target()));
  }

  @AfterAll
  static void stopTemporal() {
    temporal.close();
  }

  @Test
  void withoutUserInTheEnvironmentTheIdentityIsTheLoginName() {
    // status and the demo print approve commands without --by: they must work where $USER is unset.
    java.util.concurrent.atomic.AtomicReference<String> identity =
        new java.util.concurrent.atomic.AtomicReference<>();
    CliRunner noUser =
        new CliRunner(
            Map.of(),
            (access, by) -> {
              identity.set(by);
              return new DirectClient(temporal.client(), by, access.target());
            });

    noUser.run("status", "no-such-upgrade");

    assertThat(identity.get()).isNotBlank().isEqualTo(System.getProperty("user.name"));
  }

  @Test
  void startStatusApproveRecordsTheIdentityAndAdvances() throws Exception {
    CliRunner.Result started = cli.run("upgrade", "start", "--file", request(GATES));
    assertThat(started.exitCode()).as(started.toString()).isZero();
    String id = workflowId(started);
    temporal.awaitGate(id, "switch-traffic");

    CliRunner.Result status = cli.run("status", id);
    assertThat(status.exitCode()).as(status.toString()).isZero();
    assertThat(status.out())
        .containsPattern("switch-traffic\\s+WAITING_APPROVAL")
        .containsPattern("deploy-target\\s+SUCCEEDED\\s+\\S+\\s+\\S+s\\s+1")
        .contains("Gate 'switch-traffic' is open until")
        .contains("./gridshift approve " + id + " switch-traffic\n")
        .contains("GATE_OPENED");
    CliRunner.Result json = cli.run("status", id, "--json");
    assertThat(Json.mapper().readValue(json.out(), UpgradeStatus.class).openGate().name())
        .isEqualTo("switch-traffic");
    // -o json and -o yaml are the REST API's records: they read back as UpgradeStatus.
    CliRunner.Result asJson = cli.run("status", id, "-o", "json");
    assertThat(Json.mapper().readValue(asJson.out(), UpgradeStatus.class).workflowId())
        .isEqualTo(id);
    CliRunner.Result asYaml = cli.run("status", id, "--output", "yaml");
    assertThat(asYaml.exitCode()).as(asYaml.toString()).isZero();
    UpgradeStatus fromYaml = YAML.readValue(asYaml.out(), UpgradeStatus.class);
    assertThat(fromYaml.openGate().name()).isEqualTo("switch-traffic");
    assertThat(fromYaml.phase()).isEqualTo(Phase.WAITING_APPROVAL);
    CliRunner.Result listJson = cli.run("list", "--cluster", "test", "-o", "json");
    assertThat(Json.mapper().readValue(listJson.out(), UpgradeSummary[].class))
        .anySatisfy(u -> assertThat(u.workflowId()).isEqualTo(id));
    CliRunner.Result listYaml = cli.run("list", "--cluster", "test", "-o", "yaml");
    assertThat(YAML.readValue(listYaml.out(), UpgradeSummary[].class))
        .anySatisfy(u -> assertThat(u.openGate()).isEqualTo("switch-traffic"));

    // --watch stops at the open gate: exit 8, one line per change, the approve command last.
    CliRunner.Result watched =
        assertTimeoutPreemptively(
            Duration.ofSeconds(20), () -> cli.run("status", id, "--watch", "--interval", "100ms"));
    assertThat(watched.exitCode()).as(watched.toString()).isEqualTo(ExitCodes.GATE_OPEN);
    assertThat(watched.out())
        .containsPattern("WAITING_APPROVAL .*gate 'switch-traffic' open until")
        .contains("approve: ./gridshift approve " + id + " switch-traffic");

    CliRunner.Result list = cli.run("list", "--cluster", "test", "--status", "running");
    assertThat(list.exitCode()).as(list.toString()).isZero();
    assertThat(list.out()).containsPattern(id + "\\s+infinispan\\s+test\\s+apps/dg\\s+RUNNING");
    assertThat(cli.run("list", "--cluster", "other").out()).contains("no upgrades match");

    CliRunner.Result approved =
        cli.run("approve", id, "switch-traffic", "--by", "bob", "--comment", "traffic ok");
    assertThat(approved.exitCode()).as(approved.toString()).isZero();
    assertThat(approved.out()).contains("APPROVED: gate 'switch-traffic' of " + id + " by bob");

    UpgradeStatus after = temporal.awaitGate(id, "cutover");
    assertThat(after.steps())
        .filteredOn(s -> s.name().equals("switch-traffic"))
        .singleElement()
        .satisfies(s -> assertThat(s.state()).isEqualTo(StepState.SUCCEEDED));
    assertThat(after.audit())
        .anySatisfy(a -> assertThat(a.by() + " " + a.comment()).isEqualTo("bob traffic ok"));

    // One upgrade per grid: a second start is a conflict, with the command to follow the first.
    CliRunner.Result again = cli.run("upgrade", "start", "--file", request(GATES));
    assertThat(again.exitCode()).as(again.toString()).isEqualTo(ExitCodes.CONFLICT);
    assertThat(again.err()).contains("already running as workflow " + id);

    // The wrong gate is refused with the workflow's reason.
    CliRunner.Result wrongGate = cli.run("reject", id, "delete-source", "--comment", "no");
    assertThat(wrongGate.exitCode()).as(wrongGate.toString()).isEqualTo(ExitCodes.CONFLICT);
    assertThat(wrongGate.err()).contains("cutover");

    CliRunner.Result abort = cli.run("abort", id, "--comment", "test over");
    assertThat(abort.exitCode()).as(abort.toString()).isZero();
    UpgradeStatus aborted =
        temporal.await(id, "abort recorded", s -> s.phase() != Phase.WAITING_APPROVAL);
    assertThat(aborted.audit())
        .anySatisfy(a -> assertThat(a.by() + " " + a.action()).isEqualTo("alice ABORT_REQUESTED"));

    // --watch follows the compensation to the end: an aborted upgrade is exit 7; -o json keeps
    // stdout one document (the progress lines go to stderr).
    CliRunner.Result watchedToEnd =
        assertTimeoutPreemptively(
            Duration.ofSeconds(20),
            () -> cli.run("status", id, "--watch", "--interval", "100ms", "-o", "json"));
    assertThat(watchedToEnd.exitCode())
        .as(watchedToEnd.toString())
        .isEqualTo(ExitCodes.UPGRADE_FAILED);
    assertThat(Json.mapper().readValue(watchedToEnd.out(), UpgradeStatus.class).phase())
        .isIn(Phase.ABORTED, Phase.FAILED);
    assertThat(watchedToEnd.err()).contains("ABORTED").doesNotContain("usage:");
  }

  @Test
  void refusedResumeAndPauseExitWithConflictAndTheWorkflowsReason() throws Exception {
    Path file = dir.resolve("pause.json");
    Files.writeString(file, TemporalFixture.requestJson(GATES).replace("\"dg\"", "\"dg-pause\""));
    CliRunner.Result started = cli.run("upgrade", "start", "--file", file.toString());
    assertThat(started.exitCode()).as(started.toString()).isZero();
    String id = workflowId(started);
    temporal.awaitGate(id, "switch-traffic");

    CliRunner.Result resume = cli.run("resume", id, "--comment", "go on");
    assertThat(resume.exitCode()).as(resume.toString()).isEqualTo(ExitCodes.CONFLICT);
    assertThat(resume.err()).contains("the upgrade is not paused");
    assertThat(resume.out()).doesNotContain("sent");

    CliRunner.Result pause = cli.run("pause", id, "--comment", "lunch");
    assertThat(pause.exitCode()).as(pause.toString()).isZero();
    assertThat(pause.out()).startsWith("PAUSED: " + id + " by alice at ");
    CliRunner.Result again = cli.run("pause", id);
    assertThat(again.exitCode()).as(again.toString()).isEqualTo(ExitCodes.CONFLICT);
    assertThat(again.err()).contains("already paused");
    assertThat(cli.run("abort", id).exitCode()).isZero();
  }

  @Test
  void dryRunPrintsThePlanAndChangesNothing() throws Exception {
    Path file = dir.resolve("dry.json");
    Files.writeString(file, TemporalFixture.requestJson("{}"));
    int changesBefore = temporal.grid().changes.size();
    CliRunner.Result result = cli.run("upgrade", "start", "--file", file.toString(), "--dry-run");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).contains("phase PLANNED").contains("dg-15-0-21");
    assertThat(temporal.grid().changes).hasSize(changesBefore);
  }

  @Test
  void unknownIdIsNotFound() {
    CliRunner.Result unknown = cli.run("status", "no-such-upgrade", "--json");
    assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(unknown.err()).contains("no-such-upgrade");
  }

  @Test
  void invalidRequestListsEveryProblem() throws Exception {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, "{\"grid\": \"Not_A_Name\", \"targetVersion\": \"latest\"}");
    CliRunner.Result result = cli.run("upgrade", "start", "--file", file.toString());
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.INVALID);
    assertThat(result.err()).contains("invalid request:").contains("cluster");
    assertThat(result.err().lines().filter(l -> l.startsWith("  - "))).hasSizeGreaterThan(1);
  }

  @Test
  void missingFileAndUnknownCommandAreUsageErrors() {
    assertThat(cli.run("upgrade", "start", "--file", "/nonexistent.json").err())
        .contains("request file /nonexistent.json does not exist");
    CliRunner.Result unknown = cli.run("upgrad");
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err()).contains("unknown command 'upgrad'").contains("usage:");
  }

  @Test
  void unknownOptionsAndExtraArgumentsAreRefusedWithTheUsage() {
    CliRunner.Result option = cli.run("resume", "some-id", "--coment", "typo");
    assertThat(option.exitCode()).as(option.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(option.err())
        .contains("unknown option --coment for 'resume'")
        .contains("--comment")
        .contains("usage:");

    CliRunner.Result extra = cli.run("approve", "some-id", "cutover", "looks", "good");
    assertThat(extra.exitCode()).as(extra.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(extra.err()).contains("unexpected argument 'looks' for 'approve'");

    CliRunner.Result listJson = cli.run("list", "--dry-run");
    assertThat(listJson.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(listJson.err()).contains("unknown option --dry-run for 'list'");
  }

  @Test
  void usageIsHonestAboutWhatIsOptional() {
    CliRunner.Result help = cli.run("--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("exit codes:").contains("8 a gate is open");
    CliRunner.Result approve = cli.run("approve", "--help");
    assertThat(approve.exitCode()).isZero();
    assertThat(approve.out())
        .contains("usage: gridshift approve [-h] [--by=NAME] [--comment=TEXT]")
        .contains("<workflow-id> <gate>")
        .contains("example:");
  }

  @Test
  void listRefusesAnUnknownStatus() {
    CliRunner.Result result = cli.run("list", "--status", "SLEEPING");
    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("SLEEPING").contains("RUNNING");
  }

  private String request(String gates) throws Exception {
    Path file = dir.resolve("request.json");
    Files.writeString(file, TemporalFixture.requestJson(gates));
    return file.toString();
  }

  static String workflowId(CliRunner.Result started) {
    String line =
        started.out().lines().filter(l -> l.startsWith("started ")).findFirst().orElseThrow();
    return line.substring("started ".length()).trim();
  }
}
