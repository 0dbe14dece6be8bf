package io.gridshift.sandbox.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import io.temporal.api.schedule.v1.CalendarSpec;
import io.temporal.api.schedule.v1.IntervalSpec;
import io.temporal.api.schedule.v1.Range;
import io.temporal.api.schedule.v1.ScheduleSpec;
import io.temporal.api.schedule.v1.StructuredCalendarSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Next-run times against Temporal's documented semantics; most cases are the server's own ({@code
 * calendar_test.go}, {@code spec_test.go}), with their expected times.
 */
class ScheduleSpecEvaluatorTest {
  private static final ZoneId PACIFIC = ZoneId.of("US/Pacific");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  void weeklyCronInBerlinKeepsItsLocalTimeAcrossTheSpringDstChange() {
    // DST starts on Sunday 2027-03-28: 02:00 on Saturdays is 01:00Z before, 00:00Z after.
    ScheduleSpec spec = spec(b -> b.addCronString("0 2 * * SAT").setTimezoneName("Europe/Berlin"));
    assertThat(times(spec, Instant.parse("2027-03-15T00:00:00Z"), 3))
        .containsExactly(
            Instant.parse("2027-03-20T01:00:00Z"),
            Instant.parse("2027-03-27T01:00:00Z"),
            Instant.parse("2027-04-03T00:00:00Z"));
    // ...and back in October (DST ends on Sunday 2027-10-31).
    assertThat(times(spec, Instant.parse("2027-10-24T00:00:00Z"), 2))
        .containsExactly(
            Instant.parse("2027-10-30T00:00:00Z"), Instant.parse("2027-11-06T01:00:00Z"));
  }

  @Test
  void aLocalTimeInTheSpringForwardGapDoesNotExistAndDoesNotFire() {
    ScheduleSpec berlin = spec(b -> b.addCronString("30 2 * * *").setTimezoneName("Europe/Berlin"));
    assertThat(times(berlin, Instant.parse("2027-03-26T12:00:00Z"), 2))
        .containsExactly(
            Instant.parse("2027-03-27T01:30:00Z"), Instant.parse("2027-03-29T00:30:00Z"));

    // calendar_test.go TestCalendarNextDST, spring forward
    checkSequence(
        "CRON_TZ=US/Pacific 33 33 2 * * * *",
        pacific(2022, 3, 11, 20, 0, 0),
        pacific(2022, 3, 12, 2, 33, 33),
        pacific(2022, 3, 14, 2, 33, 33));
  }

  @Test
  void theRepeatedHourAtFallBackFiresTwiceInPacificTime() {
    // calendar_test.go TestCalendarNextDST, jump back
    checkSequence(
        "CRON_TZ=US/Pacific 33 33,44 1 * * * *",
        pacific(2021, 11, 7, 0, 15, 15),
        pacific(2021, 11, 7, 1, 33, 33),
        pacific(2021, 11, 7, 1, 44, 33),
        pacific(2021, 11, 7, 1, 33, 33).plusSeconds(3600),
        pacific(2021, 11, 7, 1, 44, 33).plusSeconds(3600),
        pacific(2021, 11, 8, 1, 33, 33));
  }

  @Test
  void aSearchStartingInTheRepeatedHourFindsTheNextMatch() {
    // calendar_test.go TestCalendarDSTStartInRepeatedHourButNotEnd
    ZoneId london = ZoneId.of("Europe/London");
    CompiledCalendar cal =
        new CompiledCalendar(
            CalendarParser.parseCalendar(
                CalendarSpec.newBuilder()
                    .setSecond("0")
                    .setMinute("1")
                    .setHour("0")
                    .setDayOfMonth("2")
                    .setMonth("Jan")
                    .setDayOfWeek("Sun")
                    .build()),
            london);
    Instant expected = LocalDateTime.of(2005, 1, 2, 0, 1, 0).atZone(london).toInstant();
    assertThat(cal.next(LocalDateTime.of(2004, 1, 1, 0, 0, 5).atZone(london).toInstant()))
        .isEqualTo(expected);
    assertThat(cal.next(LocalDateTime.of(2004, 10, 31, 1, 7, 3).atZone(london).toInstant()))
        .isEqualTo(expected);
  }

  @Test
  void dayOfMonthAndDayOfWeekMustBothMatch() {
    // calendar_test.go TestCalendarNextBasic: wed-thurs on even days only
    CompiledCalendar cal =
        new CompiledCalendar(
            CalendarParser.parseCalendar(
                CalendarSpec.newBuilder()
                    .setSecond("55")
                    .setMinute("55")
                    .setHour("5")
                    .setDayOfWeek("wed-thurs")
                    .setDayOfMonth("2/2")
                    .build()),
            PACIFIC);
    assertThat(cal.next(pacific(2022, 3, 2, 5, 55, 33))).isEqualTo(pacific(2022, 3, 2, 5, 55, 55));
    assertThat(cal.next(pacific(2022, 3, 1, 1, 11, 11))).isEqualTo(pacific(2022, 3, 2, 5, 55, 55));
    assertThat(cal.next(pacific(2022, 3, 2, 5, 55, 55))).isEqualTo(pacific(2022, 3, 10, 5, 55, 55));
    assertThat(cal.next(pacific(2022, 3, 10, 5, 55, 55)))
        .isEqualTo(pacific(2022, 3, 16, 5, 55, 55));
  }

