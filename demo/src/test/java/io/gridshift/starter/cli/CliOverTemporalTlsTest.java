package io.gridshift.starter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.sandbox.temporal.LocalTemporalServer;
import io.gridshift.sandbox.temporal.SandboxTemporalTls;
import io.gridshift.worker.GridshiftWorker;
import io.gridshift.worker.WorkerConfig;
import io.gridshift.workflows.client.TemporalAccess;
import io.gridshift.workflows.client.TemporalClients;
import io.gridshift.workflows.client.TemporalTls;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's direct transport configured only by its environment ({@code GRIDSHIFT_TEMPORAL*}),
 * against the sandbox's Temporal behind TLS and mutual-TLS fronts, with a worker (also over mutual
 * TLS) hosting the workflows: {@code upgrade start}, {@code status} and {@code list} work; a wrong
 * CA, a missing client certificate and a missing CA file each end the command with the sentence
 * that says what to set. (In the starter's package: the CLI's entry point is package-private.)
 */
class CliOverTemporalTlsTest {
  private static final String REQUEST =
      """
      {"cluster": {"cluster": "nowhere", "namespace": "apps"}, "grid": "dg",
       "targetVersion": "15.0.21.Final"}""";

  @TempDir static Path dir;
  private static LocalTemporalServer temporal;
  private static SandboxTemporalTls tls;
  private static SandboxTemporalTls mtls;
  private static WorkflowServiceStubs workerStubs;
  private static GridshiftWorker worker;

  @BeforeAll
  static void start() throws Exception {
    temporal = LocalTemporalServer.start(0);
    tls = SandboxTemporalTls.start(dir.resolve("tls"), false, 0, temporal.port());
    mtls = SandboxTemporalTls.start(dir.resolve("mtls"), true, 0, temporal.port());
    TemporalAccess access = TemporalAccess.plain(mtls.target()).withTls(mtls.clientTls());
    workerStubs = TemporalClients.stubs(access);
    // No agent serves cluster "nowhere": the upgrade waits at its first activity, and answers.
    worker =
        new GridshiftWorker(
            TemporalClients.client(workerStubs, access, "test/worker"),
            new WorkerConfig(access, true, List.of()));
    worker.start();
  }

  @AfterAll
  static void stop() {
    worker.close();
    workerStubs.shutdownNow();
    mtls.close();
    tls.close();
    temporal.close();
  }

  private record Result(int code, String out, String err) {}

  private static Map<String, String> env(String target, TemporalTls tls) {
    Map<String, String> env = new HashMap<>();
    env.put("USER", "alice");
    env.put("GRIDSHIFT_TEMPORAL", target);
    if (tls.caFile() != null) {
      env.put("GRIDSHIFT_TEMPORAL_TLS_CA", tls.caFile());
    }
    if (tls.mutual()) {
      env.put("GRIDSHIFT_TEMPORAL_TLS_CERT", tls.certFile());
      env.put("GRIDSHIFT_TEMPORAL_TLS_KEY", tls.keyFile());
    }
    return env;
  }

  private static Result cli(Map<String, String> env, String... argv) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new GridshiftCli(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                env,
                DirectClient::connect)
            .run(argv);
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void startStatusAndListOverMutualTls() throws Exception {
    Map<String, String> env = env(mtls.target(), mtls.clientTls());
    Path request = Files.writeString(dir.resolve("request.json"), REQUEST);

    Result started = cli(env, "upgrade", "start", "--file", request.toString());
    assertThat(started.code).as(started.toString()).isZero();
    Matcher id = Pattern.compile("started (\\S+)").matcher(started.out);
    assertThat(id.find()).as(started.out).isTrue();

    Result status = cli(env, "status", id.group(1), "--json");
    assertThat(status.code).as(status.toString()).isZero();
    // The worker (over mutual TLS too) answered the query: the upgrade is at its first step.
    assertThat(status.out).contains("\"currentStep\" : \"plan\"");

    Result listed = cli(env, "list");
    assertThat(listed.code).as(listed.toString()).isZero();
    assertThat(listed.out).contains(id.group(1));
  }

  @Test
  void listOverTls() {
    Result listed = cli(env(tls.target(), tls.clientTls()), "list");
    assertThat(listed.code).as(listed.toString()).isZero();
  }

  @Test
  void aWrongCaEndsTheCommandWithItsSentence() {
    Result refused = cli(env(tls.target(), mtls.clientTls()), "list");
    assertThat(refused.code).isEqualTo(ExitCodes.FAILED);
    assertThat(refused.err)
        .contains(
            "TLS handshake with Temporal at "
                + tls.target()
                + " failed: the server's certificate is not signed by the CA in "
                + mtls.clientTls().caFile());
  }

  @Test
  void aMissingClientCertificateEndsTheCommandWithItsSentence() {
    TemporalTls caOnly = new TemporalTls(null, mtls.clientTls().caFile(), null, null, null);
    Result refused = cli(env(mtls.target(), caOnly), "list");
    assertThat(refused.code).isEqualTo(ExitCodes.FAILED);
    assertThat(refused.err)
        .contains(
            "failed: the server requires a client certificate: set tls.certFile and tls.keyFile"
                + " (GRIDSHIFT_TEMPORAL_TLS_CERT and _KEY for the CLI)");
  }

  @Test
  void aMissingCaFileIsAUsageErrorNamingTheFileAndTheVariable() {
    String missing = dir.resolve("no-ca.crt").toString();
    Result refused =
        cli(env(tls.target(), new TemporalTls(null, missing, null, null, null)), "list");
    assertThat(refused.code).isEqualTo(ExitCodes.USAGE);
    assertThat(refused.err)
        .contains("temporal.tls.caFile " + missing + " does not exist")
        .contains("GRIDSHIFT_TEMPORAL_TLS_CA for the CLI");
  }
}
