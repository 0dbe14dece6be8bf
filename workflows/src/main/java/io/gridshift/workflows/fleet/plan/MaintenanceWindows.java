package io.gridshift.workflows.fleet.plan;

import io.gridshift.workflows.fleet.FleetSpec.MaintenanceWindow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * When a cluster's {@link MaintenanceWindow} lets an upgrade start. Pure {@code java.time}: the
 * caller passes the instant (in a workflow, {@code Workflow.currentTimeMillis()}), and the zone is
 * the window's own, never the system's. The window's fields are read with {@link WindowRules};
 * {@link FleetSpecProblems} refuses a window they cannot read before any of this runs.
 *
 * <p>The rules:
 *
 * <ol>
 *   <li>A null window is always open.
 *   <li>An instant whose local date (in the window's zone, default UTC) is a blackout date, or lies
 *       in a blackout range, is closed, even inside a slot that began the day before.
 *   <li>Otherwise, a window without weekly slots is open; with slots, it is open when a slot holds
 *       the instant. A slot of day D runs from D at {@code start} to D at {@code end}, or to the
 *       next day at {@code end} when {@code end <= start} (so a Friday 22:00-04:00 slot is open on
 *       Saturday at 02:00, and 08:00-08:00 lasts a whole day). Start included, end excluded.
 *   <li>A time of day is the first instant on that date at which the wall clock reads that time or
 *       later. On the day the clocks go forward, a time in the skipped hour (02:30 in Europe/Berlin
 *       on the last Sunday of March) is the instant of the jump (03:00 local); on the day they go
 *       back, a time of the repeated hour means its first occurrence (summer time), both for a
 *       slot's start and for its end. A slot therefore opens and closes when a person watching the
 *       wall clock would expect it to, at the cost of being an hour longer or shorter on those two
 *       days.
 * </ol>
 *
 * {@link #nextOpen} and {@link #closesAt} look {@value #HORIZON_DAYS} days ahead: a window that
 * does not open (or close) within a year is treated as never opening (closing).
 */
public final class MaintenanceWindows {
  /** How far {@link #nextOpen} and {@link #closesAt} look ahead, in days. */
  public static final int HORIZON_DAYS = 366;

  private MaintenanceWindows() {}

  /** Whether an upgrade may start at {@code t} under {@code w} (null: always). */
  public static boolean isOpen(MaintenanceWindow w, Instant t) {
    return w == null || open(WindowRules.of(w), t);
  }

  private static boolean open(WindowRules rules, Instant t) {
    LocalDate date = t.atZone(rules.zone()).toLocalDate();
    if (rules.blackedOut(date)) {
      return false;
    }
    if (rules.slots().isEmpty()) {
      return true;
    }
    for (WindowRules.Slot slot : rules.slots()) {
      for (LocalDate day : List.of(date.minusDays(1), date)) {
        if (slot.on(day.getDayOfWeek())
            && !t.isBefore(start(rules, slot, day))
            && t.isBefore(end(rules, slot, day))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * {@code from} when the window is open then, else the next instant it opens; null when it does
   * not open within {@value #HORIZON_DAYS} days (every slot falls on blackout dates).
   */
  public static Instant nextOpen(MaintenanceWindow w, Instant from) {
    if (w == null) {
      return from;
    }
    WindowRules rules = WindowRules.of(w);
    if (open(rules, from)) {
      return from;
    }
    // The window opens only at a slot's start or at midnight after a blackout day: try those.
    return firstBoundary(rules, from, t -> open(rules, t), true);
  }

  /**
   * When the open period holding {@code t} ends: the first instant after {@code t} at which the
   * window is closed; {@code t} itself when it is closed at {@code t}; null when it stays open for
   * {@value #HORIZON_DAYS} days (a null window, or no slots and no blackout ahead).
   */
  public static Instant closesAt(MaintenanceWindow w, Instant t) {
    if (w == null) {
      return null;
    }
    WindowRules rules = WindowRules.of(w);
    if (!open(rules, t)) {
      return t;
    }
    // The window closes only at a slot's end or at midnight before a blackout day.
    return firstBoundary(rules, t, u -> !open(rules, u), false);
  }

  /**
   * The first instant after {@code from}, within the horizon, that is a possible boundary of the
   * window and satisfies {@code wanted}; days are walked in order so the search stops early.
   */
  private static Instant firstBoundary(
      WindowRules rules, Instant from, Predicate<Instant> wanted, boolean starts) {
    LocalDate first = from.atZone(rules.zone()).toLocalDate();
    for (int i = 0; i <= HORIZON_DAYS; i++) {
      LocalDate day = first.plusDays(i);
      Instant dayStart = day.atStartOfDay(rules.zone()).toInstant();
      Instant nextDayStart = day.plusDays(1).atStartOfDay(rules.zone()).toInstant();
      List<Instant> candidates = new ArrayList<>();
      candidates.add(dayStart);
      for (WindowRules.Slot slot : rules.slots()) {
        for (LocalDate slotDay : List.of(day.minusDays(1), day)) {
          if (slot.on(slotDay.getDayOfWeek())) {
            candidates.add(starts ? start(rules, slot, slotDay) : end(rules, slot, slotDay));
          }
        }
      }
      Instant found =
          candidates.stream()
              .filter(c -> c.isAfter(from) && !c.isBefore(dayStart) && c.isBefore(nextDayStart))
              .sorted()
              .filter(wanted)
              .findFirst()
              .orElse(null);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static Instant start(WindowRules rules, WindowRules.Slot slot, LocalDate day) {
    return wallClock(day, slot.start(), rules.zone());
  }

  private static Instant end(WindowRules rules, WindowRules.Slot slot, LocalDate day) {
    LocalDate endDay = slot.end().isAfter(slot.start()) ? day : day.plusDays(1);
    return wallClock(endDay, slot.end(), rules.zone());
  }

  /**
   * The first instant on {@code date} at which the wall clock of {@code zone} reads {@code time} or
   * later (rule 4 of the class comment).
   */
  static Instant wallClock(LocalDate date, LocalTime time, ZoneId zone) {
    LocalDateTime local = date.atTime(time);
    ZoneOffsetTransition transition = zone.getRules().getTransition(local);
    if (transition != null && transition.isGap()) {
      return transition.getInstant();
    }
    // Outside a gap, ofLocal without a preferred offset takes the earlier offset of an overlap.
    return ZonedDateTime.ofLocal(local, zone, null).toInstant();
  }
}