  @Test
  void cronStringsCanonicalizeAsTheServerDoes() {
    // calendar_test.go TestParseCronString
    CalendarParser.Cron cron = CalendarParser.parseCron("5,9 */2 * * *");
    assertThat(cron.calendar())
        .isEqualTo(
            StructuredCalendarSpec.newBuilder()
                .addSecond(range(0, 0, 0))
                .addMinute(range(5, 0, 0))
                .addMinute(range(9, 0, 0))
                .addHour(range(0, 23, 2))
                .addDayOfMonth(range(1, 31, 0))
                .addMonth(range(1, 12, 0))
                .addDayOfWeek(range(0, 6, 0))
                .build());
    CalendarParser.Cron zoned =
        CalendarParser.parseCron("CRON_TZ=US/Pacific 55 55,57 5 2/2 * wed-thurs *  # explanation");
    assertThat(zoned.timeZone()).isEqualTo("US/Pacific");
    assertThat(zoned.calendar().getComment()).isEqualTo("explanation");
    assertThat(zoned.calendar().getDayOfWeekList()).containsExactly(range(3, 4, 0));
    assertThat(zoned.calendar().getDayOfMonthList()).containsExactly(range(2, 31, 2));
    assertThat(CalendarParser.parseCron("@every 5h/45m").interval())
        .isEqualTo(
            IntervalSpec.newBuilder()
                .setInterval(Durations.fromHours(5))
                .setPhase(Durations.fromMinutes(45))
                .build());
    assertThat(CalendarParser.parseCron("@every 5d").interval().getInterval())
        .isEqualTo(Durations.fromDays(5));
    // Sunday as 7 folds into 0
    assertThat(CalendarParser.parseCron("0 0 * * 5-7").calendar().getDayOfWeekList())
        .containsExactly(range(0, 0, 0), range(5, 6, 0));
  }

  @Test
  void invalidSpecsAreRefusedWithTheServersReason() {
    assertThatThrownBy(() -> CalendarParser.parseCron("0 1 2 3 4 1999"))
        .hasMessageContaining("Year is not in range");
    assertThatThrownBy(() -> CalendarParser.parseCron("0 2 * *"))
        .hasMessageContaining("5-7 fields");
    assertThatThrownBy(() -> CalendarParser.parseCron("0 25 * * *"))
        .hasMessageContaining("Hour is not in range [0-23]");
    assertThatThrownBy(
            () ->
                ScheduleSpecEvaluator.compile(
                    spec(b -> b.addCronString("TZ=Asia/Tokyo 0 2 * * *").setTimezoneName("UTC"))))
        .hasMessageContaining("conflicting timezone names");
    assertThatThrownBy(
            () ->
                ScheduleSpecEvaluator.compile(
                    spec(b -> b.addCronString("0 2 * * *").setTimezoneName("Mars/Olympus"))))
        .hasMessageContaining("unknown time zone Mars/Olympus");
    assertThatThrownBy(
            () ->
                ScheduleSpecEvaluator.compile(
                    spec(
                        b ->
                            b.addInterval(
                                IntervalSpec.newBuilder().setInterval(Durations.fromMillis(500))))))
        .hasMessageContaining("interval is too small");
  }

  @Test
  void intervalsWithAPhaseCountFromTheEpoch() {
    // spec_test.go TestSpecIntervalMultiple
    ScheduleSpec spec =
        spec(
            b ->
                b.addInterval(interval(Duration.ofMinutes(90), Duration.ofSeconds(5 * 60 + 44)))
                    .addInterval(
                        interval(Duration.ofMinutes(157), Duration.ofSeconds(22 * 60 + 11))));
    assertThat(times(spec, Instant.parse("2022-03-23T12:53:02Z"), 7))
        .containsExactly(
            Instant.parse("2022-03-23T13:35:44Z"),
            Instant.parse("2022-03-23T15:05:44Z"),
            Instant.parse("2022-03-23T15:26:11Z"),
            Instant.parse("2022-03-23T16:35:44Z"),
            Instant.parse("2022-03-23T18:03:11Z"),
            Instant.parse("2022-03-23T18:05:44Z"),
            Instant.parse("2022-03-23T19:35:44Z"));
  }

