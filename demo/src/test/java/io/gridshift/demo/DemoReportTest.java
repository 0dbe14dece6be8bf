package io.gridshift.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.workflows.common.CacheProgress;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.infinispan.InfinispanDetails;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's cache counts: each field counts one named set of keys, never a mix of two. */
class DemoReportTest {

  @Test
  void countsTheWorkflowsSourceKeysAndTheDemosLoadedKeysSeparately() {
    // The source held 1,050 keys at verify-target (1,000 loaded + 50 the probe wrote), all found
    // on the target; 3 of the 1,000 loaded keys read back changed through the Service.
    UpgradeStatus status =
        status(new CacheProgress("sessions", null, "VERIFIED", 1_050, 1_060, 1_050, 0, 10));
    DemoReport report = DemoReport.of(status, Map.of("sessions", 1_000), Map.of("sessions", 3));

    DemoReport.Cache c = report.caches().get(0);
    assertThat(c.sourceEntries()).isEqualTo(1_050);
    assertThat(c.missingKeys()).as("of the source's keys").isZero();
    assertThat(c.loadedKeys()).isEqualTo(1_000);
    assertThat(c.loadedKeysMissing()).as("of the loaded keys").isEqualTo(3);
    assertThat(report.success()).isFalse();
  }

  @Test
  void succeedsOnlyWhenNeitherSetMissesAKey() {
    UpgradeStatus status =
        status(new CacheProgress("events", null, "VERIFIED", 500, 500, 500, 2, 10));

    assertThat(DemoReport.of(status, Map.of("events", 500), Map.of("events", 0)).success())
        .isFalse();
    UpgradeStatus clean =
        status(new CacheProgress("events", null, "VERIFIED", 500, 500, 500, 0, 10));
    assertThat(DemoReport.of(clean, Map.of("events", 500), Map.of("events", 0)).success()).isTrue();
  }

  private static UpgradeStatus status(CacheProgress cache) {
    return new UpgradeStatus(
        "wf",
        "infinispan",
        Phase.COMPLETED,
        null,
        List.of(),
        null,
        List.of(),
        false,
        null,
        new InfinispanDetails(null, List.of(cache), List.of()));
  }
}
