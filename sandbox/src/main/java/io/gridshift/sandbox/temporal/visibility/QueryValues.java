package io.gridshift.sandbox.temporal.visibility;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * Turns a query's literal into the Java value an attribute of that type holds, and compares such
 * values. A literal of the wrong type is an {@link InvalidQueryException} naming the attribute.
 */
final class QueryValues {
  private QueryValues() {}

  /** {@code text} (a literal, or a stored value) as a value of {@code type}. */
  static Object typed(String text, IndexedValueType type, String attribute) {
    try {
      return switch (type) {
        case INDEXED_VALUE_TYPE_INT -> Long.parseLong(text.trim());
        case INDEXED_VALUE_TYPE_DOUBLE -> Double.parseDouble(text.trim());
        case INDEXED_VALUE_TYPE_BOOL -> bool(text);
        case INDEXED_VALUE_TYPE_DATETIME -> datetime(text.trim());
        default -> text;
      };
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new InvalidQueryException(
          "invalid value for search attribute "
              + attribute
              + " of type "
              + typeName(type)
              + ": "
              + text);
    }
  }

  /** A status literal ({@code Running}, {@code 'running'} or the enum's full name) as a name. */
  static String status(String text) {
    String wanted = text.trim().replace("_", "").toLowerCase(Locale.ROOT);
    for (WorkflowExecutionStatus s : WorkflowExecutionStatus.values()) {
      if (s == WorkflowExecutionStatus.UNRECOGNIZED
          || s == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_UNSPECIFIED) {
        continue;
      }
      String name = ExecutionRecord.statusName(s);
      if (name.toLowerCase(Locale.ROOT).equals(wanted)
          || s.name().replace("_", "").toLowerCase(Locale.ROOT).equals(wanted)) {
        return name;
      }
    }
    throw new InvalidQueryException(
        "invalid ExecutionStatus value '"
            + text
            + "': expected one of Running, Completed, Failed, Canceled, Terminated,"
            + " ContinuedAsNew, TimedOut");
  }

  /** Compares an execution's value with a literal of the same type. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compare(Object value, Object literal) {
    if (value instanceof Number a && literal instanceof Number b) {
      return Double.compare(a.doubleValue(), b.doubleValue());
    }
    return ((Comparable) value).compareTo(literal);
  }

  /** Whether {@code value} (a keyword list matches when any element does) equals the literal. */
  static boolean equal(Object value, Object literal) {
    if (value instanceof List<?> list) {
      return list.stream().anyMatch(v -> equal(v, literal));
    }
    return value != null && compare(value, literal) == 0;
  }

  /** The name Temporal uses for a type in messages and metadata: Keyword, Int, Datetime, ... */
  static String typeName(IndexedValueType type) {
    return switch (type) {
      case INDEXED_VALUE_TYPE_KEYWORD_LIST -> "KeywordList";
      case INDEXED_VALUE_TYPE_DATETIME -> "Datetime";
      default -> {
        String s = type.name().substring("INDEXED_VALUE_TYPE_".length());
        yield s.charAt(0) + s.substring(1).toLowerCase(Locale.ROOT);
      }
    };
  }

  private static Boolean bool(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (!t.equals("true") && !t.equals("false")) {
      throw new IllegalArgumentException(text);
    }
    return Boolean.valueOf(t);
  }

  /** RFC 3339 (with any offset), or an integer of Unix epoch nanoseconds as the server takes. */
  private static Instant datetime(String text) {
    if (text.matches("-?\\d+")) {
      long nanos = Long.parseLong(text);
      return Instant.ofEpochSecond(
          Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
    return OffsetDateTime.parse(text).toInstant();
  }
}
