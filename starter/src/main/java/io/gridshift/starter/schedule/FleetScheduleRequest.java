package io.gridshift.starter.schedule;

import io.gridshift.workflows.fleet.FleetSpec;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A recurring fleet upgrade to create: the schedule's id, the fleet spec each run gets, when it
 * runs and what happens when a run is still going at the next time. Defaults in one place ({@link
 * #withDefaults()}); every problem at once ({@link #problems()}).
 *
 * @param id the schedule's id, a DNS label (it names the schedule in the Temporal UI and CLI)
 * @param spec the fleet spec each run upgrades
 * @param cron cron strings, e.g. {@code 0 2 * * SAT}
 * @param calendars calendars as {@code field=value} pairs, e.g. {@code day_of_week=SAT hour=2}
 * @param timeZone IANA zone the times are read in (default UTC)
 * @param overlap what a due run does while the previous one still runs: {@code skip} (default),
 *     {@code buffer-one}, {@code buffer-all}, {@code allow-all}, {@code cancel-other}, {@code
 *     terminate-other}
 * @param catchupWindow how late a run may still start after Temporal was unavailable ({@code 10m},
 *     {@code PT1H}; default 1 minute; Temporal's minimum is 10 seconds)
 * @param paused create it paused
 * @param note why (shown with the paused state)
 */
public record FleetScheduleRequest(
    String id,
    FleetSpec spec,
    List<String> cron,
    List<String> calendars,
    String timeZone,
    String overlap,
    String catchupWindow,
    boolean paused,
    String note) {

  public static final String DEFAULT_OVERLAP = "skip";
  public static final Duration DEFAULT_CATCHUP_WINDOW = Duration.ofMinutes(1);

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Duration MIN_CATCHUP_WINDOW = Duration.ofSeconds(10);

  public FleetScheduleRequest {
    cron = cron == null ? List.of() : List.copyOf(cron);
    calendars = calendars == null ? List.of() : List.copyOf(calendars);
  }

  /** The request with UTC, SKIP and a one-minute catch-up window where it left them out. */
  public FleetScheduleRequest withDefaults() {
    return new FleetScheduleRequest(
        id,
        spec,
        cron,
        calendars,
        blank(timeZone) ? "UTC" : timeZone,
        blank(overlap) ? DEFAULT_OVERLAP : overlap,
        blank(catchupWindow) ? DEFAULT_CATCHUP_WINDOW.toString() : catchupWindow,
        paused,
        note);
  }

  /** Every problem, each saying what to write instead; empty when the request can be sent. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (blank(id) || !DNS_LABEL.matcher(id).matches()) {
      problems.add(
          "schedule id '"
              + id
              + "' is not a DNS label; use lower-case letters, digits and '-', at most 63, e.g."
              + " fleet-weekly");
    }
    if (cron.isEmpty() && calendars.isEmpty()) {
      problems.add(
          "no times: give --cron \"0 2 * * SAT\" or --calendar \"day_of_week=SAT hour=2\"");
    }
    cron.forEach(c -> problems.addAll(CalendarText.cronProblems(c)));
    for (String calendar : calendars) {
      try {
        CalendarText.calendar(calendar);
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    if (!blank(timeZone)) {
      try {
        ZoneId.of(timeZone);
      } catch (DateTimeException e) {
        problems.add(
            "time zone '" + timeZone + "' is unknown; use an IANA name, e.g. Europe/Berlin");
      }
    }
    if (!blank(overlap) && overlapPolicy(overlap) == null) {
      problems.add(
          "overlap '"
              + overlap
              + "' is unknown; use one of "
              + List.of(
                  "skip",
                  "buffer-one",
                  "buffer-all",
                  "allow-all",
                  "cancel-other",
                  "terminate-other"));
    }
    if (!blank(catchupWindow)) {
      Duration window = duration(catchupWindow);
      if (window == null || window.compareTo(MIN_CATCHUP_WINDOW) < 0) {
        problems.add(
            "catch-up window '"
                + catchupWindow
                + "' is not a duration of 10s or more (e.g. 10m, 1h, PT30M)");
      }
    }
    if (paused && blank(note)) {
      problems.add("--paused needs --note TEXT saying why (the Temporal UI shows it)");
    }
    if (spec == null) {
      problems.add("no fleet spec; give --file fleet.yaml");
    } else {
      problems.addAll(FleetSpecs.problems(spec));
    }
    return problems;
  }

  /** The overlap policy named {@code skip}, {@code buffer-one}..., or null when unknown. */
  static ScheduleOverlapPolicy overlapPolicy(String name) {
    try {
      return ScheduleOverlapPolicy.valueOf(
          "SCHEDULE_OVERLAP_POLICY_" + name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static final Pattern DURATION = Pattern.compile("(\\d+)([dhms])");

  /** {@code 10m}, {@code 1h30m}, {@code 90s}, {@code 2d} or ISO-8601 {@code PT10M}; else null. */
  static Duration duration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.startsWith("p")) {
      try {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      } catch (RuntimeException e) {
        return null;
      }
    }
    java.util.regex.Matcher m = DURATION.matcher(t);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      long n = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
              });
      end = m.end();
    }
    return end > 0 && end == t.length() ? total : null;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
