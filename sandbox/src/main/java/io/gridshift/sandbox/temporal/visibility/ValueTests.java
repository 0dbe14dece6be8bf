package io.gridshift.sandbox.temporal.visibility;

import java.util.List;

/**
 * The comparisons of a visibility query on one execution's value. An execution without the
 * attribute matches only {@code !=} (as Elasticsearch-backed visibility answers); a keyword list
 * matches {@code =} when any element does.
 */
final class ValueTests {
  private ValueTests() {}

  static boolean compare(Object value, String op, Object literal) {
    if (op.equals("!=")) {
      return !QueryValues.equal(value, literal);
    }
    if (value == null) {
      return false;
    }
    if (op.equals("=")) {
      return QueryValues.equal(value, literal);
    }
    if (value instanceof List<?> list) {
      return list.stream().anyMatch(v -> compare(v, op, literal));
    }
    int c = QueryValues.compare(value, literal);
    return switch (op) {
      case ">" -> c > 0;
      case ">=" -> c >= 0;
      case "<" -> c < 0;
      case "<=" -> c <= 0;
      default -> throw new InvalidQueryException("unknown operator " + op);
    };
  }

  static boolean startsWith(Object value, String prefix) {
    if (value instanceof List<?> list) {
      return list.stream().anyMatch(v -> startsWith(v, prefix));
    }
    return value instanceof String s && s.startsWith(prefix);
  }
}
