package io.gridshift.demo.bench.paths;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bench's bookkeeping: version order, merging re-measured rows, short details, issues. */
class UpgradePathsBenchmarkTest {
  private static final Map<String, Status> WRITES =
      Map.of("protostream", Status.FAIL, "text", Status.PASS, "unencoded", Status.PASS);

  @Test
  void ordersVersionsByNumberNotText() {
    assertThat(Versions.compare("16.0.7", "15.2.6.Final")).isPositive();
    assertThat(Versions.compare("10.1.8.Final", "9.4.0.Final")).isPositive();
    assertThat(Versions.compare("15.0.21.Final", "15.0.21.Final")).isZero();
  }

  @Test
  void aRemeasuredPairReplacesItsRowAndOtherRowsStayInVersionOrder() {
    PathResult oldTen = row("10.1.8.Final", "14.0.28.Final", "bench: old");
    PathResult keptFifteen =
        row("15.0.21.Final", "16.0.7", "connect text: answered 500 raw-values");
    PathResult newTen = row("10.1.8.Final", "14.0.28.Final", "");

    List<PathResult> merged =
        UpgradePathsBenchmark.merged(List.of(keptFifteen, oldTen), List.of(newTen));

    assertThat(merged)
        .extracting(PathResult::source)
        .containsExactly("10.1.8.Final", "15.0.21.Final");
    assertThat(merged.get(0)).isSameAs(newTen);
    // A kept row's issues are derived again from its detail.
    assertThat(merged.get(1).issues())
        .extracting(KnownIssue::id)
        .containsExactly("infinispan/infinispan-operator#2369");
  }

  @Test
  void detailsAreOneShortLineWithTheActivityMessageAndNoPackages() {
    String temporal =
        "io.temporal.failure.ApplicationFailure: message='disconnecting the source of cache 'c'"
            + " failed: HttpTimeoutException: request timed out', type='GridUnreachable',"
            + " nonRetryable=false";
    assertThat(ModeRecorder.shorten(temporal))
        .isEqualTo(
            "disconnecting the source of cache 'c' failed: HttpTimeoutException: request timed out");
    assertThat(ModeRecorder.shorten("org.infinispan.commons.CacheException:\n at 127.0.0.1"))
        .isEqualTo("CacheException: at 127.0.0.1");
    assertThat(ModeRecorder.shorten("x".repeat(500))).hasSize(203).endsWith("...");
  }

  @Test
  void aModeIsUsableOnlyWhenConnectSyncAndVerifyPassAndTheQueryDidNotFail() {
    assertThat(result(Status.PASS, Status.NOT_RUN).usable()).isTrue();
    assertThat(result(Status.PASS, Status.FAIL).usable()).isFalse();
    assertThat(result(Status.FAIL, Status.PASS).usable()).isFalse();
  }

  @Test
  void theUnencodedSixteenIssueNeedsItsOwnFailureNotJustTheWord() {
    Map<String, ModeResult> createFailed =
        Map.of("RUNTIME", failed("connect unencoded: creating cache failed: Unexpected element"));
    Map<String, ModeResult> unmarshall =
        Map.of("CONFIG", failed("connect unencoded: ISPN004034: Unable to unmarshall bytes 76"));

    assertThat(KnownIssues.matching("16.0.7", createFailed)).isEmpty();
    assertThat(KnownIssues.matching("16.0.7", unmarshall))
        .extracting(KnownIssue::id)
        .containsExactly("infinispan/infinispan#15884");
    assertThat(KnownIssues.matching("15.2.6.Final", unmarshall)).isEmpty();
  }

  private static PathResult row(String source, String target, String detail) {
    return new PathResult(
        source, target, Map.of("RUNTIME", failed(detail), "CONFIG", failed(detail)), List.of());
  }

  private static ModeResult failed(String detail) {
    return new ModeResult(
        Status.FAIL, Status.NOT_RUN, WRITES, Status.NOT_RUN, Status.NOT_RUN, detail);
  }

  private static ModeResult result(Status verified, Status query) {
    return new ModeResult(Status.PASS, Status.PASS, WRITES, query, verified, "");
  }
}
