package io.gridshift.sandbox.temporal.visibility;

import java.util.ArrayList;
import java.util.List;

/**
 * The tokens of a visibility query: names (bare or in backquotes), quoted strings, numbers, the
 * comparison operators and punctuation. Keywords (AND, OR, IN, ORDER BY, ...) are names that the
 * parser recognises case-insensitively, as the real server's SQL-like grammar does.
 */
final class QueryTokens {
  enum Kind {
    NAME,
    STRING,
    NUMBER,
    OPERATOR,
    OPEN,
    CLOSE,
    COMMA,
    END
  }

  /** One token and where it starts in the query (for error messages). */
  record Token(Kind kind, String text, int position) {
    boolean isKeyword(String keyword) {
      return kind == Kind.NAME && text.equalsIgnoreCase(keyword);
    }
  }

  private QueryTokens() {}

  /** The tokens of {@code query}, ending with one {@link Kind#END}. */
  static List<Token> of(String query) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < query.length()) {
      char c = query.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '(' || c == ')' || c == ',') {
        Kind kind = c == '(' ? Kind.OPEN : c == ')' ? Kind.CLOSE : Kind.COMMA;
        tokens.add(new Token(kind, String.valueOf(c), i++));
      } else if (c == '\'' || c == '"') {
        i = quoted(query, i, c, Kind.STRING, tokens);
      } else if (c == '`') {
        i = quoted(query, i, c, Kind.NAME, tokens);
      } else if ("=!<>".indexOf(c) >= 0) {
        i = operator(query, i, tokens);
      } else if (Character.isDigit(c) || c == '-' || c == '+' || c == '.') {
        int start = i++;
        while (i < query.length() && "0123456789.eE+-".indexOf(query.charAt(i)) >= 0) {
          i++;
        }
        tokens.add(new Token(Kind.NUMBER, query.substring(start, i), start));
      } else if (Character.isLetter(c) || c == '_') {
        int start = i;
        while (i < query.length()
            && (Character.isLetterOrDigit(query.charAt(i)) || query.charAt(i) == '_')) {
          i++;
        }
        tokens.add(new Token(Kind.NAME, query.substring(start, i), start));
      } else {
        throw new InvalidQueryException(
            "unexpected character '" + c + "' at position " + (i + 1) + " of: " + query);
      }
    }
    tokens.add(new Token(Kind.END, "", query.length()));
    return tokens;
  }

  private static int quoted(String query, int start, char quote, Kind kind, List<Token> out) {
    StringBuilder text = new StringBuilder();
    int i = start + 1;
    while (i < query.length()) {
      char c = query.charAt(i);
      if (c == '\\' && i + 1 < query.length()) {
        text.append(query.charAt(i + 1));
        i += 2;
      } else if (c == quote) {
        out.add(new Token(kind, text.toString(), start));
        return i + 1;
      } else {
        text.append(c);
        i++;
      }
    }
    throw new InvalidQueryException(
        "unterminated " + quote + " opened at position " + (start + 1) + " of: " + query);
  }

  private static int operator(String query, int start, List<Token> out) {
    String two = query.substring(start, Math.min(query.length(), start + 2));
    for (String op : List.of("!=", "<>", ">=", "<=")) {
      if (two.equals(op)) {
        out.add(new Token(Kind.OPERATOR, op.equals("<>") ? "!=" : op, start));
        return start + 2;
      }
    }
    char c = query.charAt(start);
    if (c == '!') {
      throw new InvalidQueryException(
          "'!' must be followed by '=' (position " + (start + 1) + ") in: " + query);
    }
    out.add(new Token(Kind.OPERATOR, String.valueOf(c), start));
    return start + 1;
  }
}
