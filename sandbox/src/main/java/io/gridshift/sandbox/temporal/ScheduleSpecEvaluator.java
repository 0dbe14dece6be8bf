package io.gridshift.sandbox.temporal;

import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import io.temporal.api.schedule.v1.CalendarSpec;
import io.temporal.api.schedule.v1.IntervalSpec;
import io.temporal.api.schedule.v1.Range;
import io.temporal.api.schedule.v1.ScheduleSpec;
import io.temporal.api.schedule.v1.StructuredCalendarSpec;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * When a schedule's spec fires, as Temporal's server computes it ({@code spec.go}).
 *
 * <ol>
 *   <li>Canonicalize ({@link #canonicalize}): calendar strings and cron strings become structured
 *       calendars ({@code @every} cron strings become intervals); a cron {@code TZ=} zone becomes
 *       the spec's zone (conflicting zones are refused); ranges and intervals are validated.
 *   <li>The next nominal time after {@code t}: the earliest of every calendar's next match (in the
 *       spec's zone, UTC by default) and every interval's next multiple {@code k * interval +
 *       phase} since the epoch; times matched by a skip calendar are passed over; nothing before
 *       the start time, nothing after the end time or the year 2100.
 *   <li>The actual time is the nominal time plus a jitter in {@code [0, jitter)}, never past the
 *       following nominal time, the same for the same seed and time. (The server hashes with
 *       FarmHash; this uses CRC32, so the jitter differs, but not its bounds.)
 * </ol>
 *
 * Times have one-second resolution.
 */
final class ScheduleSpecEvaluator {
  private final ScheduleSpec spec;
  private final List<CompiledCalendar> calendars = new ArrayList<>();
  private final List<CompiledCalendar> excludes = new ArrayList<>();

  /** A nominal time and the time it actually fires (with jitter). */
  record NextTime(Instant nominal, Instant next) {}

  private ScheduleSpecEvaluator(ScheduleSpec spec) {
    this.spec = spec;
    ZoneId zone = zone(spec.getTimezoneName());
    spec.getStructuredCalendarList().forEach(c -> calendars.add(new CompiledCalendar(c, zone)));
    spec.getExcludeStructuredCalendarList()
        .forEach(c -> excludes.add(new CompiledCalendar(c, zone)));
  }

  /**
   * Canonicalizes and compiles {@code spec}.
   *
   * @throws IllegalArgumentException saying what is invalid (the server answers INVALID_ARGUMENT)
   */
  static ScheduleSpecEvaluator compile(ScheduleSpec spec) {
    return new ScheduleSpecEvaluator(canonicalize(spec));
  }

  /** The spec as the server stores and describes it: structured calendars and intervals only. */
  ScheduleSpec canonical() {
    return spec;
  }

  static ScheduleSpec canonicalize(ScheduleSpec spec) {
    ScheduleSpec.Builder b =
        spec.toBuilder().clearCalendar().clearExcludeCalendar().clearCronString();
    for (CalendarSpec cal : spec.getCalendarList()) {
      b.addStructuredCalendar(CalendarParser.parseCalendar(cal));
    }
    for (CalendarSpec cal : spec.getExcludeCalendarList()) {
      b.addExcludeStructuredCalendar(CalendarParser.parseCalendar(cal));
    }
    String cronZone = null;
    for (String cron : spec.getCronStringList()) {
      CalendarParser.Cron parsed = CalendarParser.parseCron(cron);
      if (cronZone != null && !cronZone.equals(parsed.timeZone())) {
        throw new IllegalArgumentException("conflicting timezone names");
      }
      cronZone = parsed.timeZone();
      if (parsed.calendar() != null) {
        b.addStructuredCalendar(parsed.calendar());
      }
      if (parsed.interval() != null) {
        b.addInterval(parsed.interval());
      }
    }
    if (cronZone != null && !cronZone.isEmpty()) {
      if (!spec.getTimezoneName().isEmpty() && !spec.getTimezoneName().equals(cronZone)) {
        throw new IllegalArgumentException("conflicting timezone names");
      }
      b.setTimezoneName(cronZone);
    }
    if (!spec.getTimezoneData().isEmpty()) {
      throw new IllegalArgumentException("the sandbox does not read timezone_data; name the zone");
    }
    b.getStructuredCalendarList().forEach(ScheduleSpecEvaluator::validate);
    b.getIntervalList().forEach(ScheduleSpecEvaluator::validate);
    zone(b.getTimezoneName());
    return b.build();
  }

  /**
   * The first time after {@code after} (exclusive, to the second), or null when none is left.
   *
   * @param jitterSeed makes the jitter of one schedule stable (the server uses namespace and id)
   */
  NextTime next(String jitterSeed, Instant after) {
    Instant from = after;
    if (spec.hasStartTime()) {
      Instant start = toInstant(spec.getStartTime()).minusSeconds(1);
      from = from.isBefore(start) ? start : from;
    }
    Instant nominal = null;
    while (nominal == null || excluded(nominal)) {
      nominal = rawNext(from);
      if (nominal == null || pastEnd(nominal)) {
        return null;
      }
      from = nominal;
    }
    long maxJitterMs = spec.hasJitter() ? Durations.toMillis(spec.getJitter()) : 0;
    Instant following = rawNext(nominal);
    if (following != null) {
      maxJitterMs = Math.min(maxJitterMs, following.toEpochMilli() - nominal.toEpochMilli());
    }
    return new NextTime(nominal, nominal.plusMillis(jitter(jitterSeed, nominal, maxJitterMs)));
  }

  /** Up to {@code n} actual times after {@code after}, in order. */
  List<Instant> times(String jitterSeed, Instant after, int n) {
    List<Instant> out = new ArrayList<>();
    Instant t = after;
    while (out.size() < n) {
      NextTime next = next(jitterSeed, t);
      if (next == null) {
        break;
      }
      out.add(next.next());
      t = next.next();
    }
    return out;
  }

  private Instant rawNext(Instant after) {
    Instant t = Instant.ofEpochSecond(after.getEpochSecond());
    Instant min = null;
    for (CompiledCalendar cal : calendars) {
      Instant next = cal.next(t);
      if (next != null && (min == null || next.isBefore(min))) {
        min = next;
      }
    }
    long ts = t.getEpochSecond();
    for (IntervalSpec iv : spec.getIntervalList()) {
      long interval = Math.max(iv.getInterval().getSeconds(), 1);
      long phase = Math.max(iv.getPhase().getSeconds(), 0);
      Instant next = Instant.ofEpochSecond(((ts - phase) / interval + 1) * interval + phase);
      if (min == null || next.isBefore(min)) {
        min = next;
      }
    }
    return min;
  }

  private boolean excluded(Instant nominal) {
    return excludes.stream().anyMatch(c -> c.matches(nominal));
  }

  private boolean pastEnd(Instant t) {
    return spec.hasEndTime() && t.isAfter(toInstant(spec.getEndTime()))
        || t.atZone(ZoneOffset.UTC).getYear() > CalendarParser.MAX_YEAR;
  }

  private static long jitter(String seed, Instant nominal, long maxJitterMs) {
    if (maxJitterMs <= 0) {
      return 0;
    }
    CRC32 crc = new CRC32();
    crc.update((nominal.getEpochSecond() + "/" + seed).getBytes(StandardCharsets.UTF_8));
    return (crc.getValue() * Math.min(maxJitterMs, 0xffffffffL)) >>> 32;
  }

  private static void validate(StructuredCalendarSpec cal) {
    List<String> errors = new ArrayList<>();
    check(cal.getSecondList(), "Second", 0, 59, errors);
    check(cal.getMinuteList(), "Minute", 0, 59, errors);
    check(cal.getHourList(), "Hour", 0, 23, errors);
    check(cal.getDayOfMonthList(), "DayOfMonth", 1, 31, errors);
    check(cal.getMonthList(), "Month", 1, 12, errors);
    check(cal.getYearList(), "Year", CalendarParser.MIN_YEAR, CalendarParser.MAX_YEAR, errors);
    check(cal.getDayOfWeekList(), "DayOfWeek", 0, 6, errors);
    if (cal.getComment().length() > 200) {
      errors.add("comment is too long");
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException("invalid calendar spec: " + String.join(", ", errors));
    }
  }

  private static void check(
      List<Range> ranges, String field, int min, int max, List<String> errors) {
    for (Range r : ranges) {
      if (r.getStart() < min || r.getStart() > max) {
        errors.add(field + " Start is not in range [" + min + "-" + max + "]");
      }
      if (r.getEnd() != 0 && (r.getEnd() < r.getStart() || r.getEnd() > max)) {
        errors.add(field + " End is before Start or not in range [" + min + "-" + max + "]");
      }
      if (r.getStep() < 0) {
        errors.add(field + " has invalid Step");
      }
    }
  }

  private static void validate(IntervalSpec interval) {
    long every = Durations.toMillis(interval.getInterval());
    long phase = Durations.toMillis(interval.getPhase());
    if (every < 1000) {
      throw new IllegalArgumentException("interval is too small");
    } else if (phase < 0) {
      throw new IllegalArgumentException("phase is negative");
    } else if (phase >= every) {
      throw new IllegalArgumentException("phase cannot be greater than Interval");
    }
  }

  /** The spec's zone: an empty name is UTC, as Go's {@code time.LoadLocation("")}. */
  private static ZoneId zone(String name) {
    if (name.isEmpty() || name.equals("UTC")) {
      return ZoneOffset.UTC;
    }
    try {
      return ZoneId.of(name);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("unknown time zone " + name);
    }
  }

  static Instant toInstant(com.google.protobuf.Timestamp t) {
    return Instant.ofEpochMilli(Timestamps.toMillis(t));
  }
}
