package io.gridshift.starter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI talking straight to a Temporal that is not there (a loopback port nobody listens on,
 * through the real {@link DirectClient#connect}): every command says what failed and what to do,
 * fast, with exit {@link ExitCodes#FAILED} and no stack trace.
 */
class TemporalDownCliTest {
  private static final String TARGET = "127.0.0.1:" + freePort();
  private static final String ID = "infinispan-upgrade-test-apps-dg";

  @TempDir Path dir;

  @Test
  void statusSaysTemporalIsUnreachable() {
    assertUnreachable("status", ID);
  }

  @Test
  void approveSaysTemporalIsUnreachable() {
    assertUnreachable("approve", ID, "cutover", "--comment", "ok");
  }

  @Test
  void abortSaysTemporalIsUnreachable() {
    assertUnreachable("abort", ID);
  }

  @Test
  void resumeSaysTemporalIsUnreachable() {
    assertUnreachable("resume", ID);
  }

  @Test
  void listSaysTemporalIsUnreachable() {
    assertUnreachable("list");
  }

  @Test
  void upgradeStartSaysTemporalIsUnreachable() throws Exception {
    Path file = dir.resolve("request.json");
    Files.writeString(file, TemporalFixture.requestJson("{}"));
    assertUnreachable("upgrade", "start", "--file", file.toString());
    assertUnreachable("upgrade", "start", "--file", file.toString(), "--dry-run");
  }

  private static void assertUnreachable(String... argv) {
    CliRunner cli = new CliRunner(Map.of("USER", "alice"), DirectClient::connect);
    String[] withTarget = new String[argv.length + 2];
    System.arraycopy(argv, 0, withTarget, 0, argv.length);
    withTarget[argv.length] = "--temporal";
    withTarget[argv.length + 1] = TARGET;

    long started = System.nanoTime();
    CliRunner.Result result = cli.run(withTarget);
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(result.err())
        .as(result.toString())
        .contains("cannot reach Temporal at " + TARGET)
        .contains("--temporal HOST:PORT")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    assertThat(took)
        .as("%s took %s", String.join(" ", argv), took)
        .isLessThan(Duration.ofSeconds(15));
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
