package io.gridshift.sandbox.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.sandbox.Sandbox;
import io.gridshift.sandbox.SandboxOptions;
import io.gridshift.workflows.client.TemporalAccess;
import io.gridshift.workflows.client.TemporalClients;
import io.gridshift.workflows.client.TemporalConnectionCheck;
import io.gridshift.workflows.client.TemporalTls;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sandbox started with {@code withTemporalTls(true)}: Temporal answers only over mutual TLS at
 * {@code temporalTarget()}; {@code temporalAccess()} carries the CA and client certificate that
 * pass; plain text and TLS without the client certificate are refused with their sentences.
 */
class SandboxTemporalTlsTest {
  @TempDir Path dir;

  private static TemporalConnectionCheck.Answer ask(TemporalAccess access) {
    WorkflowServiceStubs stubs = TemporalClients.stubs(access);
    try {
      return TemporalConnectionCheck.ask(stubs, access);
    } finally {
      stubs.shutdownNow();
    }
  }

  @Test
  void mutualTlsSandboxAnswersOnlyWithItsClientCertificate() throws Exception {
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.ephemeral(dir).withTemporalTls(true))) {
      TemporalAccess access = sandbox.temporalAccess();
      assertThat(access.target()).isEqualTo(sandbox.temporalTarget());
      assertThat(access.tls().mutual()).isTrue();
      assertThat(access.tls().caFile()).startsWith(dir.resolve("temporal-tls").toString());
      assertThat(ask(access).problem()).isNull();

      assertThat(ask(TemporalAccess.plain(sandbox.temporalTarget())).problem())
          .contains("if it requires TLS, set temporal.tls");
      assertThat(
              ask(access.withTls(new TemporalTls(null, access.tls().caFile(), null, null, null)))
                  .problem())
          .contains("the server requires a client certificate");
    }
  }

  @Test
  void aPlainSandboxStaysPlain() throws Exception {
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.ephemeral(dir))) {
      assertThat(sandbox.temporalAccess())
          .isEqualTo(TemporalAccess.plain(sandbox.temporalTarget()));
      assertThat(sandbox.temporalTls()).isEmpty();
      assertThat(ask(sandbox.temporalAccess()).problem()).isNull();
    }
  }
}
