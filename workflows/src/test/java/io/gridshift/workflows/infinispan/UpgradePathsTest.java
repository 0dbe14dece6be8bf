package io.gridshift.workflows.infinispan;

import static io.gridshift.workflows.infinispan.TestPaths.decide;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every decision of {@link UpgradePaths}, against the small test matrix ({@link TestPaths}). */
class UpgradePathsTest {
  private static final String PAUSE = "\"protostream\": \"PAUSE_WRITES\"";

  @Test
  void leftOutTheModeIsRuntimeWhereMeasuredUsable() {
    PathChoice path = decide("14.0.25.Final", "15.0.19.Final", null);

    assertThat(path.isRefused()).isFalse();
    assertThat(path.mode()).isEqualTo(ConnectionMode.RUNTIME);
    assertThat(path.reason())
        .isEqualTo(
            "RUNTIME, chosen: measured usable for 14.0 -> 15.0 (upgrade-path matrix of"
                + " 2026-01-02)");
    assertThat(path.warnings()).isEmpty();
    assertThat(path.writeThrough().protostream()).isEqualTo(PathStatus.FAIL);
    assertThat(path.evidence())
        .contains("protostream writes through the target are lost")
        .contains("ISPN-90001 (https://example.invalid/ISPN-90001)");
  }

  @Test
  void leftOutTheModeIsConfigWhenRuntimeFails() {
    PathChoice path = decide("14.0.28.Final", "15.2.6.Final", null);

    assertThat(path.mode()).isEqualTo(ConnectionMode.CONFIG);
    assertThat(path.reason()).startsWith("CONFIG, chosen: measured usable for 14.0 -> 15.2");
    assertThat(path.writeThrough().protostream()).isEqualTo(PathStatus.PASS);
  }

  @Test
  void leftOutTheModeIsConfigOnASourceWithoutTheRestSourceConnection() {
    assertThat(decide("12.1.12.Final", "15.0.21.Final", null).mode())
        .isEqualTo(ConnectionMode.CONFIG);
  }

  @Test
  void anExplicitModeTheMatrixMarksFailIsRefusedWithTheEvidenceAndTheModeThatWorks() {
    PathChoice path = decide("14.0.28.Final", "15.2.6.Final", ConnectionMode.RUNTIME);

    assertThat(path.isRefused()).isTrue();
    assertThat(path.mode()).isNull();
    assertThat(path.refusal())
        .startsWith("connectionMode RUNTIME fails for Infinispan 14.0 -> 15.2")
        .contains(
            "14.0.28.Final -> 15.2.6.Final: RUNTIME: connect FAIL, source-connection"
                + " answered 500")
        .contains("upstream: ISPN-90002 (https://example.invalid/ISPN-90002)")
        .endsWith(
            "use connectionMode CONFIG (measured usable), or leave connectionMode out and"
                + " the plan chooses it");
  }

  @Test
  void anExplicitModeMeasuredUsableIsTakenAsRequested() {
    PathChoice path = decide("14.0.28.Final", "15.0.21.Final", ConnectionMode.CONFIG);

    assertThat(path.mode()).isEqualTo(ConnectionMode.CONFIG);
    assertThat(path.reason()).startsWith("CONFIG, as requested; measured usable for 14.0 -> 15.0");
    assertThat(path.warnings()).isEmpty();
  }

  @Test
  void anExplicitModeNotRunIsAllowedWithANotMeasuredWarning() {
    PathChoice path = decide("15.2.6.Final", "16.0.7", ConnectionMode.CONFIG);

    assertThat(path.mode()).isEqualTo(ConnectionMode.CONFIG);
    assertThat(path.reason()).isEqualTo("CONFIG, as requested; not measured for 15.2 -> 16.0");
    assertThat(path.warnings()).singleElement().asString().startsWith("not measured:");
    assertThat(path.writeThrough()).isEqualTo(WriteThroughResults.notRun());
  }

