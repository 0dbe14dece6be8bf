package io.gridshift.starter.schedule;

import io.temporal.client.schedules.ScheduleCalendarSpec;
import io.temporal.client.schedules.ScheduleRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the schedule times a person writes: cron strings (checked here so that a typo is refused
 * before anything is sent) and calendars written as {@code field=value} pairs, e.g. {@code
 * "day_of_week=SAT hour=2 minute=30"}. Values use the cron range syntax Temporal documents: {@code
 * *}, {@code 5}, {@code 1-5}, {@code 1-5/2}, {@code 0/15}, lists {@code 1,3,5}, and names for
 * months ({@code JAN}) and days ({@code MON}). Fields left out of a calendar mean: second, minute
 * and hour 0, every day, month and year (as Temporal's calendar spec).
 */
final class CalendarText {
  private static final List<String> MONTHS =
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

  /** One calendar field: its name, bounds and whether names are allowed. */
  private enum Field {
    SECOND(0, 59, null),
    MINUTE(0, 59, null),
    HOUR(0, 23, null),
    DAY_OF_MONTH(1, 31, null),
    MONTH(1, 12, MONTHS),
    YEAR(2000, 2100, null),
    DAY_OF_WEEK(0, 7, DAYS);

    final int min;
    final int max;
    final List<String> names;

    Field(int min, int max, List<String> names) {
      this.min = min;
      this.max = max;
      this.names = names;
    }

    String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private CalendarText() {}

  /**
   * Checks a cron string: five fields (minute hour day-of-month month day-of-week), six (plus
   * year) or seven (second first), or {@code @hourly}, {@code @daily}, {@code @weekly}, {@code
   * @monthly}, {@code @yearly}, or {@code @every <duration>}; an optional {@code # comment}.
   *
   * @return the problems, empty when the string is valid
   */
  static List<String> cronProblems(String cron) {
    String c = cron.contains("#") ? cron.substring(0, cron.indexOf('#')) : cron;
    c = c.trim();
    if (c.startsWith("TZ=") || c.startsWith("CRON_TZ=")) {
      return List.of("cron '" + cron + "': give the zone with --time-zone, not TZ= in the string");
    }
    if (List.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly")
            .contains(c)
        || c.matches("@every \\d+[smhd](\\d+[smhd])*(/\\d+[smhd](\\d+[smhd])*)?")) {
      return List.of();
    }
    String[] parts = c.split("\\s+");
    List<Field> order =
        switch (parts.length) {
          case 5 ->
              List.of(Field.MINUTE, Field.HOUR, Field.DAY_OF_MONTH, Field.MONTH, Field.DAY_OF_WEEK);
          case 6 ->
              List.of(
                  Field.MINUTE,
                  Field.HOUR,
                  Field.DAY_OF_MONTH,
                  Field.MONTH,
                  Field.DAY_OF_WEEK,
                  Field.YEAR);
          case 7 ->
              List.of(
                  Field.SECOND,
                  Field.MINUTE,
                  Field.HOUR,
                  Field.DAY_OF_MONTH,
                  Field.MONTH,
                  Field.DAY_OF_WEEK,
                  Field.YEAR);
          default -> null;
        };
    if (order == null) {
      return List.of(
          "cron '"
              + cron
              + "' has "
              + parts.length
              + " fields; write 5 (minute hour day-of-month month day-of-week, e.g. '0 2 * * SAT'),"
              + " 6 (plus year) or 7 (second first), or @daily, @every 1h...");
    }
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < parts.length; i++) {
      try {
        ranges(order.get(i), parts[i]);
      } catch (IllegalArgumentException e) {
        problems.add("cron '" + cron + "': " + e.getMessage());
      }
    }
    return problems;
  }

  /**
   * Reads {@code "day_of_week=SAT hour=2 minute=30"} as a calendar.
   *
   * @throws IllegalArgumentException naming the field and what it accepts
   */
  static ScheduleCalendarSpec calendar(String text) {
    ScheduleCalendarSpec.Builder b =
        ScheduleCalendarSpec.newBuilder()
            .setSeconds(List.of(new ScheduleRange(0)))
            .setMinutes(List.of(new ScheduleRange(0)))
            .setHour(List.of(new ScheduleRange(0)))
            .setDayOfMonth(List.of(new ScheduleRange(1, 31)))
            .setMonth(List.of(new ScheduleRange(1, 12)))
            .setDayOfWeek(List.of(new ScheduleRange(0, 6)));
    if (text.isBlank()) {
      throw new IllegalArgumentException("calendar is empty; write e.g. 'day_of_week=SAT hour=2'");
    }
    for (String pair : text.trim().split("\\s+")) {
      int eq = pair.indexOf('=');
      Field field = eq < 0 ? null : field(pair.substring(0, eq));
      if (field == null) {
        throw new IllegalArgumentException(
            "calendar '"
                + text
                + "': '"
                + pair
                + "' is not field=value; the fields: "
                + fieldNames());
      }
      List<ScheduleRange> ranges;
      try {
        ranges = ranges(field, pair.substring(eq + 1));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("calendar '" + text + "': " + e.getMessage());
      }
      switch (field) {
        case SECOND -> b.setSeconds(ranges);
        case MINUTE -> b.setMinutes(ranges);
        case HOUR -> b.setHour(ranges);
        case DAY_OF_MONTH -> b.setDayOfMonth(ranges);
        case MONTH -> b.setMonth(ranges);
        case YEAR -> b.setYear(ranges);
        case DAY_OF_WEEK -> b.setDayOfWeek(ranges);
      }
    }
    return b.setComment(text.trim()).build();
  }

  private static List<ScheduleRange> ranges(Field field, String value) {
    List<ScheduleRange> ranges = new ArrayList<>();
    if (value.equals("*") && field == Field.YEAR) {
      return ranges;
    }
    for (String part : value.split(",", -1)) {
      String[] stepped = part.split("/", -1);
      if (stepped.length > 2) {
        throw new IllegalArgumentException(field.key() + " '" + part + "' has more than one '/'");
      }
      int step = stepped.length == 2 ? number(field, stepped[1], 1, Integer.MAX_VALUE) : 1;
      String span = stepped[0];
      int start = field.min;
      int end = field.max;
      if (!span.equals("*")) {
        String[] bounds = span.split("-", -1);
        if (bounds.length > 2) {
          throw new IllegalArgumentException(field.key() + " '" + part + "' has more than one '-'");
        }
        start = value(field, bounds[0]);
        end =
            bounds.length == 2 ? value(field, bounds[1]) : stepped.length == 2 ? field.max : start;
        if (end < start) {
          throw new IllegalArgumentException(field.key() + " '" + part + "' ends before it starts");
        }
      }
      if (field == Field.DAY_OF_WEEK && end == 7) {
        // Sunday written as 7: Temporal's structured ranges go 0 (Sunday) to 6.
        ranges.add(new ScheduleRange(0));
        end = 6;
        if (start == 7) {
          continue;
        }
      }
      ranges.add(new ScheduleRange(start, end, step));
    }
    return ranges;
  }

  private static int value(Field field, String text) {
    if (field.names != null) {
      int named = field.names.indexOf(text.toUpperCase(Locale.ROOT));
      if (named >= 0) {
        return field == Field.MONTH ? named + 1 : named;
      }
    }
    return number(field, text, field.min, field.max);
  }

  private static int number(Field field, String text, int min, int max) {
    try {
      int v = Integer.parseInt(text);
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new IllegalArgumentException(
        field.key()
            + " '"
            + text
            + "' is not "
            + (max == Integer.MAX_VALUE ? "a step of 1 or more" : "in " + min + "-" + max)
            + (field.names == null ? "" : " or one of " + field.names));
  }

  private static Field field(String key) {
    for (Field f : Field.values()) {
      if (f.key().equals(key.toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    return null;
  }

  private static List<String> fieldNames() {
    return java.util.Arrays.stream(Field.values()).map(Field::key).toList();
  }
}
