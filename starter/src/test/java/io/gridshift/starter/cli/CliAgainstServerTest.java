package io.gridshift.starter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.StepState;
import io.gridshift.workflows.common.UpgradeStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI through the real REST service (started in the test over an in-process Temporal with the
 * real workflow): the identity is the authenticated user, and the server's refusals come back as
 * messages and exit codes.
 */
class CliAgainstServerTest {
  private static TemporalFixture temporal;
  private static RestServerFixture server;

  @TempDir Path dir;

  @BeforeAll
  static void startServer() throws Exception {
    temporal = new TemporalFixture();
    server = new RestServerFixture(temporal);
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
    temporal.close();
  }

  private static CliRunner.Result as(String user, String password, String... argv) {
    Map<String, String> env =
        Map.of(
            "GRIDSHIFT_SERVER", server.url(),
            "GRIDSHIFT_USER", user,
            "GRIDSHIFT_PASSWORD", password);
    return new CliRunner(
            env,
            (a, i) -> {
              throw new AssertionError("direct transport used although GRIDSHIFT_SERVER is set");
            })
        .run(argv);
  }

  @Test
  void requesterStartsApproverApprovesAndTheAuditNamesThem() throws Exception {
    Path file = dir.resolve("request.json");
    Files.writeString(
        file,
        TemporalFixture.requestJson(
            "{\"cutover\": {\"approval\": \"REQUIRED\"}, \"switch-traffic\": {}}"));
    CliRunner.Result started =
        as("alice", "alice-pw", "upgrade", "start", "--file", file.toString());
    assertThat(started.exitCode()).as(started.toString()).isZero();
    String id = DirectCliTest.workflowId(started);
    temporal.awaitGate(id, "switch-traffic");

    CliRunner.Result list = as("bob", "bob-pw", "list", "--grid", "dg");
    assertThat(list.out()).as(list.toString()).contains(id).contains("switch-traffic");
    CliRunner.Result status = as("bob", "bob-pw", "status", id);
    assertThat(status.out())
        .as(status.toString())
        .containsPattern("switch-traffic\\s+WAITING_APPROVAL")
        .contains("approve: ./gridshift approve " + id + " switch-traffic")
        .doesNotContain("--comment TEXT");
    // --watch through the REST service stops at the open gate with exit 8.
    CliRunner.Result watched =
        assertTimeoutPreemptively(
            Duration.ofSeconds(20),
            () -> as("bob", "bob-pw", "status", id, "--watch", "--interval", "100ms"));
    assertThat(watched.exitCode()).as(watched.toString()).isEqualTo(ExitCodes.GATE_OPEN);
    assertThat(watched.out()).contains("gate 'switch-traffic' open until");

    // alice is a requester, not an approver: refused with the server's reason.
    CliRunner.Result refused = as("alice", "alice-pw", "approve", id, "switch-traffic");
    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.DENIED);
    assertThat(refused.err()).startsWith("refused by the server: ");

    CliRunner.Result wrongPassword = as("bob", "nope", "approve", id, "switch-traffic");
    assertThat(wrongPassword.exitCode()).isEqualTo(ExitCodes.DENIED);
    assertThat(wrongPassword.err()).contains("credentials from GRIDSHIFT_USER (bob)");

    CliRunner.Result approved =
        as("bob", "bob-pw", "approve", id, "switch-traffic", "--comment", "traffic ok");
    assertThat(approved.exitCode()).as(approved.toString()).isZero();
    assertThat(approved.out()).contains("APPROVED: gate 'switch-traffic' of " + id + " by bob");

    UpgradeStatus after = temporal.awaitGate(id, "cutover");
    assertThat(after.steps())
        .filteredOn(s -> s.name().equals("switch-traffic"))
        .singleElement()
        .satisfies(s -> assertThat(s.state()).isEqualTo(StepState.SUCCEEDED));
    assertThat(after.audit())
        .anySatisfy(
            a -> {
              assertThat(a.action()).isEqualTo(AuditEntry.Action.APPROVED);
              assertThat(a.by()).isEqualTo("bob");
              assertThat(a.comment()).isEqualTo("traffic ok");
            });

    CliRunner.Result notOpen = as("bob", "bob-pw", "approve", id, "switch-traffic");
    assertThat(notOpen.exitCode()).as(notOpen.toString()).isEqualTo(ExitCodes.CONFLICT);

    // The server answers a refused resume with the upgrade's reason: exit 4, as directly.
    CliRunner.Result resume = as("alice", "alice-pw", "resume", id);
    assertThat(resume.exitCode()).as(resume.toString()).isEqualTo(ExitCodes.CONFLICT);
    assertThat(resume.err()).contains("the upgrade is not paused");

    CliRunner.Result abort = as("alice", "alice-pw", "abort", id, "--comment", "done testing");
    assertThat(abort.exitCode()).as(abort.toString()).isZero();
    assertThat(abort.out()).startsWith("ABORT_REQUESTED: " + id + " by alice at ");
  }

  @Test
  void invalidRequestListsEveryProblemFromTheServer() throws Exception {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, "{\"grid\": \"dg\", \"targetVersion\": \"latest\"}");
    CliRunner.Result result =
        as("alice", "alice-pw", "upgrade", "start", "--file", file.toString());
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.INVALID);
    assertThat(result.err().lines().filter(l -> l.startsWith("  - "))).hasSizeGreaterThan(1);
  }

  @Test
  void unknownUpgradeIsNotFound() {
    CliRunner.Result result = as("bob", "bob-pw", "status", "no-such-upgrade");
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.NOT_FOUND);
  }
}
