package io.gridshift.starter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.starter.server.FakeTemporal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dry run whose plan is refused fails the same way whichever the kind and the transport: exit
 * {@link ExitCodes#FAILED}, every reason printed, the plan still shown. Real workflows on the
 * shared in-process Temporal with fake activities ({@link FakeTemporal}).
 */
class DryRunCliTest {
  private static RestServerFixture server;

  @TempDir Path dir;

  @BeforeAll
  static void startServer() throws Exception {
    server = new RestServerFixture(FakeTemporal.shared().env.getWorkflowClient());
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  @Test
  void hazelcastPlanWithViolationsFailsDirectlyWithEveryViolation() throws Exception {
    CliRunner.Result result = direct().run("upgrade", "start", "--file", unsafe(), "--dry-run");

    assertRefusedWithBothViolations(result);
  }

  @Test
  void hazelcastPlanWithViolationsFailsThroughTheServerWithTheSameExitCode() throws Exception {
    CliRunner.Result result = rest().run("upgrade", "start", "--file", unsafe(), "--dry-run");

    assertRefusedWithBothViolations(result);
    assertThat(result.out()).contains("phase FAILED").contains("\"violations\"");
  }

  @Test
  void downgradeFailsThroughTheServerWithTheReason() throws Exception {
    Path file = dir.resolve("down.json");
    Files.writeString(
        file,
        """
        {"cluster": {"cluster": "%s", "namespace": "apps"}, "grid": "dg-down-cli",
         "targetVersion": "13.0.10.Final"}"""
            .formatted(FakeTemporal.ISPN_CLUSTER));

    CliRunner.Result result =
        rest().run("upgrade", "start", "--file", file.toString(), "--dry-run");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(result.err())
        .contains("refused the upgrade")
        .contains("  - ")
        .contains("not newer than the running 14.0.28.Final");
    assertThat(result.out()).contains("phase FAILED");
  }

  private static void assertRefusedWithBothViolations(CliRunner.Result result) {
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILED);
    List<String> problems = result.err().lines().filter(l -> l.startsWith("  - ")).toList();
    assertThat(problems)
        .as(result.toString())
        .hasSize(2)
        .anySatisfy(p -> assertThat(p).contains("[shutdown-hook-policy]"))
        .anySatisfy(p -> assertThat(p).contains("[graceful-shutdown-max-wait]"));
    assertThat(result.err()).contains("refused the upgrade").contains("nothing was changed");
  }

  private String unsafe() throws Exception {
    Path file = dir.resolve("unsafe.json");
    Files.writeString(
        file,
        """
        {"kind": "hazelcast", "cluster": {"cluster": "%s", "namespace": "apps"},
         "grid": "%s-cli", "targetVersion": "5.3.8"}"""
            .formatted(FakeTemporal.HZ_CLUSTER, FakeTemporal.UNSAFE));
    return file.toString();
  }

  private static CliRunner direct() {
    return new CliRunner(
        Map.of("USER", "alice"),
        (access, identity) ->
            new DirectClient(
                FakeTemporal.shared().env.getWorkflowClient(), identity, access.target()));
  }

  private static CliRunner rest() {
    return new CliRunner(
        Map.of(
            "GRIDSHIFT_SERVER",
            server.url(),
            "GRIDSHIFT_USER",
            RestServerFixture.REQUESTER,
            "GRIDSHIFT_PASSWORD",
            "alice-pw"),
        (a, i) -> {
          throw new AssertionError("direct transport used although GRIDSHIFT_SERVER is set");
        });
  }
}
