package io.gridshift.demo.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineScalesTest {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  @Test
  void bucketsTakeP50AndMaxOverSuccessfulOperationsAndCountErrors() {
    List<Sample> samples = new ArrayList<>();
    // Bucket 0 (0-1 s): latencies 1..9 ms and one failed op with a 5000 ms timeout.
    for (int i = 1; i <= 9; i++) {
      samples.add(new Sample(T0.plusMillis(i * 50L), i, true));
    }
    samples.add(new Sample(T0.plusMillis(600), 5000, false));
    // Bucket 3: only failures. One sample outside the window.
    samples.add(new Sample(T0.plusMillis(3_500), 10, false));
    samples.add(new Sample(T0.minusMillis(1), 10, true));

    LatencyBuckets b = LatencyBuckets.of(samples, T0, T0.plusSeconds(10), 10);

    assertThat(b.bucketMs()).isEqualTo(1001);
    LatencyBuckets.Bucket first = b.buckets().get(0);
    assertThat(first.ok()).isEqualTo(9);
    assertThat(first.errors()).isEqualTo(1);
    assertThat(first.p50()).isEqualTo(5);
    assertThat(first.max()).isEqualTo(9);
    assertThat(b.buckets().get(3).hasLatency()).isFalse();
    assertThat(b.buckets().get(3).errors()).isEqualTo(1);
    assertThat(b.totalErrors()).isEqualTo(2);
    assertThat(b.outside()).isEqualTo(1);
  }

  @Test
  void aSampleAtTheVeryEndFallsIntoTheLastBucket() {
    LatencyBuckets b =
        LatencyBuckets.of(
            List.of(new Sample(T0.plusSeconds(10), 1, false)), T0, T0.plusSeconds(10), 470);
    assertThat(b.totalErrors()).isEqualTo(1);
    assertThat(b.buckets().size()).isLessThanOrEqualTo(470);
  }

  @Test
  void timeTicksAreNiceAndLabelledForTheSpan() {
    TimeAxis short_ = new TimeAxis(T0, T0.plusSeconds(90), 0, 900);
    assertThat(short_.tickStepMs()).isEqualTo(10_000);
    assertThat(short_.ticks().get(1).label()).isEqualTo("10s");
    assertThat(short_.ticks().get(1).x()).isCloseTo(100, within(0.01));

    TimeAxis longer = new TimeAxis(T0, T0.plusSeconds(20 * 60), 0, 940);
    assertThat(longer.tickStepMs()).isEqualTo(120_000);
    assertThat(longer.ticks().get(3).label()).isEqualTo("6:00");
    assertThat(longer.x(T0.minusSeconds(5))).isZero();
  }

  @Test
  void latencyScaleTurnsLogarithmicWhenOutliersDwarfTheMedian() {
    ValueAxis linear = ValueAxis.forLatencies(buckets(2, 8), 0, 100);
    assertThat(linear.isLog()).isFalse();
    assertThat(linear.ticks()).extracting(ValueAxis.Tick::label).contains("0 ms", "8 ms");

    ValueAxis log = ValueAxis.forLatencies(buckets(2, 900), 0, 100);
    assertThat(log.isLog()).isTrue();
    assertThat(log.ticks()).extracting(ValueAxis.Tick::label).contains("1 ms", "10 ms", "1 s");
    assertThat(log.y(1)).isCloseTo(100, within(0.01));
    assertThat(log.y(1000)).isCloseTo(0, within(0.01));
  }

  @Test
  void durationsReadLikeAPersonWouldSayThem() {
    assertThat(TimeAxis.humanDuration(850)).isEqualTo("850 ms");
    assertThat(TimeAxis.humanDuration(4_240)).isEqualTo("4.2 s");
    assertThat(TimeAxis.humanDuration(125_000)).isEqualTo("2m 05s");
    assertThat(TimeAxis.humanDuration(3_720_000)).isEqualTo("1h 02m");
  }

  private static LatencyBuckets buckets(double typical, double spike) {
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      samples.add(new Sample(T0.plusMillis(i * 100L), i == 50 ? spike : typical, true));
    }
    return LatencyBuckets.of(samples, T0, T0.plusSeconds(10), 20);
  }
}
