package io.gridshift.sandbox.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.workflows.client.TemporalTls;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code sandbox up} and {@code status} print about Temporal's TLS. */
class SandboxReachTest {
  @TempDir Path dir;

  private String printed(SandboxState state) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SandboxReach.print(state, dir, new PrintStream(out, true, StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void mutualTlsPrintsTheFilesAndTheCliEnvironment() {
    SandboxState plain = SandboxStateTest.ofThisProcess(dir);
    SandboxState mtls =
        new SandboxState(
            plain.pid(),
            plain.dir(),
            plain.temporalTarget(),
            plain.kubeconfig(),
            plain.clusters(),
            plain.workerConfig(),
            plain.log(),
            plain.started(),
            plain.processStarted(),
            new TemporalTls(true, "/s/ca.crt", "/s/c.crt", "/s/c.key", null));
    assertThat(printed(mtls))
        .contains("Temporal TLS   CA /s/ca.crt; mutual TLS, client certificate /s/c.crt")
        .contains(
            "export GRIDSHIFT_TEMPORAL_TLS_CA=/s/ca.crt GRIDSHIFT_TEMPORAL_TLS_CERT=/s/c.crt"
                + " GRIDSHIFT_TEMPORAL_TLS_KEY=/s/c.key");
    assertThat(printed(plain)).doesNotContain("TLS");
  }

  @Test
  void theTemporalUiIsPrintedWhenTheSandboxRunsOne() {
    SandboxState plain = SandboxStateTest.ofThisProcess(dir);
    SandboxState withUi =
        new SandboxState(
            plain.pid(),
            plain.dir(),
            plain.temporalTarget(),
            plain.kubeconfig(),
            plain.clusters(),
            plain.workerConfig(),
            plain.log(),
            plain.started(),
            plain.processStarted(),
            plain.temporalTls(),
            "http://127.0.0.1:8233");
    assertThat(printed(withUi)).contains("  Temporal UI    http://127.0.0.1:8233\n");
    assertThat(printed(plain)).doesNotContain("Temporal UI");
  }
}
