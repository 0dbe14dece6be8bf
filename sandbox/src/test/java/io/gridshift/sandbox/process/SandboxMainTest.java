package io.gridshift.sandbox.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sandbox status|up|down} decided from the state file and the ports, without starting a
 * sandbox: the exit codes, the refusals (nothing is launched), and what status prints.
 */
class SandboxMainTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

  private int run(String... args) throws Exception {
    return SandboxMain.run(SandboxCommand.parse(args), out);
  }

  private String printed() {
    return printed.toString(StandardCharsets.UTF_8);
  }

  @Test
  void statusIs3WithoutAStateFile() throws Exception {
    assertThat(run("status", "--dir", dir.toString())).isEqualTo(SandboxMain.NOT_UP);
    assertThat(printed())
        .startsWith("No sandbox is up in " + dir)
        .contains("./gridshift sandbox up --dir " + dir);
  }

  @Test
  void statusIs3WhenTheProcessIsGone() throws Exception {
    Process exited = new ProcessBuilder("true").start();
    exited.waitFor();
    SandboxStateTest.state(dir, exited.pid(), null).write();
    assertThat(run("status", "--dir", dir.toString())).isEqualTo(SandboxMain.NOT_UP);
    assertThat(printed()).contains("its process " + exited.pid() + " is gone");
  }

  @Test
  void statusIs0AndSaysHowToReachItWhenUp() throws Exception {
    SandboxStateTest.ofThisProcess(dir).write();
    assertThat(run("status", "--dir", dir.toString())).isEqualTo(SandboxMain.OK);
    assertThat(printed())
        .contains("Sandbox up in " + dir + " (pid " + ProcessHandle.current().pid())
        .contains("Temporal       127.0.0.1:17233")
        .contains("cluster eu-1: http://127.0.0.1:17443 (context eu-1)")
        .contains("(contexts: eu-1, us-1)")
        .contains("./gridshift worker --config " + dir.resolve("worker.yaml"))
        .contains("./gridshift list --temporal 127.0.0.1:17233")
        .contains("./gridshift demo infinispan --sandbox " + dir)
        .contains("./gridshift sandbox down --dir " + dir);
  }

  @Test
  void upRefusesWhenASandboxIsUpInTheDirectoryAndLaunchesNothing() throws Exception {
    SandboxStateTest.ofThisProcess(dir).write();
    assertThatThrownBy(() -> run("up", "--dir", dir.toString(), "--temporal-port", "0"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "a sandbox is already up in "
                + dir
                + " (pid "
                + ProcessHandle.current().pid()
                + ", Temporal 127.0.0.1:17233): `./gridshift sandbox status --dir "
                + dir
                + "` shows how to reach it, `./gridshift sandbox down --dir "
                + dir
                + "` stops it");
    assertThat(dir.resolve("sandbox.log")).doesNotExist();
  }

  @Test
  void upRefusesATakenPortNamingItAndLaunchesNothing() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      assertThatThrownBy(
              () ->
                  run(
                      "up",
                      "--dir",
                      dir.toString(),
                      "--temporal-port",
                      "0",
                      "--kube-port",
                      "" + port))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith(
              "port " + port + " (the Kubernetes API of cluster sandbox) on 127.0.0.1 is in use")
          .hasMessageContaining("--temporal-port, --kube-port and --ui-port");
    }
    assertThat(dir.resolve("sandbox.log")).doesNotExist();
    assertThat(Files.list(dir)).isEmpty();
  }

  @Test
  void downWithNothingUpIsDoneAndRemovesAStaleStateFile() throws Exception {
    assertThat(run("down", "--dir", dir.toString())).isEqualTo(SandboxMain.OK);
    assertThat(printed()).contains("nothing to stop");
    Process exited = new ProcessBuilder("true").start();
    exited.waitFor();
    SandboxStateTest.state(dir, exited.pid(), null).write();
    assertThat(run("down", "--dir", dir.toString())).isEqualTo(SandboxMain.OK);
    assertThat(printed()).contains("had already exited");
    assertThat(dir.resolve("sandbox.json")).doesNotExist();
  }
}