  @Test
  void aSourceBefore13WhoseRuntimeIsMeasuredUsableGetsRuntime() {
    UpgradePathMatrix matrix =
        UpgradePathMatrix.parse(
            """
            {"measured": "2026-12-07 on a test", "paths": [{"source": "12.1.12.Final",
             "target": "15.0.21.Final", "modes": {"RUNTIME": {"connect": "PASS",
             "syncData": "PASS", "verified": "PASS"}}}]}
            """);
    PathChoice path =
        UpgradePaths.decide(
            matrix, new PathQuestion("12.1.12.Final", "15.0.21.Final", null, List.of()));
    assertThat(path.mode()).isEqualTo(ConnectionMode.RUNTIME);
    assertThat(path.reason()).startsWith("RUNTIME, chosen: measured usable for 12.1 -> 15.0");
  }

  @Test
  void runtimeAskedOnASourceBefore13IsRefusedAsBefore() {
    PathChoice path = decide("12.1.12.Final", "15.0.21.Final", ConnectionMode.RUNTIME);

    assertThat(path.refusal())
        .contains("no runtime source-connection API")
        .contains("set connectionMode CONFIG");
  }

  @Test
  void aPairWithNoUsableModeNamesAnIntermediateVersionThatMakesBothHopsUsable() {
    PathChoice path = decide("14.0.28.Final", "16.0.7", null);

    assertThat(path.refusal())
        .startsWith("targetVersion 16.0.7 is not a supported target from 14.0.28.Final")
        .contains("no connection mode is measured usable for 14.0 -> 16.0")
        .contains("RUNTIME: connect FAIL, raw-values rejected")
        .contains("CONFIG: indexedQuery FAIL, indexed query finds nothing after sync")
        .endsWith(
            "upgrade in two hops instead: first to 15.2.6.Final, then to 16.0.7 (both 14.0 ->"
                + " 15.2 and 15.2 -> 16.0 are measured usable)");
    // The same advice when the explicit mode fails and the other one does too.
    assertThat(decide("14.0.28.Final", "16.0.7", ConnectionMode.CONFIG).refusal())
        .startsWith("connectionMode CONFIG fails for Infinispan 14.0 -> 16.0")
        .contains("first to 15.2.6.Final");
  }

  @Test
  void withoutAnIntermediateTheNearestTargetThatWorksIsNamed() {
    PathChoice path = decide("12.1.12.Final", "16.0.7", null);

    assertThat(path.refusal())
        .contains("CONFIG: syncData FAIL, sync-data timed out")
        .endsWith(
            "upgrade to 15.0.21.Final instead (the nearest target measured usable from 12.1)");
  }

  @Test
  void aPairNotMeasuredIsAllowedWithAWarningWhenBothFamiliesAreKnown() {
    PathChoice absent = decide("14.0.28.Final", "15.1.7.Final", null);
    PathChoice allNotRun = decide("13.0.10.Final", "15.0.21.Final", null);
    PathChoice old = decide("11.0.17.Final", "15.0.21.Final", null);

    assertThat(absent.mode()).isEqualTo(ConnectionMode.RUNTIME);
    assertThat(absent.reason()).isEqualTo("RUNTIME, the default; 14.0 -> 15.1 not measured");
    assertThat(absent.warnings())
        .singleElement()
        .asString()
        .startsWith("not measured: Infinispan 14.0 -> 15.1 in RUNTIME mode");
    assertThat(allNotRun.mode()).isEqualTo(ConnectionMode.RUNTIME);
    assertThat(allNotRun.reason()).isEqualTo("RUNTIME, the default; 13.0 -> 15.0 not measured");
    assertThat(old.mode()).isEqualTo(ConnectionMode.CONFIG);
    assertThat(old.reason())
        .startsWith("CONFIG, chosen: 11.0 has no REST source-connection (13.0+)");
    // A 16.0 target is "measured" once some pair into it is usable (15.2 -> 16.0 here).
    assertThat(decide("15.0.21.Final", "16.0.7", null).warnings())
        .singleElement()
        .asString()
        .startsWith("not measured:");
  }

  @Test
  void leftOutTheModeFallsBackToAModeNotRunWhenTheOtherFailed() {
    PathResult failed = new PathResult(PathStatus.FAIL, null, null, null, null, "connect refused");
    UpgradePath row =
        new UpgradePath(
            "14.0.28.Final",
            "15.0.21.Final",
            java.util.Map.of(ConnectionMode.RUNTIME, failed),
            List.of());
    UpgradePathMatrix matrix = new UpgradePathMatrix("2026-01-02", List.of(row));

    PathChoice path =
        UpgradePaths.decide(
            matrix, new PathQuestion("14.0.28.Final", "15.0.21.Final", null, List.of()));

    assertThat(path.mode()).isEqualTo(ConnectionMode.CONFIG);
    assertThat(path.reason()).isEqualTo("CONFIG, chosen; not measured for 14.0 -> 15.0");
    assertThat(path.warnings()).singleElement().asString().startsWith("not measured:");
  }

