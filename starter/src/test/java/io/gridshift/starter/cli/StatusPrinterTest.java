package io.gridshift.starter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.workflows.common.MapProgress;
import io.gridshift.workflows.common.MemberStatus;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.hazelcast.HazelcastDetails;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What `./gridshift status` shows of a Hazelcast roll: members with their numbers, maps. */
class StatusPrinterTest {

  @Test
  void aHazelcastStatusShowsEachMembersVersionAndHealthAndTheMapCounts() {
    UpgradeStatus status =
        new UpgradeStatus(
            "hazelcast-upgrade-sandbox-default-hz",
            "hazelcast",
            Phase.RUNNING,
            "roll",
            List.of(),
            null,
            List.of(),
            false,
            "rolling",
            new HazelcastDetails(
                null,
                List.of(
                    new MemberStatus("hz-0", "5.3.6", true, true, 0, 3, "PENDING"),
                    new MemberStatus("hz-1", "5.3.8", true, false, 42, 3, "ROLLING"),
                    new MemberStatus("hz-2", null, false, false, 0, 0, "ROLLING")),
                List.of(
                    new MapProgress("orders", 50_000, null), new MapProgress("sessions", 7, 9L))));

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    StatusPrinter.print(status, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().map(String::strip).toList();

    // Columns are as wide as their widest cell: compare each line's cells.
    assertThat(lines).anyMatch(l -> l.matches("MEMBER +ROLL +VERSION +SEES +SAFE +MIGRATIONS"));
    assertThat(lines)
        .anyMatch(l -> l.matches("hz-0 +PENDING +5\\.3\\.6 +3 members +yes +0"))
        .anyMatch(l -> l.matches("hz-1 +ROLLING +5\\.3\\.8 +3 members +NO +42"))
        .anyMatch(l -> l.matches("hz-2 +ROLLING +unreachable"))
        .anyMatch(l -> l.matches("MAP +BEFORE +AFTER"))
        .anyMatch(l -> l.matches("orders +50000"))
        .anyMatch(l -> l.matches("sessions +7 +9"));
  }
}
