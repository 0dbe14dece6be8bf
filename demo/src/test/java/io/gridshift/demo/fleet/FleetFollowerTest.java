package io.gridshift.demo.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridshift.demo.DemoCommands;
import io.gridshift.workflows.common.GatePolicy;
import io.gridshift.workflows.common.OpenGate;
import io.gridshift.workflows.fleet.FleetStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What the fleet demo prints for a newcomer, and its command line. */
class FleetFollowerTest {
  private static final OpenGate HALF =
      new OpenGate(
          "half",
          FinishedFleet.at(56),
          FinishedFleet.at(1856),
          GatePolicy.TimeoutAction.ABORT,
          "alice",
          false);

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  @Test
  void withoutYesTheGateShowsWhatWaitsAndTheCommandsToPasteAndDecidesNothing() {
    // No FleetService: deciding anything would fail the test.
    FleetFollower follower =
        new FleetFollower(
            null, false, new DemoCommands(DemoCommands.CLI_DEFAULT_TEMPORAL, "alice"), out);

    follower.decide(FinishedFleet.completed(), HALF);

    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains("Gate 'half' is open until " + FinishedFleet.at(1856))
        .contains("stage half: ap-1/shop/prices, ap-1/shop/profiles, eu-1/shop/sessions")
        .contains("eu-1/shop/carts            SUCCEEDED")
        .contains("us-1/legacy/ledger         REFUSED")
        .contains("    ./gridshift fleet approve fleet-shop half --by alice\n")
        .contains("    ./gridshift fleet reject fleet-shop half --by alice\n");
  }

  @Test
  void eachChangeIsPrintedOnceWithWhyARefusedGridWasRefused() {
    FleetFollower follower =
        new FleetFollower(
            null, false, new DemoCommands(DemoCommands.CLI_DEFAULT_TEMPORAL, "alice"), out);
    FleetStatus end = FinishedFleet.completed();

    follower.print(end);
    follower.print(end);

    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertThat(printed).containsOnlyOnce("Fleet fleet-shop: COMPLETED");
    assertThat(printed).containsOnlyOnce("    eu-1/shop/sessions ");
    assertThat(printed)
        .contains("us-1/legacy/ledger         REFUSED         hazelcast 5.3.6 -> 5.3.8: ")
        .contains("shutdown hook policy TERMINATE")
        .contains("ap-1/shop/profiles         SUCCEEDED       now 15.0.21.Final in 60 s");
  }

  @Test
  void gridsWaitingForAWindowAreToldOnceWhenItOpensNotEachTimeTheStatusIsRead() {
    FleetFollower follower =
        new FleetFollower(
            null, false, new DemoCommands(DemoCommands.CLI_DEFAULT_TEMPORAL, "alice"), out);
    java.time.Instant opens = java.time.Instant.now().plusSeconds(90);

    follower.print(waiting("ap-1/shop/prices", opens.toString()));
    follower.print(waiting("ap-1/shop/prices", opens.plusMillis(1).toString()));
    // Open now: the status names the present as the next window while a grid waits for its slot.
    follower.print(
        waiting("ap-1/shop/profiles", java.time.Instant.now().minusSeconds(1).toString()));

    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .containsOnlyOnce("wait for their cluster's maintenance window")
        .contains(
            "(ap-1/shop/prices wait for their cluster's maintenance window, which opens at "
                + opens
                + ")");
  }

  private static FleetStatus waiting(String path, String nextWindow) {
    FleetStatus s = FinishedFleet.withGrid(path, "WAITING_WINDOW", "RUNNING");
    return new FleetStatus(
        s.fleetId(),
        s.name(),
        s.phase(),
        s.message(),
        "half",
        s.versions(),
        s.stages(),
        s.grids(),
        s.agents(),
        s.budget(),
        null,
        false,
        nextWindow,
        s.audit());
  }

  @Test
  void optionsDefaultToASmallFleetAndRefuseWhatTheyDoNotKnow() {
    FleetDemoOptions o = FleetDemoOptions.parse(new String[] {"--yes", "--report", "r.json"});
    assertThat(o.approveAll()).isTrue();
    assertThat(o.report()).isEqualTo(Path.of("r.json"));
    assertThat(o.entries()).isEqualTo(2000);
    assertThat(o.rate()).isEqualTo(20);
    assertThatThrownBy(() -> FleetDemoOptions.parse(new String[] {"--entries", "0"}))
        .hasMessage("--entries must be a number from 1 to 1000000, not '0'");
    assertThatThrownBy(() -> FleetDemoOptions.parse(new String[] {"hazelcast"}))
        .hasMessageContaining("unexpected argument 'hazelcast'")
        .hasMessageContaining("usage: ./gridshift demo fleet");
  }
}
