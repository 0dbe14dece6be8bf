package io.gridshift.sandbox.temporal;

import io.temporal.api.schedule.v1.CalendarSpec;
import io.temporal.api.schedule.v1.IntervalSpec;
import io.temporal.api.schedule.v1.Range;
import io.temporal.api.schedule.v1.StructuredCalendarSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the textual forms of a schedule spec into structured calendars and intervals, as Temporal's
 * server does when it canonicalizes a spec (a port of {@code service/worker/scheduler/calendar.go}:
 * {@code parseCronString}, {@code parseCalendarToStructured}, {@code makeRange}). Keeping the
 * server's rules (five to seven cron fields, {@code @every 14h/3h}, names as prefixes, Sunday as 0
 * or 7, an empty year meaning every year) means the sandbox accepts and refuses what a real server
 * does, and describes the spec back in the same canonical form.
 */
final class CalendarParser {
  static final int MIN_YEAR = 2000;
  static final int MAX_YEAR = 2100;

  private static final List<String> MONTHS =
      List.of(
          "january",
          "february",
          "march",
          "april",
          "may",
          "june",
          "july",
          "august",
          "september",
          "october",
          "november",
          "december");
  private static final List<String> DAYS =
      List.of("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday");

  private enum Mode {
    INT,
    YEAR,
    MONTH,
    DOW
  }

  /** A cron string's meaning: exactly one of calendar and interval, and its {@code TZ=} zone. */
  record Cron(StructuredCalendarSpec calendar, IntervalSpec interval, String timeZone) {}

  private CalendarParser() {}

  /**
   * Parses {@code [TZ=zone ]fields[ # comment]}, {@code @hourly}-style names or {@code @every
   * interval[/phase]}.
   *
   * @throws IllegalArgumentException saying what is wrong, in the server's words
   */
  static Cron parseCron(String cron) {
    String c = cron.trim();
    String zone = "";
    if (c.startsWith("TZ=") || c.startsWith("CRON_TZ=")) {
      int space = c.indexOf(' ');
      if (space < 0) {
        throw new IllegalArgumentException("CronString has time zone but missing fields");
      }
      zone = c.substring(c.indexOf('=') + 1, space);
      c = c.substring(space + 1);
    }
    String comment = "";
    int hash = c.indexOf('#');
    if (hash >= 0) {
      comment = c.substring(hash + 1).trim();
      c = c.substring(0, hash);
    }
    c = c.trim();
    if (c.startsWith("@every")) {
      return new Cron(null, parseEvery(c), "");
    }
    String[] fields = predefined(c).trim().split("\\s+");
    CalendarSpec.Builder cal = CalendarSpec.newBuilder().setComment(comment);
    int n = fields.length;
    if (n < 5 || n > 7) {
      throw new IllegalArgumentException("CronString does not have 5-7 fields");
    }
    int i = 0;
    if (n == 7) {
      cal.setSecond(fields[i++]);
    }
    cal.setMinute(fields[i++]).setHour(fields[i++]).setDayOfMonth(fields[i++]);
    cal.setMonth(fields[i++]).setDayOfWeek(fields[i++]);
    if (n >= 6) {
      cal.setYear(fields[i]);
    }
    return new Cron(parseCalendar(cal.build()), null, zone);
  }

