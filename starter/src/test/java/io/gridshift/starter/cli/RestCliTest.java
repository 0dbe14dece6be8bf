package io.gridshift.starter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's REST transport against a canned server: what it sends (paths, credentials, bodies) and
 * how it turns every error answer into a message and an exit code.
 */
class RestCliTest {
  private static final String ID = "infinispan-upgrade-test-apps-dg";
  private static final String STATUS =
      """
      {"workflowId": "%s", "kind": "infinispan", "phase": "WAITING_APPROVAL",
       "currentStep": "gate:switch-traffic",
       "steps": [{"name": "deploy-target", "state": "SUCCEEDED", "startedAt": "2026-01-01T10:00:00Z",
                  "endedAt": "2026-01-01T10:02:05Z", "attempts": 2, "message": "3/3 ready"},
                 {"name": "switch-traffic", "state": "WAITING_APPROVAL",
                  "startedAt": "2026-01-01T10:02:06Z", "attempts": 0}],
       "openGate": {"name": "switch-traffic", "openedAt": "2026-01-01T10:02:06Z",
                    "deadline": "2026-01-02T10:02:06Z", "onTimeout": "ABORT",
                    "requestedBy": "alice", "fourEyes": true},
       "audit": [], "caches": [], "members": [], "maps": [], "paused": false, "someNewField": 1}"""
          .formatted(ID);

  @TempDir Path dir;
  private StubServer server;

  @BeforeEach
  void start() throws Exception {
    server = new StubServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private CliRunner.Result run(Map<String, String> env, String... argv) {
    return new CliRunner(
            env,
            (a, i) -> {
              throw new AssertionError("the direct transport must not be used with a server");
            })
        .run(argv);
  }

  private CliRunner.Result asBob(String... argv) {
    return run(
        Map.of(
            "GRIDSHIFT_SERVER", server.url(),
            "GRIDSHIFT_USER", "bob",
            "GRIDSHIFT_PASSWORD", "s3cret"),
        argv);
  }

  @Test
  void startPostsTheFileWithBasicCredentials() throws Exception {
    server.answer(
        "POST",
        "/api/upgrades",
        201,
        "{\"workflowId\":\"%s\",\"kind\":\"infinispan\",\"url\":\"/api/upgrades/%s\"}"
            .formatted(ID, ID));
    Path file = dir.resolve("r.json");
    Files.writeString(file, TemporalFixture.requestJson("{}"));

    CliRunner.Result result = asBob("upgrade", "start", "--file", file.toString());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).contains("started " + ID).contains("./gridshift status " + ID);
    assertThat(server.last.body()).isEqualTo(Files.readString(file));
    String basic =
        Base64.getEncoder().encodeToString("bob:s3cret".getBytes(StandardCharsets.UTF_8));
    assertThat(server.last.authorization()).isEqualTo("Basic " + basic);
  }

