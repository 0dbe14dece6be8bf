package io.gridshift.demo.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The probe against an in-memory grid with injected faults: a zero in the report means something
 * only if the probe sees a lost write, an error and a stale read when there is one.
 */
class TrafficProbeTest {
  private final InMemoryGrid grid = new InMemoryGrid();
  private final List<TrafficProbe> probes = new ArrayList<>();

  @AfterEach
  void stopProbes() throws InterruptedException {
    for (TrafficProbe probe : probes) {
      probe.close();
    }
  }

  private TrafficProbe start(TrafficOptions options) {
    TrafficProbe probe = TrafficProbe.start(grid, options);
    probes.add(probe);
    return probe;
  }

  @Test
  void cleanRunReportsNoErrorsAndNoLostWrites() throws Exception {
    TrafficProbe probe = start(TrafficOptions.defaults().withRunId("clean"));
    Thread.sleep(600);
    TrafficRecord record = probe.stopAndVerify();

    assertThat(record.ops()).isGreaterThan(80);
    assertThat(record.errors()).isZero();
    assertThat(record.errorGroups()).isEmpty();
    assertThat(record.lostWrites()).isZero();
    assertThat(record.unreadableKeys()).isZero();
    assertThat(record.verification().checkedKeys()).isPositive();
    // Reads really happened and were checked, not only writes.
    assertThat(record.samples()).anyMatch(s -> s.kind() == OpKind.READ && s.ok());
    assertThat(grid.gets.get()).isGreaterThan(record.verification().checkedKeys());
  }

  @Test
  void anAcknowledgedWriteThatIsNotStoredOrLaterRevertedIsALostWrite() throws Exception {
    grid.dropWrites = key -> key.equals("probe-lost-5");
    TrafficProbe probe = start(TrafficOptions.defaults().withRunId("lost").withKeys(40));
    Thread.sleep(1_000);
    probe.stop();
    // The grid loses a later version of key 7 after acknowledging it: back to version 1.
    assertThat(KeyBook.versionOf("probe-lost-7", grid.store.get("probe-lost-7")))
        .as("key 7 was written at least twice")
        .isGreaterThanOrEqualTo(2);
    grid.store.put("probe-lost-7", KeyBook.value("probe-lost-7", 1));

    TrafficRecord record = probe.verify();

    Verification check = record.verification();
    assertThat(check.lostWrites()).isEqualTo(2);
    assertThat(check.missingKeys()).isEqualTo(1);
    assertThat(check.staleKeys()).isEqualTo(1);
    assertThat(check.unreadableKeys()).isZero();
    assertThat(check.examples())
        .anyMatch(e -> e.startsWith("probe-lost-5 missing"))
        .anyMatch(e -> e.startsWith("probe-lost-7 holds 'probe-lost-7#1'"));
    assertThat(record.lostWrites()).isEqualTo(2);
  }

  @Test
  void errorsAreCountedAndAttributedToTheStepThatRanWhenTheyHappened() throws Exception {
    TrafficProbe probe = start(TrafficOptions.defaults().withRunId("errors"));
    Instant begin = Instant.now();
    // ~500 ms of baseline before the margin below: about 100 operations at 200 ops/s.
    Thread.sleep(700);
    Instant failFrom = Instant.now();
    grid.failing = true;
    Thread.sleep(300);
    grid.failing = false;
    Instant failTo = Instant.now();
    Thread.sleep(300);
    TrafficRecord record = probe.stopAndVerify();

    // Margins cover operations due just before the switch but run just after it.
    List<StepWindow> steps =
        List.of(
            new StepWindow("pre-checks", begin, failFrom.minusMillis(250)),
            new StepWindow("restart dg-2", failFrom.minusMillis(200), failTo.plusMillis(200)),
            new StepWindow("post-checks", failTo.plusMillis(250), Instant.now()));
    TrafficSummary summary =
        TrafficSummary.summarize(record, failFrom.minusMillis(200), failTo.plusMillis(200), steps);

    assertThat(summary.errors()).isGreaterThan(20).isLessThan(summary.ops());
    assertThat(summary.errorsByStep()).containsExactly(entry("restart dg-2", summary.errors()));
    assertThat(summary.errorsByKind())
        .containsExactly(entry("IllegalStateException", summary.errors()));
    // One group per cause, not per key.
    assertThat(summary.errorGroups())
        .hasSize(2)
        .allMatch(g -> g.message().startsWith("java.lang.IllegalStateException: injected: grid"));
    assertThat(summary.errorGroups().stream().mapToLong(ErrorGroup::count).sum())
        .isEqualTo(summary.errors());
    assertThat(summary.latencyMs().baseline().ops()).isGreaterThan(40);
    // Failed writes were never acknowledged: nothing is lost.
    assertThat(summary.lostWrites()).isZero();
  }

