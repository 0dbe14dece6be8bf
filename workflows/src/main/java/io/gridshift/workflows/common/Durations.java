package io.gridshift.workflows.common;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations a person types: ISO-8601 ({@code PT10M}, {@code P1D}) or the short form {@code
 * 90s}, {@code 10m}, {@code 1h30m}, {@code 2d}. A negative duration ({@code PT-5M}) or one too
 * large to hold is refused in every syntax: no field of a request means either.
 */
public final class Durations {
  private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|d|h|m|s)");

  private Durations() {}

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException with a message naming the accepted forms
   */
  public static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty duration; use e.g. 30s, 10m, 1h30m, 2d or PT10M");
    }
    String t = text.trim();
    Duration d;
    try {
      boolean iso = t.toUpperCase(Locale.ROOT).replaceFirst("^[-+]", "").startsWith("P");
      d = iso ? parseIso(text, t) : parseShort(text, t);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "'" + Limits.abbreviate(text) + "' is too large to be a duration; use e.g. 24h or 7d");
    }
    if (d.isNegative()) {
      throw new IllegalArgumentException(
          "'" + Limits.abbreviate(text) + "' is negative; a duration must be 0 or more, e.g. 30m");
    }
    return d;
  }

  private static Duration parseIso(String text, String t) {
    try {
      return Duration.parse(t.toUpperCase(Locale.ROOT));
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + Limits.abbreviate(text) + "' is not an ISO-8601 duration like PT10M");
    }
  }

  private static Duration parseShort(String text, String t) {
    Matcher m = SHORT.matcher(t.toLowerCase(Locale.ROOT));
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      long n = number(m.group(1));
      total =
          switch (m.group(2)) {
            case "ms" -> total.plusMillis(n);
            case "s" -> total.plusSeconds(n);
            case "m" -> total.plusMinutes(n);
            case "h" -> total.plusHours(n);
            default -> total.plusDays(n);
          };
      end = m.end();
    }
    if (end == 0 || end != t.length()) {
      throw new IllegalArgumentException(
          "'"
              + Limits.abbreviate(text)
              + "' is not a duration; use e.g. 30s, 10m, 1h30m, 2d or PT10M");
    }
    return total;
  }

  private static long number(String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw new ArithmeticException("too many digits: " + digits.length());
    }
  }

  /** True when {@code text} parses. */
  public static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
