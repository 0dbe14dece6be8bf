package io.gridshift.workflows.common;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations a person types: ISO-8601 ({@code PT10M}, {@code P1D}) or the short form {@code
 * 90s}, {@code 10m}, {@code 1h30m}, {@code 2d}.
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
    if (t.toUpperCase(Locale.ROOT).startsWith("P")) {
      try {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 duration like PT10M");
      }
    }
    Matcher m = SHORT.matcher(t.toLowerCase(Locale.ROOT));
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      long n = Long.parseLong(m.group(1));
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
          "'" + text + "' is not a duration; use e.g. 30s, 10m, 1h30m, 2d or PT10M");
    }
    return total;
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