  @Test
  void dryRunPrintsThePlan() throws Exception {
    String plan = STATUS.replace("\"phase\": \"WAITING_APPROVAL\"", "\"phase\": \"PLANNED\"");
    server.answer(
        "POST",
        "/api/upgrades?dryRun=true",
        200,
        "{\"workflowId\":\"%s\",\"dryRun\":true,\"plan\":%s}".formatted(ID, plan));
    Path file = dir.resolve("r.json");
    Files.writeString(file, "{}");
    CliRunner.Result result = asBob("upgrade", "start", "--file", file.toString(), "--dry-run");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).contains("phase PLANNED");
  }

  @Test
  void statusIsATableWithTheApproveCommandAndABearerToken() {
    server.answer("GET", "/api/upgrades/" + ID, 200, STATUS);
    CliRunner.Result result =
        run(Map.of("GRIDSHIFT_TOKEN", "t0k"), "status", ID, "--server", server.url());
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .containsPattern("deploy-target\\s+SUCCEEDED\\s+10:00:00\\s+2m5s\\s+2\\s+3/3 ready")
        .contains("Gate 'switch-traffic' is open until 2026-01-02T10:02:06Z (then ABORT)")
        .contains(
            "approve: ./gridshift approve "
                + ID
                + " switch-traffic --server "
                + server.url()
                + "\n")
        .contains("add --comment \"...\" to say why")
        .contains("four-eyes: alice may not approve");
    assertThat(server.last.authorization()).isEqualTo("Bearer t0k");
  }

  @Test
  void listSendsTheFiltersAndPrintsATable() {
    server.answer(
        "GET",
        "/api/upgrades?cluster=test&grid=dg&status=RUNNING",
        200,
        """
        [{"workflowId": "%s", "kind": "infinispan", "cluster": "test", "namespace": "apps",
          "grid": "dg", "status": "RUNNING", "startedAt": "2026-01-01T10:00:00.123Z",
          "currentStep": "gate:switch-traffic", "openGate": "switch-traffic"}]"""
            .formatted(ID));
    CliRunner.Result result =
        asBob("list", "--cluster", "test", "--grid", "dg", "--status", "RUNNING");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .containsPattern(
            ID + "\\s+infinispan\\s+test\\s+apps/dg\\s+RUNNING\\s+2026-01-01T10:00:00Z")
        .containsPattern("gate:switch-traffic\\s+switch-traffic");
  }

  @Test
  void approveSendsTheCommentAndPrintsTheServersUser() {
    server.answer(
        "POST",
        "/api/upgrades/" + ID + "/gates/switch-traffic/approve",
        200,
        "{\"at\":\"2026-01-01T10:05:00Z\",\"gate\":\"switch-traffic\",\"action\":\"APPROVED\","
            + "\"by\":\"bob\",\"comment\":\"go\"}");
    CliRunner.Result result = asBob("approve", ID, "switch-traffic", "--comment", "go");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).contains("APPROVED: gate 'switch-traffic' of " + ID + " by bob");
    assertThat(server.last.body()).isEqualTo("{\"comment\":\"go\"}");
  }

  @Test
  void byIsRefusedThroughTheServer() {
    CliRunner.Result result = asBob("pause", ID, "--by", "mallory");
    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("--by is not accepted through the REST service");
    assertThat(server.last).as("nothing was sent").isNull();
  }

  @Test
  void unauthorizedSaysWhichVariablesToSet() {
    server.answer("POST", "/api/upgrades/" + ID + "/pause", 401, "{\"code\":401}");
    CliRunner.Result result = run(Map.of("GRIDSHIFT_SERVER", server.url()), "pause", ID);
    assertThat(result.exitCode()).isEqualTo(ExitCodes.DENIED);
    assertThat(result.err())
        .contains("no credentials were sent")
        .contains("GRIDSHIFT_TOKEN")
        .contains("GRIDSHIFT_USER and GRIDSHIFT_PASSWORD");
  }

  @Test
  void forbiddenShowsTheServersReason() {
    server.answer(
        "POST",
        "/api/upgrades/" + ID + "/gates/switch-traffic/approve",
        403,
        "{\"code\":403,\"message\":\"four-eyes: alice requested this upgrade and may not approve"
            + " it\"}");
    CliRunner.Result result = asBob("approve", ID, "switch-traffic");
    assertThat(result.exitCode()).isEqualTo(ExitCodes.DENIED);
    assertThat(result.err()).contains("refused by the server: four-eyes: alice requested");
  }

  @Test
  void conflictAndInvalidListEveryProblem() throws Exception {
    server.answer(
        "POST",
        "/api/upgrades/" + ID + "/gates/cutover/reject",
        409,
        "{\"code\":409,\"message\":\"gate 'cutover' is not open; the open gate is"
            + " 'switch-traffic'\"}");
    CliRunner.Result conflict = asBob("reject", ID, "cutover", "--comment", "no");
    assertThat(conflict.exitCode()).isEqualTo(ExitCodes.CONFLICT);
    assertThat(conflict.err()).contains("the open gate is 'switch-traffic'");

    server.answer(
        "POST",
        "/api/upgrades",
        422,
        "{\"code\":422,\"message\":\"invalid request\","
            + "\"problems\":[\"cluster.cluster is required\",\"targetVersion 'x' is not a version\"]}");
    Path file = dir.resolve("bad.json");
    Files.writeString(file, "{}");
    CliRunner.Result invalid = asBob("upgrade", "start", "--file", file.toString());
    assertThat(invalid.exitCode()).isEqualTo(ExitCodes.INVALID);
    assertThat(invalid.err())
        .contains("invalid request")
        .contains("  - cluster.cluster is required")
        .contains("  - targetVersion 'x' is not a version");
  }

  @Test
  void unknownIdIsNotFound() {
    CliRunner.Result result = asBob("status", "nope");
    assertThat(result.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void connectionRefusedSaysToStartTheServer() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port;
    CliRunner.Result result = run(Map.of(), "status", ID, "--server", url);
    assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(result.err())
        .contains("cannot reach gridshift server at " + url + ": is `./gridshift server` running?");
  }
}
