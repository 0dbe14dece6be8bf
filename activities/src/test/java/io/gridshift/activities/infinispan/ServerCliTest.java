package io.gridshift.activities.infinispan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridshift.activities.kubernetes.PodExec;
import io.gridshift.workflows.common.FailureTypes;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.Test;

/** When gridshift falls back to the server's CLI, and what it refuses to run that way. */
class ServerCliTest {

  @Test
  void theCliRunsOnlyWhenTheRestActionItselfIsMissing() {
    assertThat(ServerCli.restActionMissing(405, true)).isTrue();
    assertThat(ServerCli.restActionMissing(501, false)).isTrue();
    assertThat(ServerCli.restActionMissing(404, true)).as("404 for a cache that exists").isTrue();
    assertThat(ServerCli.restActionMissing(404, false)).as("the cache is missing").isFalse();
    assertThat(ServerCli.restActionMissing(400, true)).isFalse();
    assertThat(ServerCli.restActionMissing(500, true)).isFalse();
    assertThat(ServerCli.restActionMissing(204, true)).isFalse();
  }

  @Test
  void theCommandPipesOneBatchLineIntoThePodsOwnCli() {
    assertThat(ServerCli.command(11222, "migrate cluster synchronize -c orders"))
        .containsExactly(
            "sh",
            "-c",
            "printf '%s\\n' \"$2\" | \"$0\" -c \"$1\" -f -",
            "/opt/infinispan/bin/cli.sh",
            "http://127.0.0.1:11222",
            "migrate cluster synchronize -c orders");
  }

  /** Outputs of the 15.0.21 CLI in batch mode, captured in PodExecCliIT (each with exit code 0). */
  @Test
  void whatTheCliPrintsIsReadForTheOutcome() {
    assertThat(ServerCli.problem("Synchronized 200 entries\n")).isEmpty();
    assertThat(ServerCli.problem("")).as("a disconnect that did it").isEmpty();
    assertThat(ServerCli.problem("Error: \n")).as("not connected (REST 304)").contains("");
    assertThat(
            ServerCli.problem(
                "Error: ISPN000397: Could not migrate data for cache cli-plain, check remote store"
                    + " config in the target cluster.\n"))
        .hasValueSatisfying(p -> assertThat(p).startsWith("ISPN000397"));
    assertThat(
            ServerCli.problem(
                "Not Found: ISPN012010: Cache with name 'nosuchcache' not found amongst the"
                    + " configured caches\n"))
        .hasValueSatisfying(p -> assertThat(p).startsWith("Not Found: ISPN012010"));
  }

  @Test
  void gridsWithCredentialsAreRefusedBeforeAnyExecSoNoPasswordReachesACommandLine() {
    ServerCli cli = new ServerCli(new PodExec(null));
    GridAddress secured = new GridAddress("apps/dg", "10.0.0.1", 11222, "admin", "pw", "apps/s");

    assertThatThrownBy(() -> cli.synchronize(secured, "apps", "dg", "orders"))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.isNonRetryable()).isTrue();
              assertThat(f.getType()).isEqualTo(FailureTypes.UNSUPPORTED_VERSION);
              assertThat(f.getOriginalMessage())
                  .contains("has no REST synchronize for cache 'orders'")
                  .contains("not offered for grids with credentials or TLS")
                  .doesNotContain("pw");
            });
  }

  @Test
  void cacheNamesTheBatchLineCannotCarryAreRefused() {
    ServerCli cli = new ServerCli(new PodExec(null));
    GridAddress open = GridAddress.anonymous("apps/dg", "10.0.0.1", 11222);

    assertThatThrownBy(() -> cli.disconnect(open, "apps", "dg", "my cache; rm"))
        .isInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("takes only names of letters, digits");
  }
}
