package io.gridshift.activities.hazelcast;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JAVA_OPTS string as the JVM launcher script splits it: whitespace-separated tokens, quotes
 * grouping. Reads the {@code -Dkey=value} system properties and sets some of them while keeping
 * every other option as written.
 */
final class JavaOpts {
  private final List<String> tokens;

  private JavaOpts(List<String> tokens) {
    this.tokens = tokens;
  }

  static JavaOpts parse(String value) {
    return new JavaOpts(tokenize(value == null ? "" : value));
  }

  /** The {@code -D} properties, later tokens winning as they do for the JVM. */
  Map<String, String> systemProperties() {
    Map<String, String> properties = new LinkedHashMap<>();
    for (String token : tokens) {
      String[] property = property(token);
      if (property != null) {
        properties.put(property[0], property[1]);
      }
    }
    return properties;
  }

  /**
   * A copy with {@code key} set to {@code value}: every existing {@code -Dkey} token is replaced in
   * place (the first one) or dropped (the others), else the option is appended.
   */
  JavaOpts with(String key, String value) {
    List<String> result = new ArrayList<>();
    String option = "-D" + key + "=" + quoteIfNeeded(value);
    boolean placed = false;
    for (String token : tokens) {
      String[] property = property(token);
      if (property == null || !property[0].equals(key)) {
        result.add(token);
      } else if (!placed) {
        result.add(option);
        placed = true;
      }
    }
    if (!placed) {
      result.add(option);
    }
    return new JavaOpts(result);
  }

  @Override
  public String toString() {
    return String.join(" ", tokens);
  }

  /** [key, value] of a {@code -Dkey[=value]} token (quotes removed), or null for other options. */
  private static String[] property(String token) {
    if (!token.startsWith("-D") || token.length() < 3) {
      return null;
    }
    String body = unquote(token.substring(2));
    int eq = body.indexOf('=');
    // -Dflag without a value sets the empty string, as the JVM does.
    return eq < 0
        ? new String[] {body, ""}
        : new String[] {body.substring(0, eq), body.substring(eq + 1)};
  }

  /** Splits on unquoted whitespace; quotes stay in the token so it is written back unchanged. */
  private static List<String> tokenize(String value) {
    List<String> tokens = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    char quote = 0;
    for (char c : value.toCharArray()) {
      if (quote == 0 && Character.isWhitespace(c)) {
        if (!current.isEmpty()) {
          tokens.add(current.toString());
          current.setLength(0);
        }
        continue;
      }
      if (quote == 0 && (c == '"' || c == '\'')) {
        quote = c;
      } else if (c == quote) {
        quote = 0;
      }
      current.append(c);
    }
    if (!current.isEmpty()) {
      tokens.add(current.toString());
    }
    return tokens;
  }

  private static String unquote(String text) {
    return text.replace("\"", "").replace("'", "");
  }

  private static String quoteIfNeeded(String value) {
    return value.chars().anyMatch(Character::isWhitespace) ? "\"" + value + "\"" : value;
  }
}
