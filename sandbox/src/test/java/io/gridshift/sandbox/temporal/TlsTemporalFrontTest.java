package io.gridshift.sandbox.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.sandbox.tls.IssuedCertificate;
import io.gridshift.sandbox.tls.SandboxPki;
import io.gridshift.workflows.client.TemporalAccess;
import io.gridshift.workflows.client.TemporalClients;
import io.gridshift.workflows.client.TemporalConnectionCheck;
import io.gridshift.workflows.client.TemporalTls;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox's Temporal behind the TLS front, reached through {@link TemporalClients} as every
 * gridshift process does: TLS and mutual TLS answer; a wrong CA, a missing or foreign client
 * certificate, a name mismatch and plain text against TLS each fail at once with their sentence.
 */
class TlsTemporalFrontTest {
  @TempDir static Path dir;
  private static LocalTemporalServer temporal;
  private static SandboxPki pki;
  private static SandboxPki otherPki;
  private static TlsTemporalFront tls;
  private static TlsTemporalFront mtls;
  private static IssuedCertificate client;

  @BeforeAll
  static void start() throws Exception {
    temporal = LocalTemporalServer.start(0);
    pki = SandboxPki.create(dir.resolve("pki"), "sandbox-ca");
    otherPki = SandboxPki.create(dir.resolve("other"), "other-ca");
    IssuedCertificate server = pki.server("temporal", "temporal.sandbox");
    client = pki.client("gridshift-worker");
    tls = TlsTemporalFront.start(pki, server, false, 0, temporal.port());
    mtls = TlsTemporalFront.start(pki, server, true, 0, temporal.port());
  }

  @AfterAll
  static void stop() {
    mtls.close();
    tls.close();
    temporal.close();
  }

  private static TemporalTls ca(SandboxPki authority) {
    return new TemporalTls(null, authority.caCertificatePem().toString(), null, null, null);
  }

  private static TemporalTls mutual(IssuedCertificate certificate) {
    return new TemporalTls(
        null,
        pki.caCertificatePem().toString(),
        certificate.certificatePem().toString(),
        certificate.privateKeyPem().toString(),
        null);
  }

  private static TemporalConnectionCheck.Answer ask(TemporalAccess access) {
    WorkflowServiceStubs stubs = TemporalClients.stubs(access);
    try {
      return TemporalConnectionCheck.ask(stubs, access);
    } finally {
      stubs.shutdownNow();
    }
  }

  @Test
  void tlsWithTheSandboxCaAnswers() {
    TemporalConnectionCheck.Answer answer =
        ask(TemporalAccess.plain(tls.target()).withTls(ca(pki)));
    assertThat(answer.problem()).isNull();
  }

  @Test
  void mutualTlsWithAClientCertificateAnswers() {
    assertThat(ask(TemporalAccess.plain(mtls.target()).withTls(mutual(client))).problem()).isNull();
  }

  @Test
  void aWrongCaFailsWithItsSentence() {
    TemporalAccess access = TemporalAccess.plain(tls.target()).withTls(ca(otherPki));
    TemporalConnectionCheck.Answer answer = ask(access);
    assertThat(answer.security()).isTrue();
    assertThat(answer.problem())
        .isEqualTo(
            "TLS handshake with Temporal at "
                + tls.target()
                + " failed: the server's certificate is not signed by the CA in "
                + otherPki.caCertificatePem()
                + "; set tls.caFile to the CA that signed it");
  }

  @Test
  void noClientCertificateAgainstMutualTlsFailsWithItsSentence() {
    TemporalConnectionCheck.Answer answer =
        ask(TemporalAccess.plain(mtls.target()).withTls(ca(pki)));
    assertThat(answer.security()).isTrue();
    assertThat(answer.problem())
        .isEqualTo(
            "TLS handshake with Temporal at "
                + mtls.target()
                + " failed: the server requires a client certificate: set tls.certFile and"
                + " tls.keyFile (GRIDSHIFT_TEMPORAL_TLS_CERT and _KEY for the CLI)");
  }

  @Test
  void aClientCertificateFromAnotherCaIsRefused() {
    IssuedCertificate stranger = otherPki.client("stranger");
    TemporalConnectionCheck.Answer answer =
        ask(TemporalAccess.plain(mtls.target()).withTls(mutual(stranger)));
    assertThat(answer.problem())
        .startsWith("TLS handshake with Temporal at " + mtls.target() + " failed: ")
        .contains("refused the client certificate in " + stranger.certificatePem());
  }

  @Test
  void aNameTheCertificateDoesNotCarryFails() {
    TemporalTls named =
        new TemporalTls(null, pki.caCertificatePem().toString(), null, null, "elsewhere.example");
    assertThat(ask(TemporalAccess.plain(tls.target()).withTls(named)).problem())
        .contains("the server's certificate does not name elsewhere.example");
  }

  @Test
  void serverNameSelectsANameTheCertificateCarries() {
    TemporalTls named =
        new TemporalTls(null, pki.caCertificatePem().toString(), null, null, "temporal.sandbox");
    assertThat(ask(TemporalAccess.plain(tls.target()).withTls(named)).problem()).isNull();
  }

  @Test
  void tlsToThePlainServerSaysItDoesNotSpeakTls() {
    assertThat(ask(TemporalAccess.plain(temporal.target()).withTls(ca(pki))).problem())
        .contains("the server does not speak TLS");
  }

  @Test
  void plainTextToTheTlsFrontSaysToSetTls() {
    TemporalConnectionCheck.Answer answer = ask(TemporalAccess.plain(tls.target()));
    assertThat(answer.problem()).contains("if it requires TLS, set temporal.tls");
  }
}
