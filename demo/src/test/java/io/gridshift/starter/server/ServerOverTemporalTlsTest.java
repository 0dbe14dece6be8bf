package io.gridshift.starter.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.DropwizardTestSupport;
import io.gridshift.sandbox.temporal.LocalTemporalServer;
import io.gridshift.sandbox.temporal.SandboxTemporalTls;
import io.gridshift.workflows.client.TemporalTls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real REST service (its own Temporal connection, built from the {@code temporal:} section of
 * its YAML) against the sandbox's Temporal behind TLS and mutual-TLS fronts: its health check and
 * API answer over TLS and mutual TLS; with a wrong CA or without the client certificate it still
 * starts (it connects lazily, as when Temporal is down) but its health check, its {@code /readyz}
 * (503) and every API call carry the TLS sentence.
 */
class ServerOverTemporalTlsTest {
  @TempDir static Path dir;
  private static LocalTemporalServer temporal;
  private static SandboxTemporalTls tls;
  private static SandboxTemporalTls mtls;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    temporal = LocalTemporalServer.start(0);
    tls = SandboxTemporalTls.start(dir.resolve("tls"), false, 0, temporal.port());
    mtls = SandboxTemporalTls.start(dir.resolve("mtls"), true, 0, temporal.port());
  }

  @AfterAll
  static void stop() {
    mtls.close();
    tls.close();
    temporal.close();
  }

  /** A server.yaml whose temporal section is {@code target} with {@code tls}. */
  private static Path config(String name, String target, TemporalTls tls) throws Exception {
    StringBuilder yaml = new StringBuilder();
    yaml.append("temporal:\n  target: ").append(target).append('\n');
    yaml.append("  tls:\n    caFile: ").append(tls.caFile()).append('\n');
    if (tls.mutual()) {
      yaml.append("    certFile: ").append(tls.certFile()).append('\n');
      yaml.append("    keyFile: ").append(tls.keyFile()).append('\n');
    }
    yaml.append(
        """
        auth:
          allowPlainTextSecrets: true
          users:
            - {name: alice, password: alice-pw, roles: [requester, approver]}
        server:
          applicationConnectors: [{type: http, bindHost: 127.0.0.1, port: 0}]
          adminConnectors: [{type: http, bindHost: 127.0.0.1, port: 0}]
          requestLog: {appenders: []}
        logging:
          level: WARN
          loggers: {io.temporal: ERROR, io.gridshift.starter: INFO}
        """);
    return Files.writeString(dir.resolve(name + ".yaml"), yaml);
  }

  private record Answers(
      int health, String healthBody, int list, String listBody, int ready, String readyBody) {}

  private Answers ask(Path config) throws Exception {
    DropwizardTestSupport<GridshiftConfiguration> server =
        new DropwizardTestSupport<>(GridshiftServer.class, config.toString());
    server.before();
    try {
      HttpResponse<String> health =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + server.getAdminPort() + "/healthcheck"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      String basic =
          Base64.getEncoder().encodeToString("alice:alice-pw".getBytes(StandardCharsets.UTF_8));
      HttpResponse<String> list =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + server.getLocalPort() + "/api/upgrades"))
                  .header("Authorization", "Basic " + basic)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> ready =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + server.getAdminPort() + "/readyz"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return new Answers(
          health.statusCode(),
          health.body(),
          list.statusCode(),
          list.body(),
          ready.statusCode(),
          ready.body());
    } finally {
      server.after();
    }
  }

  @Test
  void answersOverTls() throws Exception {
    Answers answers = ask(config("tls", tls.target(), tls.clientTls()));
    assertThat(answers.health()).as(answers.healthBody()).isEqualTo(200);
    assertThat(answers.list()).as(answers.listBody()).isEqualTo(200);
  }

  @Test
  void answersOverMutualTls() throws Exception {
    Answers answers = ask(config("mtls", mtls.target(), mtls.clientTls()));
    assertThat(answers.health()).as(answers.healthBody()).isEqualTo(200);
    assertThat(answers.healthBody()).contains("Temporal at " + mtls.target() + " answers");
    assertThat(answers.list()).as(answers.listBody()).isEqualTo(200);
    assertThat(answers.ready()).as(answers.readyBody()).isEqualTo(200);
    assertThat(answers.readyBody()).startsWith("ready: Temporal at " + mtls.target() + " answers");
  }

  @Test
  void aWrongCaIsSaidByTheHealthCheckAndEveryCall() throws Exception {
    Answers answers = ask(config("wrong-ca", tls.target(), mtls.clientTls()));
    String sentence =
        "TLS handshake with Temporal at "
            + tls.target()
            + " failed: the server's certificate is not signed by the CA in "
            + mtls.clientTls().caFile();
    assertThat(answers.health()).isEqualTo(500);
    assertThat(answers.healthBody()).contains(sentence);
    assertThat(answers.list()).isEqualTo(503);
    assertThat(answers.listBody()).contains(sentence);
    assertThat(answers.ready()).isEqualTo(503);
    assertThat(answers.readyBody()).startsWith("not ready: ").contains(sentence);
  }

  @Test
  void aMissingClientCertificateIsSaidByTheHealthCheckAndEveryCall() throws Exception {
    TemporalTls caOnly = new TemporalTls(null, mtls.clientTls().caFile(), null, null, null);
    Answers answers = ask(config("no-cert", mtls.target(), caOnly));
    String sentence = "the server requires a client certificate: set tls.certFile and tls.keyFile";
    assertThat(answers.healthBody()).contains(sentence);
    assertThat(answers.list()).isEqualTo(503);
    assertThat(answers.listBody()).contains(sentence);
  }
}