  @Test
  void aModeNotRunIsNoFallbackIntoAFamilyNeverMeasuredUsable() {
    // The shipped matrix's 14.0 -> 16.0 row: RUNTIME failed, CONFIG not run.
    PathResult failed = new PathResult(PathStatus.FAIL, null, null, null, null, "raw-values");
    UpgradePath row =
        new UpgradePath(
            "14.0.28.Final", "16.0.7", java.util.Map.of(ConnectionMode.RUNTIME, failed), List.of());
    UpgradePathMatrix matrix = new UpgradePathMatrix("2026-01-02", List.of(row));

    PathChoice absent =
        UpgradePaths.decide(matrix, new PathQuestion("14.0.28.Final", "16.0.7", null, List.of()));
    PathChoice config =
        UpgradePaths.decide(
            matrix, new PathQuestion("14.0.28.Final", "16.0.7", ConnectionMode.CONFIG, List.of()));

    assertThat(absent.refusal())
        .startsWith("targetVersion 16.0.7 is not a supported target from 14.0.28.Final")
        .contains("RUNTIME: connect FAIL, raw-values; CONFIG: not run");
    assertThat(config.refusal())
        .startsWith("connectionMode CONFIG is not measured usable for Infinispan 14.0 -> 16.0");
  }

  @Test
  void aPairNotMeasuredIntoAFamilyNeverMeasuredUsableIsRefusedAsBefore() {
    UpgradePathMatrix empty = new UpgradePathMatrix("2026-01-02", List.of());

    PathChoice path =
        UpgradePaths.decide(empty, new PathQuestion("15.0.21.Final", "16.0.7", null, List.of()));

    assertThat(path.refusal())
        .startsWith("targetVersion 16.0.7 is not a supported target")
        .contains("no upgrade into 16.0 is measured usable");
  }

  @Test
  void anUnknownSourceFamilyIsRefused() {
    assertThat(decide("9.4.21", "15.0.21.Final", null).refusal())
        .contains("9.4.21 is not of a known Infinispan release family");
    assertThat(decide("latest", "15.0.21.Final", null).refusal())
        .contains("the source image tag 'latest' is not a version");
    assertThat(decide("15.0.21.Final", "14.0.28.Final", null).refusal())
        .contains("is not newer than the running 15.0.21.Final");
  }

  @Test
  void aRequestThatNeedsRuntimeIsRefusedWhereOnlyConfigWorks() {
    PathChoice measured = decide("14.0.28.Final", "15.2.6.Final", null, PAUSE);
    PathChoice oldSource = decide("12.1.12.Final", "15.0.21.Final", null, PAUSE, "tlsSecret");

    assertThat(measured.refusal())
        .startsWith(PAUSE + " need connectionMode RUNTIME, which fails for Infinispan 14.0 -> 15.2")
        .contains("CONFIG is measured usable: leave those fields out");
    assertThat(oldSource.refusal())
        .startsWith(
            PAUSE
                + " and tlsSecret need connectionMode RUNTIME, but for 12.1 -> 15.0 only"
                + " CONFIG is left");
    // Where RUNTIME works, the same request simply gets it.
    assertThat(decide("14.0.28.Final", "15.0.21.Final", null, PAUSE).mode())
        .isEqualTo(ConnectionMode.RUNTIME);
  }

  @Test
  void aDecisionRoundTripsThroughTheHistorysConverter() {
    io.temporal.common.converter.DataConverter converter =
        io.temporal.common.converter.DefaultDataConverter.newDefaultInstance();
    for (PathChoice choice :
        List.of(
            decide("14.0.28.Final", "15.0.21.Final", null),
            decide("14.0.28.Final", "16.0.7", null),
            PathChoice.asBefore(null))) {
      var payload = converter.toPayload(choice).orElseThrow();

      assertThat(converter.fromPayload(payload, PathChoice.class, PathChoice.class))
          .isEqualTo(choice);
    }
  }
}
