package io.gridshift.sandbox.temporal;

import io.temporal.api.schedule.v1.Range;
import io.temporal.api.schedule.v1.StructuredCalendarSpec;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * One structured calendar in a time zone: which instants match it and the first one after a given
 * instant, to the second. A port of the server's {@code compiledCalendar} ({@code calendar.go}):
 *
 * <ol>
 *   <li>Every field must match; day of month and day of week both (unlike classic cron, where
 *       either may).
 *   <li>Search from the second after {@code after}, field by field from the year inwards, carrying
 *       overflow outwards.
 *   <li>A local time that a spring-forward gap skips does not exist: it never fires (not moved to
 *       the next hour).
 *   <li>A repeated hour at fall-back: local times resolve the way Go's {@code time.Date} resolves
 *       them ({@link #goDate}), and the search tries the repeated hour's second copy with a
 *       one-hour offset, as the server does.
 * </ol>
 */
final class CompiledCalendar {
  private final ZoneId zone;
  private final IntPredicate year;
  private final IntPredicate month;
  private final IntPredicate dayOfMonth;
  private final IntPredicate dayOfWeek;
  private final IntPredicate hour;
  private final IntPredicate minute;
  private final IntPredicate second;

  CompiledCalendar(StructuredCalendarSpec cal, ZoneId zone) {
    this.zone = zone;
    this.year = cal.getYearList().isEmpty() ? y -> true : matcher(cal.getYearList());
    this.month = matcher(cal.getMonthList());
    this.dayOfMonth = matcher(cal.getDayOfMonthList());
    this.dayOfWeek = matcher(cal.getDayOfWeekList());
    this.hour = matcher(cal.getHourList());
    this.minute = matcher(cal.getMinuteList());
    this.second = matcher(cal.getSecondList());
  }

  /** Whether {@code t} (to the second) matches every field, read in this calendar's zone. */
  boolean matches(Instant t) {
    ZonedDateTime z = t.atZone(zone);
    return year.test(z.getYear())
        && month.test(z.getMonthValue())
        && dayOfMonth.test(z.getDayOfMonth())
        && dayOfWeek.test(z.getDayOfWeek().getValue() % 7)
        && hour.test(z.getHour())
        && minute.test(z.getMinute())
        && second.test(z.getSecond());
  }

  /** The first matching instant strictly after {@code after}, or null up to the year 2100. */
  Instant next(Instant after) {
    ZonedDateTime ts = after.atZone(zone);
    int y = ts.getYear();
    int mo = ts.getMonthValue();
    int d = ts.getDayOfMonth();
    int h = ts.getHour();
    int m = ts.getMinute();
    int s = ts.getSecond() + 1;
    // In the second copy of a repeated hour, an hour ago shows the same hour on the clock.
    long dstOffset = after.minusSeconds(3600).atZone(zone).getHour() == h ? 3600 : 0;
    while (true) {
      if (s >= 60) {
        m++;
        s = 0;
      }
      if (m >= 60) {
        Instant prev = goDate(y, mo, d, h, 0, 0);
        h++;
        m = 0;
        Instant next = goDate(y, mo, d, h, 0, 0);
        // Two hours between consecutive clock hours: a repeated hour was jumped; try it again.
        if (dstOffset == 0 && next.getEpochSecond() - prev.getEpochSecond() > 3600) {
          h--;
          dstOffset = 3600;
        } else {
          dstOffset = 0;
        }
      }
      if (h >= 24) {
        d++;
        h = 0;
      }
      if (d > daysIn(y, mo)) {
        mo++;
        d = 1;
      }
      if (mo > 12) {
        y++;
        mo = 1;
      }
      if (y > CalendarParser.MAX_YEAR) {
        return null;
      }
      if (!year.test(y)) {
        y++;
        mo = 1;
        d = 1;
        h = 0;
        m = 0;
        s = 0;
        dstOffset = 0;
        continue;
      }
      boolean carried = false;
      while (!month.test(mo)) {
        mo++;
        d = 1;
        h = 0;
        m = 0;
        s = 0;
        dstOffset = 0;
        if (mo > 12) {
          carried = true;
          break;
        }
      }
      if (carried) {
        continue;
      }
      while (!dayOfMonth.test(d)
          || !dayOfWeek.test(
              LocalDate.of(y, mo, 1).plusDays(d - 1).getDayOfWeek().getValue() % 7)) {
        d++;
        h = 0;
        m = 0;
        s = 0;
        dstOffset = 0;
        if (d > daysIn(y, mo)) {
          carried = true;
          break;
        }
      }
      if (carried) {
        continue;
      }
      while (!hour.test(h)) {
        h++;
        m = 0;
        s = 0;
        dstOffset = 0;
        if (h >= 24) {
          carried = true;
          break;
        }
      }
      if (carried) {
        continue;
      }
      while (!minute.test(m)) {
        m++;
        s = 0;
        if (m >= 60) {
          carried = true;
          break;
        }
      }
      if (carried) {
        continue;
      }
      while (!second.test(s)) {
        s++;
        if (s >= 60) {
          carried = true;
          break;
        }
      }
      if (carried) {
        continue;
      }
      Instant found = goDate(y, mo, d, h, m, s);
      // A local time inside a spring-forward gap resolves to another hour: it does not exist.
      if (found.atZone(zone).getHour() != h) {
        h++;
        m = 0;
        s = 0;
        continue;
      }
      return found.plusSeconds(dstOffset);
    }
  }

  /**
   * The instant of a local date and time the way Go's {@code time.Date} picks it (fields may
   * overflow, e.g. hour 24): guess the offset in force at the local time read as UTC, and correct
   * it once if the result falls outside that offset's period. In a fall-back overlap this picks the
   * later offset east of Greenwich and the earlier one west of it, which is what the server's
   * search is written against; in a spring-forward gap it moves forward by the gap, like Java.
   */
  Instant goDate(int y, int mo, int d, int h, int m, int s) {
    LocalDateTime local =
        LocalDate.of(y, mo, 1)
            .atStartOfDay()
            .plusDays(d - 1L)
            .plusHours(h)
            .plusMinutes(m)
            .plusSeconds(s);
    long unix = local.toEpochSecond(ZoneOffset.UTC);
    ZoneRules rules = zone.getRules();
    int offset = rules.getOffset(Instant.ofEpochSecond(unix)).getTotalSeconds();
    long utc = unix - offset;
    int atUtc = rules.getOffset(Instant.ofEpochSecond(utc)).getTotalSeconds();
    if (atUtc != offset) {
      offset = atUtc;
    }
    return Instant.ofEpochSecond(unix - offset);
  }

  /** Days in the month; a month carried past December (13) is normalized by the caller next. */
  private static int daysIn(int y, int mo) {
    return mo > 12 ? 31 : LocalDate.of(y, mo, 1).lengthOfMonth();
  }

  private static IntPredicate matcher(List<Range> ranges) {
    Set<Integer> values = new HashSet<>();
    for (Range r : ranges) {
      int step = r.getStep() == 0 ? 1 : r.getStep();
      int end = Math.max(r.getEnd(), r.getStart());
      for (int v = r.getStart(); v <= end; v += step) {
        values.add(v);
      }
    }
    return values::contains;
  }
}
