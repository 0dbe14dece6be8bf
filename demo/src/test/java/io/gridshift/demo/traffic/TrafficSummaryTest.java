package io.gridshift.demo.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link TrafficSummary#summarize} on hand-made samples whose answers are known. */
class TrafficSummaryTest {
  private static final long T = 1_700_000_000_000L;

  private static TrafficRecord record() {
    List<OpSample> samples = new ArrayList<>();
    // Baseline: 1 ms .. 100 ms.
    for (int i = 1; i <= 100; i++) {
      samples.add(new OpSample(T + i, i * 1_000L, OpKind.READ, Outcome.OK, null));
    }
    // During: 0.25, 0.35, 10 and 2000 ms, plus one that never reached the grid.
    samples.add(new OpSample(T + 1_100, 250, OpKind.WRITE, Outcome.OK, null));
    samples.add(new OpSample(T + 1_200, 350, OpKind.READ, Outcome.OK, null));
    samples.add(new OpSample(T + 1_300, 10_000, OpKind.READ, Outcome.OK, null));
    samples.add(new OpSample(T + 1_500, -1, OpKind.WRITE, Outcome.ERROR, "PROBE_BACKLOG"));
    samples.add(new OpSample(T + 1_600, 2_000_000, OpKind.READ, Outcome.ERROR, "Timeout"));
    samples.add(new OpSample(T + 2_500, 20, OpKind.READ, Outcome.STALE, "STALE_READ"));
    // After the upgrade: in no latency window, in no step.
    samples.add(new OpSample(T + 5_000, 999_000, OpKind.READ, Outcome.MISSING, "MISSING_KEY"));
    long errors = samples.stream().filter(s -> !s.ok()).count();
    Verification check = new Verification(10, 1, 1, 0, 0, List.of("probe-x-1 missing"));
    return new TrafficRecord(
        "g", "x", 200, T, T + 6_000, samples.size(), errors, List.of(), check, samples);
  }

  private static final List<StepWindow> STEPS =
      List.of(
          new StepWindow("a", at(1_000), at(2_000)),
          new StepWindow("b", at(1_550), at(2_600)),
          new StepWindow("c", at(2_700), at(2_900)));

  private static Instant at(long offset) {
    return Instant.ofEpochMilli(T + offset);
  }

  @Test
  void percentilesAreNearestRankInMillisecondsPerWindow() {
    TrafficSummary summary = TrafficSummary.summarize(record(), at(1_000), at(3_000), STEPS);

    assertThat(summary.latencyMs().baseline()).isEqualTo(new Percentiles(100, 50.0, 99.0, 100.0));
    // Sorted 0.25, 0.35, 10, 2000 (+0.02 stale read): rank ceil(.5*5)=3, ceil(.99*5)=5.
    assertThat(summary.latencyMs().during()).isEqualTo(new Percentiles(5, 0.4, 2000.0, 2000.0));
  }

  @Test
  void errorsGoToEveryStepWhoseWindowHoldsThemAndTheRestToNoStep() {
    TrafficSummary summary = TrafficSummary.summarize(record(), at(1_000), at(3_000), STEPS);

    assertThat(summary.ops()).isEqualTo(107);
    assertThat(summary.errors()).isEqualTo(4);
    assertThat(summary.lostWrites()).isEqualTo(1);
    assertThat(summary.errorsByStep())
        .containsExactly(entry("a", 2L), entry("b", 2L), entry(TrafficSummary.NO_STEP, 1L));
    assertThat(summary.errorsByKind())
        .containsOnly(
            entry("PROBE_BACKLOG", 1L),
            entry("Timeout", 1L),
            entry("STALE_READ", 1L),
            entry("MISSING_KEY", 1L));
  }

  @Test
  void nearestRankAndRounding() {
    assertThat(Percentiles.nearestRank(new long[] {7}, 99)).isEqualTo(7);
    assertThat(Percentiles.nearestRank(new long[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 50))
        .isEqualTo(5);
    assertThat(Percentiles.nearestRank(new long[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 99))
        .isEqualTo(10);
    assertThat(Percentiles.ms(1_234)).isEqualTo(1.2);
    assertThat(Percentiles.ms(1_250)).isEqualTo(1.3);
    assertThat(Percentiles.ofMicros(new long[0])).isEqualTo(new Percentiles(0, 0, 0, 0));
  }

  @Test
  void unverifiedRecordsReportLostWritesAsUnknown() {
    TrafficRecord unverified =
        TrafficRecord.of("g", "x", 200, T, T + 1, record().samples(), List.of());
    TrafficSummary summary = TrafficSummary.summarize(unverified, at(1_000), null, List.of());

    assertThat(summary.lostWrites()).isEqualTo(-1);
    assertThat(summary.unreadableKeys()).isEqualTo(-1);
    assertThat(summary.errorsByStep()).containsExactly(entry(TrafficSummary.NO_STEP, 4L));
  }

  @Test
  void theJsonHasTheReportFieldsAndNoRawSamples() throws Exception {
    ObjectMapper json = new ObjectMapper();
    TrafficSummary summary = TrafficSummary.summarize(record(), at(1_000), at(3_000), STEPS);

    JsonNode tree = json.readTree(json.writeValueAsString(summary));
    assertThat(tree.get("ops").asLong()).isEqualTo(107);
    assertThat(tree.get("errors").asLong()).isEqualTo(4);
    assertThat(tree.get("lostWrites").asLong()).isEqualTo(1);
    assertThat(tree.at("/latencyMs/baseline/p99").asDouble()).isEqualTo(99.0);
    assertThat(tree.at("/latencyMs/during/max").asDouble()).isEqualTo(2000.0);
    assertThat(tree.at("/errorsByStep/a").asLong()).isEqualTo(2);
    assertThat(tree.has("samples")).isFalse();

    JsonNode record = json.readTree(json.writeValueAsString(record()));
    assertThat(record.has("samples")).isFalse();
    assertThat(record.at("/verification/lostWrites").asLong()).isEqualTo(1);
  }
}
