package io.gridshift.workflows.fleet.plan;

import io.gridshift.workflows.common.Limits;
import io.gridshift.workflows.fleet.FleetSpec.MaintenanceWindow;
import io.gridshift.workflows.fleet.FleetSpec.WeeklySlot;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link MaintenanceWindow} read into {@code java.time} values: its zone, its slots and its
 * blackout ranges. One reader serves both {@link MaintenanceWindows} (which fails on a window it
 * cannot read) and {@link FleetSpecProblems} (which lists every field it cannot read, with the
 * fix), so the two can never disagree about what a valid window is.
 *
 * @param zone the window's zone (UTC when none is given)
 * @param slots the weekly slots; empty means open all week
 * @param blackouts inclusive date ranges on which nothing starts
 */
record WindowRules(ZoneId zone, List<Slot> slots, List<DateRange> blackouts) {

  private static final Pattern HH_MM = Pattern.compile("([01]\\d|2[0-3]):([0-5]\\d)");
  private static final Pattern RANGE = Pattern.compile("\\s*(\\S+?)\\s*\\.\\.\\s*(\\S+)\\s*");

  /** A weekly slot: on {@code days} (empty: every day), from {@code start} to {@code end}. */
  record Slot(Set<DayOfWeek> days, LocalTime start, LocalTime end) {
    boolean on(DayOfWeek day) {
      return days.isEmpty() || days.contains(day);
    }
  }

  /** Dates {@code from} to {@code to}, both included. */
  record DateRange(LocalDate from, LocalDate to) {
    boolean holds(LocalDate date) {
      return !date.isBefore(from) && !date.isAfter(to);
    }
  }

  /**
   * Reads {@code w}.
   *
   * @throws IllegalArgumentException naming every field that cannot be read (see {@link #problems})
   */
  static WindowRules of(MaintenanceWindow w) {
    List<String> problems = problems("window", w);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    List<Slot> slots = new ArrayList<>();
    for (WeeklySlot s : nullToEmpty(w.weekly())) {
      slots.add(new Slot(days(s.days()), LocalTime.parse(s.start()), LocalTime.parse(s.end())));
    }
    List<DateRange> blackouts = new ArrayList<>();
    for (String b : nullToEmpty(w.blackouts())) {
      blackouts.add(range(b));
    }
    return new WindowRules(zone(w.timeZone()), List.copyOf(slots), List.copyOf(blackouts));
  }

  /** Whether nothing may start on {@code date}. */
  boolean blackedOut(LocalDate date) {
    return blackouts.stream().anyMatch(r -> r.holds(date));
  }

  /** Everything in {@code w} that cannot be read, each naming {@code field} and the fix. */
  static List<String> problems(String field, MaintenanceWindow w) {
    List<String> problems = new ArrayList<>();
    if (w == null) {
      return problems;
    }
    try {
      zone(w.timeZone());
    } catch (DateTimeException e) {
      problems.add(
          field
              + ".timeZone '"
              + Limits.abbreviate(w.timeZone())
              + "' is not a time zone; use an IANA zone id such as Europe/Berlin,"
              + " America/New_York or UTC");
    }
    List<WeeklySlot> weekly = nullToEmpty(w.weekly());
    for (int i = 0; i < weekly.size(); i++) {
      problems.addAll(slotProblems(field + ".weekly[" + i + "]", weekly.get(i)));
    }
    List<String> blackouts = nullToEmpty(w.blackouts());
    for (int i = 0; i < blackouts.size(); i++) {
      try {
        range(blackouts.get(i));
      } catch (IllegalArgumentException e) {
        problems.add(field + ".blackouts[" + i + "] " + e.getMessage());
      }
    }
    return problems;
  }

  private static List<String> slotProblems(String field, WeeklySlot slot) {
    List<String> problems = new ArrayList<>();
    if (slot == null) {
      problems.add(field + " is empty; give start and end (HH:mm) and optionally days");
      return problems;
    }
    for (String day : nullToEmpty(slot.days())) {
      if (day(day) == null) {
        problems.add(
            field
                + ".days: '"
                + Limits.abbreviate(day)
                + "' is not a day; use MON, TUE, WED, THU, FRI, SAT or SUN (or no days for"
                + " every day)");
      }
    }
    timeProblem(problems, field + ".start", slot.start());
    timeProblem(problems, field + ".end", slot.end());
    return problems;
  }

  private static void timeProblem(List<String> problems, String field, String time) {
    if (time == null || !HH_MM.matcher(time).matches()) {
      problems.add(
          field
              + " '"
              + Limits.abbreviate(time)
              + "' is not a time of day; use HH:mm from 00:00 to 23:59 (an end at or before the"
              + " start ends the next day, so 22:00-00:00 runs to midnight)");
    }
  }

  static ZoneId zone(String timeZone) {
    return timeZone == null || timeZone.isBlank() ? ZoneOffset.UTC : ZoneId.of(timeZone.trim());
  }

  private static Set<DayOfWeek> days(List<String> days) {
    Set<DayOfWeek> set = EnumSet.noneOf(DayOfWeek.class);
    for (String d : nullToEmpty(days)) {
      set.add(day(d));
    }
    return set;
  }

  /** {@code MON}..{@code SUN} (any case), or null. */
  private static DayOfWeek day(String text) {
    if (text == null) {
      return null;
    }
    String t = text.trim().toUpperCase(Locale.ROOT);
    for (DayOfWeek d : DayOfWeek.values()) {
      if (d.name().substring(0, 3).equals(t)) {
        return d;
      }
    }
    return null;
  }

  /** A blackout: {@code 2026-12-24} or {@code 2026-12-24..2026-12-26}. */
  private static DateRange range(String text) {
    String fix = "; use a date like 2026-12-24 or an inclusive range like 2026-12-24..2026-12-26";
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("is empty" + fix);
    }
    Matcher m = RANGE.matcher(text);
    String from = m.matches() ? m.group(1) : text.trim();
    String to = m.matches() ? m.group(2) : text.trim();
    LocalDate a;
    LocalDate b;
    try {
      a = LocalDate.parse(from);
      b = LocalDate.parse(to);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("'" + Limits.abbreviate(text) + "' is not a date" + fix);
    }
    if (b.isBefore(a)) {
      throw new IllegalArgumentException(
          "'" + Limits.abbreviate(text) + "' ends before it starts; write the earlier date first");
    }
    return new DateRange(a, b);
  }

  private static <T> List<T> nullToEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
