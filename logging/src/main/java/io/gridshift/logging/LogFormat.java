package io.gridshift.logging;

import java.util.Locale;

/**
 * How a gridshift process writes its log lines, chosen by the environment variable {@value
 * #VARIABLE}: {@code text} (the default, for a terminal) or {@code json} (one JSON object a line,
 * for a log collector; the image's manifests set it).
 */
public enum LogFormat {
  TEXT,
  JSON;

  /** The environment variable every gridshift process reads its log format from. */
  public static final String VARIABLE = "GRIDSHIFT_LOG_FORMAT";

  /**
   * The format {@code value} names, case-insensitively; unset or blank is {@link #TEXT}.
   *
   * @throws IllegalArgumentException naming the value and the accepted ones
   */
  public static LogFormat parse(String value) {
    if (value == null || value.isBlank()) {
      return TEXT;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "text" -> TEXT;
      case "json" -> JSON;
      default ->
          throw new IllegalArgumentException(
              VARIABLE
                  + "='"
                  + value
                  + "' is not a log format: set it to json or text (the default), or unset it");
    };
  }

  /** The format this process's environment asks for. */
  public static LogFormat fromEnvironment() {
    return parse(System.getenv(VARIABLE));
  }
}
