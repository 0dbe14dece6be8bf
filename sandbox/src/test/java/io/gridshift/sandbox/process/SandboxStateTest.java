package io.gridshift.sandbox.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridshift.workflows.client.TemporalAccess;
import io.gridshift.workflows.client.TemporalTls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state file: written whole, read back, and trusted only while its process runs. */
class SandboxStateTest {
  @TempDir Path dir;

  static SandboxState state(Path dir, long pid, String processStarted) {
    return new SandboxState(
        pid,
        dir.toString(),
        "127.0.0.1:17233",
        dir.resolve("kubeconfig").toString(),
        List.of(
            new SandboxState.Cluster(
                "eu-1",
                "eu-1",
                "http://127.0.0.1:17443",
                dir.resolve("eu-1.kubeconfig").toString()),
            new SandboxState.Cluster(
                "us-1",
                "us-1",
                "http://127.0.0.1:17444",
                dir.resolve("us-1.kubeconfig").toString())),
        dir.resolve("worker.yaml").toString(),
        dir.resolve("sandbox.log").toString(),
        Instant.parse("2026-12-07T08:00:00Z").toString(),
        processStarted);
  }

  /** The state of a sandbox run by this very process (alive, same start). */
  static SandboxState ofThisProcess(Path dir) {
    return state(dir, ProcessHandle.current().pid(), SandboxState.currentProcessStart());
  }

  @Test
  void readsBackWhatWasWritten() throws IOException {
    SandboxState written = ofThisProcess(dir);
    written.write();
    assertThat(Files.exists(dir.resolve("sandbox.json"))).isTrue();
    assertThat(Files.exists(dir.resolve("sandbox.json.partial"))).isFalse();
    assertThat(SandboxState.read(dir)).contains(written);
    assertThat(written.defaultCluster().name()).isEqualTo("eu-1");
  }

  @Test
  void theTemporalTlsFilesReadBackSoAttachedClientsUseThem() throws IOException {
    SandboxState plain = ofThisProcess(dir);
    TemporalTls tls = new TemporalTls(true, "/s/ca.crt", "/s/c.crt", "/s/c.key", null);
    SandboxState written =
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
            tls);
    written.write();
    assertThat(SandboxState.read(dir)).contains(written);
    try (RunningSandbox attached = RunningSandbox.attach(dir)) {
      assertThat(attached.temporalAccess())
          .isEqualTo(TemporalAccess.plain("127.0.0.1:17233").withTls(tls));
    }
    assertThat(plain.temporalAccess()).isEqualTo(TemporalAccess.plain("127.0.0.1:17233"));
  }

  @Test
  void noFileMeansNoSandbox() throws IOException {
    assertThat(SandboxState.read(dir)).isEmpty();
    assertThat(RunningSandbox.find(dir)).isEmpty();
  }

  @Test
  void aLiveProcessThatStartedWhenTheSandboxDidIsTheSandbox() {
    assertThat(ofThisProcess(dir).processAlive()).isTrue();
  }

  @Test
  void aPidThatIsGoneOrReusedByAnotherProgramIsNotTheSandbox() throws Exception {
    Process exited = new ProcessBuilder("true").start();
    exited.waitFor();
    assertThat(state(dir, exited.pid(), null).processAlive()).isFalse();
    // This process, but started a day before the sandbox recorded: the pid was reused.
    String dayBefore =
        Instant.parse(SandboxState.currentProcessStart()).minusSeconds(86_400).toString();
    assertThat(state(dir, ProcessHandle.current().pid(), dayBefore).processAlive()).isFalse();
  }

  @Test
  void aRunningSandboxIsFoundOnlyWhileItsProcessLives() throws Exception {
    ofThisProcess(dir).write();
    assertThat(RunningSandbox.find(dir)).isPresent();
    Process exited = new ProcessBuilder("true").start();
    exited.waitFor();
    state(dir, exited.pid(), null).write();
    assertThat(RunningSandbox.find(dir)).isEmpty();
    assertThatThrownBy(() -> RunningSandbox.attach(dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "no sandbox is up in "
                + dir
                + " (no live process in "
                + dir.resolve("sandbox.json")
                + "); start one with ./gridshift sandbox up --dir "
                + dir);
  }

  @Test
  void aDamagedFileSaysWhatToDo() throws IOException {
    Files.writeString(dir.resolve("sandbox.json"), "{\"pid\": ");
    assertThatThrownBy(() -> SandboxState.read(dir))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("the sandbox state file " + dir.resolve("sandbox.json"))
        .hasMessageEndingWith("if no sandbox runs, delete it");
  }
}
