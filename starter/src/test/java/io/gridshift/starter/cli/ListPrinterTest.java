package io.gridshift.starter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.starter.UpgradeSummary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code gridshift list}'s table. */
class ListPrinterTest {

  @Test
  void longIdsKeepEveryColumnAligned() {
    String longId = "infinispan-upgrade-prod-eu-west-1-payments-orders-cache-dry-run-1a2b3c4d";
    List<String> lines =
        print(
            List.of(
                summary(longId, true, "PLANNING", null),
                summary("hz-1", false, "WAITING_APPROVAL", "canary")));

    assertThat(lines).hasSize(3);
    for (String column : List.of("KIND", "CLUSTER", "STATUS", "PHASE", "STARTED", "STEP")) {
      int at = lines.get(0).indexOf(column);
      assertThat(lines.get(1).charAt(at - 1))
          .as("blank before %s in %s", column, lines)
          .isEqualTo(' ');
      assertThat(lines.get(2).charAt(at - 1))
          .as("blank before %s in %s", column, lines)
          .isEqualTo(' ');
      assertThat(lines.get(1).charAt(at)).as("%s starts in %s", column, lines).isNotEqualTo(' ');
    }
    assertThat(lines.get(1)).startsWith(longId + "  infinispan");
    assertThat(lines.get(2).substring(lines.get(0).indexOf("OPEN GATE"))).isEqualTo("canary");
  }

  private static UpgradeSummary summary(String id, boolean dryRun, String phase, String gate) {
    return new UpgradeSummary(
        id,
        "infinispan",
        "prod-eu-west-1",
        "payments",
        "orders",
        "RUNNING",
        "2026-12-06T10:00:00.123Z",
        null,
        gate == null ? "plan" : "gate:" + gate,
        gate,
        dryRun,
        phase);
  }

  private static List<String> print(List<UpgradeSummary> upgrades) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ListPrinter.print(upgrades, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }
}