  @Test
  void calendarsCronAndIntervalsMerge() {
    // spec_test.go TestSpecMixedCalendarInterval
    ScheduleSpec spec =
        spec(
            b ->
                b.addCalendar(CalendarSpec.newBuilder().setHour("11,13").setMinute("55"))
                    .addInterval(interval(Duration.ofMinutes(90), Duration.ofMinutes(7))));
    assertThat(times(spec, Instant.parse("2022-03-23T10:00:00Z"), 6))
        .containsExactly(
            Instant.parse("2022-03-23T10:37:00Z"),
            Instant.parse("2022-03-23T11:55:00Z"),
            Instant.parse("2022-03-23T12:07:00Z"),
            Instant.parse("2022-03-23T13:37:00Z"),
            Instant.parse("2022-03-23T13:55:00Z"),
            Instant.parse("2022-03-23T15:07:00Z"));
  }

  @Test
  void skipListStartAndEndTimeBoundTheTimes() {
    // spec_test.go TestSpecExclude and TestSpecEndTime (without jitter)
    ScheduleSpec excluded =
        spec(
            b ->
                b.addInterval(interval(Duration.ofMinutes(90), Duration.ZERO))
                    .addExcludeCalendar(
                        CalendarSpec.newBuilder().setHour("12-14").setMinute("*").setSecond("*")));
    assertThat(times(excluded, Instant.parse("2022-03-23T08:00:00Z"), 4))
        .containsExactly(
            Instant.parse("2022-03-23T09:00:00Z"),
            Instant.parse("2022-03-23T10:30:00Z"),
            Instant.parse("2022-03-23T15:00:00Z"),
            Instant.parse("2022-03-23T16:30:00Z"));
    ScheduleSpec bounded =
        spec(
            b ->
                b.addInterval(interval(Duration.ofMinutes(90), Duration.ZERO))
                    .setStartTime(Timestamps.parseUnchecked("2022-03-23T12:00:00Z"))
                    .setEndTime(Timestamps.parseUnchecked("2022-03-23T14:00:00Z")));
    assertThat(times(bounded, Instant.parse("2022-03-23T08:00:00Z"), 5))
        .containsExactly(
            Instant.parse("2022-03-23T12:00:00Z"), Instant.parse("2022-03-23T13:30:00Z"));
  }

  @Test
  void jitterStaysBelowTheNextNominalTimeAndIsStable() {
    ScheduleSpec spec =
        spec(
            b ->
                b.addInterval(interval(Duration.ofMinutes(90), Duration.ZERO))
                    .setJitter(Durations.fromHours(24)));
    ScheduleSpecEvaluator evaluator = ScheduleSpecEvaluator.compile(spec);
    Instant after = Instant.parse("2022-03-23T11:00:00Z");
    for (int i = 0; i < 20; i++) {
      ScheduleSpecEvaluator.NextTime next = evaluator.next("seed", after);
      assertThat(next.next())
          .isBetween(next.nominal(), next.nominal().plus(Duration.ofMinutes(90)));
      assertThat(evaluator.next("seed", after)).isEqualTo(next);
      after = next.next();
    }
  }

  /** As calendar_test.go's checkSequence: every second before an expected time leads to it too. */
  private static void checkSequence(String cron, Instant start, Instant... expected) {
    CalendarParser.Cron parsed = CalendarParser.parseCron(cron);
    CompiledCalendar cal = new CompiledCalendar(parsed.calendar(), ZoneId.of(parsed.timeZone()));
    for (Instant exp : expected) {
      Instant next = cal.next(start);
      assertThat(next).as("after %s", start).isEqualTo(exp);
      for (long ts = start.getEpochSecond(); ts < next.getEpochSecond(); ts += 13) {
        assertThat(cal.next(Instant.ofEpochSecond(ts))).as("after second %s", ts).isEqualTo(exp);
      }
      start = next;
    }
  }

  private static List<Instant> times(ScheduleSpec spec, Instant after, int n) {
    List<Instant> out = new ArrayList<>(ScheduleSpecEvaluator.compile(spec).times("", after, n));
    return out;
  }

  private static ScheduleSpec spec(java.util.function.Consumer<ScheduleSpec.Builder> build) {
    ScheduleSpec.Builder b = ScheduleSpec.newBuilder();
    build.accept(b);
    return b.build();
  }

  private static IntervalSpec interval(Duration every, Duration phase) {
    return IntervalSpec.newBuilder()
        .setInterval(Durations.fromMillis(every.toMillis()))
        .setPhase(Durations.fromMillis(phase.toMillis()))
        .build();
  }

  private static Range range(int start, int end, int step) {
    return Range.newBuilder().setStart(start).setEnd(end).setStep(step).build();
  }

  /** A Pacific wall-clock time; in a repeated hour, the first (daylight) one, as Go's time.Date. */
  private static Instant pacific(int y, int mo, int d, int h, int m, int s) {
    return LocalDateTime.of(y, mo, d, h, m, s)
        .atZone(PACIFIC)
        .withEarlierOffsetAtOverlap()
        .toInstant();
  }
}