  @Test
  void aReadOfAnOlderVersionThanAcknowledgedIsAStaleRead() throws Exception {
    grid.stale = true;
    // Ten keys: each is rewritten many times, so there is an older version to return.
    TrafficProbe probe = start(TrafficOptions.defaults().withRunId("stale").withKeys(10));
    Thread.sleep(600);
    TrafficRecord record = probe.stop();
    grid.stale = false;
    record = probe.verify();

    assertThat(record.samples()).anyMatch(s -> s.outcome() == Outcome.STALE);
    assertThat(record.samples())
        .filteredOn(s -> !s.ok())
        .allMatch(s -> s.kind() == OpKind.READ && s.error().equals(OpRunner.STALE_READ));
    assertThat(record.errors()).isPositive();
    assertThat(record.errorGroups()).allMatch(g -> g.kind().equals("STALE_READ"));
    assertThat(record.lostWrites()).isZero();
  }

  @Test
  void aForeignValueIsStaleAndAMissingEntryIsMissing() throws Exception {
    TrafficProbe probe = start(TrafficOptions.defaults().withRunId("odd").withKeys(4));
    Thread.sleep(200);
    // Every read from now on finds a value of another key, or nothing.
    grid.dropWrites = key -> true;
    Thread.sleep(50); // writes already past the drop check land first
    grid.store.put("probe-odd-0", "probe-odd-1#1");
    grid.store.put("probe-odd-1", "something else");
    grid.store.remove("probe-odd-2");
    grid.store.remove("probe-odd-3");
    Thread.sleep(300);
    TrafficRecord record = probe.stopAndVerify();

    assertThat(record.samples()).anyMatch(s -> OpRunner.FOREIGN_VALUE.equals(s.error()));
    assertThat(record.samples())
        .filteredOn(s -> s.outcome() == Outcome.MISSING)
        .isNotEmpty()
        .allMatch(s -> OpRunner.MISSING_KEY.equals(s.error()));
    assertThat(record.verification().lostWrites()).isEqualTo(4);
  }

  @Test
  void theRateHoldsWhenEveryOperationIsSlow() throws Exception {
    grid.delayMillis = 20;
    TrafficProbe probe = start(TrafficOptions.defaults().withRunId("rate"));
    Thread.sleep(1_000);
    TrafficRecord record = probe.stop();

    long elapsed = record.stoppedAtMs() - record.startedAtMs();
    double expected = elapsed / 1000.0 * 200;
    assertThat((double) record.ops()).isBetween(expected * 0.85, expected * 1.15);
    assertThat(record.errors()).isZero();
    TrafficSummary summary =
        TrafficSummary.summarize(record, Instant.ofEpochMilli(record.stoppedAtMs()), null, null);
    assertThat(summary.latencyMs().baseline().p50()).isGreaterThanOrEqualTo(20.0);
  }

  @Test
  void aGridThatDoesNotAnswerFailsOperationsInsteadOfPilingUpThreads() throws Exception {
    grid.delayMillis = 10_000;
    TrafficOptions options =
        new TrafficOptions(
            100, 0.5, 100, 2, 5, Duration.ofMillis(200), 1, Duration.ZERO, null, "dead");
    TrafficProbe probe = start(options);
    Thread.sleep(400);
    long workers =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().startsWith("traffic-probe-dead-"))
            .filter(Thread::isAlive)
            .count();
    long stopping = System.nanoTime();
    TrafficRecord record = probe.stop();

    assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(2));
    // Two workers and the scheduler, however many operations are due.
    assertThat(workers).isLessThanOrEqualTo(3);
    TrafficSummary summary =
        TrafficSummary.summarize(record, Instant.ofEpochMilli(record.stoppedAtMs()), null, null);
    assertThat(summary.errorsByKind()).containsEntry(OpRunner.NOT_RUN, 5L);
    assertThat(summary.errorsByKind().get(OpRunner.PROBE_BACKLOG)).isGreaterThan(20);
    assertThat(record.samples()).noneMatch(OpSample::ok);
  }
}