  /** A {@link CalendarSpec} (strings per field, absent fields defaulted) as a structured one. */
  static StructuredCalendarSpec parseCalendar(CalendarSpec cal) {
    List<String> errors = new ArrayList<>();
    StructuredCalendarSpec.Builder b = StructuredCalendarSpec.newBuilder();
    b.addAllSecond(range(cal.getSecond(), "Second", "0", 0, 59, Mode.INT, errors));
    b.addAllMinute(range(cal.getMinute(), "Minute", "0", 0, 59, Mode.INT, errors));
    b.addAllHour(range(cal.getHour(), "Hour", "0", 0, 23, Mode.INT, errors));
    b.addAllDayOfWeek(range(cal.getDayOfWeek(), "DayOfWeek", "*", 0, 7, Mode.DOW, errors));
    b.addAllDayOfMonth(range(cal.getDayOfMonth(), "DayOfMonth", "*", 1, 31, Mode.INT, errors));
    b.addAllMonth(range(cal.getMonth(), "Month", "*", 1, 12, Mode.MONTH, errors));
    b.addAllYear(range(cal.getYear(), "Year", "*", MIN_YEAR, MAX_YEAR, Mode.YEAR, errors));
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(String.join(", ", errors));
    }
    return b.setComment(cal.getComment()).build();
  }

  private static String predefined(String c) {
    return switch (c) {
      case "@yearly", "@annually" -> "0 0 1 1 *";
      case "@monthly" -> "0 0 1 * *";
      case "@weekly" -> "0 0 * * 0";
      case "@daily", "@midnight" -> "0 0 * * *";
      case "@hourly" -> "0 * * * *";
      default -> c;
    };
  }

  private static IntervalSpec parseEvery(String c) {
    int space = c.indexOf(' ');
    if (space < 0) {
      throw new IllegalArgumentException("CronString does not have interval after @every");
    }
    String[] parts = c.substring(space + 1).trim().split("/", 2);
    IntervalSpec.Builder b = IntervalSpec.newBuilder().setInterval(protoDuration(parts[0]));
    if (parts.length == 2 && !parts[1].isEmpty()) {
      b.setPhase(protoDuration(parts[1]));
    }
    return b.build();
  }

  private static com.google.protobuf.Duration protoDuration(String text) {
    Duration d = parseDuration(text);
    return com.google.protobuf.Duration.newBuilder()
        .setSeconds(d.getSeconds())
        .setNanos(d.getNano())
        .build();
  }

  private static final Pattern DURATION_PART =
      Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|ms|s|m|h|d)");

  /** Go's duration syntax ({@code 1h30m}, {@code 90s}) plus days ({@code 2d}), as the server's. */
  static Duration parseDuration(String text) {
    Matcher m = DURATION_PART.matcher(text.trim());
    long nanos = 0;
    int end = 0;
    while (m.find() && m.start() == end) {
      double value = Double.parseDouble(m.group(1));
      long unit =
          switch (m.group(2)) {
            case "ns" -> 1L;
            case "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> 86_400_000_000_000L;
          };
      nanos += (long) (value * unit);
      end = m.end();
    }
    if (end == 0 || end != text.trim().length()) {
      throw new IllegalArgumentException("invalid duration '" + text + "'");
    }
    return Duration.ofNanos(nanos);
  }

  /** {@code makeRange}: {@code *}, {@code x}, {@code x-z}, {@code x-z/y}, {@code x/y}, lists. */
  private static List<Range> range(
      String text, String field, String def, int min, int max, Mode mode, List<String> errors) {
    try {
      return range(text, field, def, min, max, mode);
    } catch (IllegalArgumentException e) {
      errors.add(e.getMessage());
      return List.of();
    }
  }

  private static List<Range> range(
      String text, String field, String def, int min, int max, Mode mode) {
    String s = text.trim().isEmpty() ? def : text.trim();
    List<Range> ranges = new ArrayList<>();
    if (s.equals("*") && mode == Mode.YEAR) {
      return ranges; // every year is an empty list
    }
    for (String whole : s.split(",", -1)) {
      String part = whole;
      int step = 1;
      boolean hasStep = false;
      long slashes = part.chars().filter(ch -> ch == '/').count();
      if (slashes > 1) {
        throw new IllegalArgumentException(field + " has too many slashes");
      }
      if (slashes == 1) {
        String[] skip = part.split("/", 2);
        if (skip[1].isEmpty()) {
          throw new IllegalArgumentException(field + " missing step value");
        }
        part = skip[0];
        step = integer(skip[1], field);
        if (step < 1) {
          throw new IllegalArgumentException(field + " has invalid Step");
        }
        hasStep = true;
      }
      int start = min;
      int end = max;
      if (!part.equals("*")) {
        if (part.contains("-")) {
          String[] bounds = part.split("-", -1);
          if (bounds.length != 2) {
            throw new IllegalArgumentException(field + " has too many dashes");
          }
          start = value(bounds[0], min, max, mode, field + " Start is not in range", min);
          end =
              value(
                  bounds[1], start, max, mode, field + " End is before Start or not in range", min);
        } else {
          start = value(part, min, max, mode, field + " is not in range", min);
          if (!hasStep) {
            end = start;
          }
        }
      }
      // Sunday may be written 7: fold it into 0 the way the server does.
      if (mode == Mode.DOW && end == 7) {
        if ((7 - start) % step == 0 && (step > 1 || start > 1)) {
          ranges.add(Range.newBuilder().setStart(0).build());
          if (start == 7) {
            continue;
          }
        }
        end = 6;
      }
      ranges.add(
          Range.newBuilder()
              .setStart(start)
              .setEnd(start == end ? 0 : end)
              .setStep(step == 1 ? 0 : step)
              .build());
    }
    return ranges;
  }

  private static int value(String s, int min, int max, Mode mode, String error, int fieldMin) {
    int v = named(s, mode);
    if (v < 0) {
      try {
        v = Integer.parseInt(s);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(error + " [" + fieldMin + "-" + max + "]");
      }
    }
    if (v < min || v > max) {
      throw new IllegalArgumentException(error + " [" + fieldMin + "-" + max + "]");
    }
    return v;
  }

  /** A month (3+ letters) or day (2+ letters) name prefix as its number, else -1. */
  private static int named(String s, Mode mode) {
    String lower = s.toLowerCase(Locale.ROOT);
    if (mode == Mode.MONTH && s.length() >= 3) {
      for (int i = 0; i < MONTHS.size(); i++) {
        if (MONTHS.get(i).startsWith(lower)) {
          return i + 1;
        }
      }
    } else if (mode == Mode.DOW && s.length() >= 2) {
      for (int i = 0; i < DAYS.size(); i++) {
        if (DAYS.get(i).startsWith(lower)) {
          return i;
        }
      }
    }
    return -1;
  }

  private static int integer(String s, String field) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + " step '" + s + "' is not a number");
    }
  }
}
