package io.gridshift.sandbox.temporal.visibility;

import io.gridshift.sandbox.temporal.visibility.QueryTokens.Kind;
import io.gridshift.sandbox.temporal.visibility.QueryTokens.Token;
import io.temporal.api.enums.v1.IndexedValueType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Parses the subset of Temporal's visibility query language that the Temporal UI and gridshift
 * send, by recursive descent:
 *
 * <pre>
 * query      := [or] [GROUP BY ExecutionStatus] [ORDER BY name [ASC|DESC] {, name [ASC|DESC]}]
 * or         := and {OR and}
 * and        := primary {AND primary}
 * primary    := ( or ) | name op value | name [NOT] IN ( value {, value} )
 *             | name STARTS_WITH value | name IS [NOT] NULL | name [NOT] BETWEEN value AND value
 * op         := = | != | &lt;&gt; | &gt; | &gt;= | &lt; | &lt;=
 * </pre>
 *
 * Names are system attributes (WorkflowType, WorkflowId, RunId, ExecutionStatus, StartTime,
 * CloseTime, ExecutionTime, TaskQueue, ...) or registered custom ones, bare or in backquotes;
 * values are quoted strings, numbers, true/false. An unknown name, a value of the wrong type or bad
 * syntax is an {@link InvalidQueryException} with the reason, and nothing is listed.
 */
public final class VisibilityQueryParser {
  private static final Comparator<ExecutionRecord> DEFAULT_ORDER =
      Comparator.comparing(
              (ExecutionRecord r) ->
                  r.info().getStartTime().getSeconds() * 1_000_000_000L
                      + r.info().getStartTime().getNanos())
          .reversed()
          .thenComparing(r -> r.info().getExecution().getRunId());

  private final SearchAttributeTypes attributes;
  private final String query;
  private final List<Token> tokens;
  private int next;

  private VisibilityQueryParser(SearchAttributeTypes attributes, String query) {
    this.attributes = attributes;
    this.query = query;
    this.tokens = QueryTokens.of(query);
  }

  /** Parses {@code query} (blank: every execution) against the attributes known now. */
  public static VisibilityQuery parse(String query, SearchAttributeTypes attributes) {
    String text = query == null ? "" : query;
    try {
      return new VisibilityQueryParser(attributes, text).query();
    } catch (InvalidQueryException e) {
      throw new InvalidQueryException("invalid query: " + e.getMessage());
    }
  }

  private VisibilityQuery query() {
    Predicate<ExecutionRecord> filter = r -> true;
    if (!peek().isKeyword("ORDER") && !peek().isKeyword("GROUP") && peek().kind() != Kind.END) {
      filter = or();
    }
    boolean group = false;
    if (accept("GROUP")) {
      expectKeyword("BY");
      Token name = expect(Kind.NAME, "an attribute name after GROUP BY");
      if (!name.text().equals("ExecutionStatus")) {
        throw error("GROUP BY is only supported for ExecutionStatus, not " + name.text(), name);
      }
      group = true;
    }
    Comparator<ExecutionRecord> order = DEFAULT_ORDER;
    if (accept("ORDER")) {
      expectKeyword("BY");
      order = orderBy();
    }
    if (peek().kind() != Kind.END) {
      throw error("unexpected '" + peek().text() + "'", peek());
    }
    return new VisibilityQuery(filter, order, group);
  }

  private Comparator<ExecutionRecord> orderBy() {
    Comparator<ExecutionRecord> order = null;
    do {
      Token name = expect(Kind.NAME, "an attribute name to order by");
      IndexedValueType type = typeOf(name);
      Comparator<ExecutionRecord> one =
          Comparator.comparing(
              (ExecutionRecord r) -> (Comparable<Object>) comparable(r.value(name.text(), type)),
              Comparator.nullsLast(Comparator.naturalOrder()));
      if (accept("DESC")) {
        one =
            Comparator.comparing(
                (ExecutionRecord r) -> (Comparable<Object>) comparable(r.value(name.text(), type)),
                Comparator.nullsLast(Comparator.<Comparable<Object>>naturalOrder().reversed()));
      } else {
        accept("ASC");
      }
      order = order == null ? one : order.thenComparing(one);
    } while (acceptKind(Kind.COMMA));
    return order.thenComparing(r -> r.info().getExecution().getRunId());
  }

  @SuppressWarnings("unchecked")
  private static Comparable<Object> comparable(Object value) {
    if (value instanceof List<?> list) {
      return (Comparable<Object>)
          (Object) String.join(",", list.stream().map(String::valueOf).toList());
    }
    return (Comparable<Object>) value;
  }

  private Predicate<ExecutionRecord> or() {
    Predicate<ExecutionRecord> left = and();
    while (accept("OR")) {
      left = left.or(and());
    }
    return left;
  }

  private Predicate<ExecutionRecord> and() {
    Predicate<ExecutionRecord> left = primary();
    while (accept("AND")) {
      left = left.and(primary());
    }
    return left;
  }

  private Predicate<ExecutionRecord> primary() {
    if (acceptKind(Kind.OPEN)) {
      Predicate<ExecutionRecord> inner = or();
      expect(Kind.CLOSE, "')'");
      return inner;
    }
    Token name = expect(Kind.NAME, "an attribute name or '('");
    IndexedValueType type = typeOf(name);
    String attribute = name.text();
    if (peek().kind() == Kind.OPERATOR) {
      String op = tokens.get(next++).text();
      Object literal = literal(attribute, type);
      return r -> ValueTests.compare(r.value(attribute, type), op, literal);
    }
    boolean not = accept("NOT");
    if (accept("IN")) {
      List<Object> values = list(attribute, type);
      Predicate<ExecutionRecord> in =
          r -> values.stream().anyMatch(v -> QueryValues.equal(r.value(attribute, type), v));
      return not ? in.negate() : in;
    }
    if (accept("BETWEEN")) {
      Object low = literal(attribute, type);
      expectKeyword("AND");
      Object high = literal(attribute, type);
      Predicate<ExecutionRecord> between =
          r ->
              ValueTests.compare(r.value(attribute, type), ">=", low)
                  && ValueTests.compare(r.value(attribute, type), "<=", high);
      return not ? between.negate() : between;
    }
    if (!not && accept("STARTS_WITH")) {
      Token prefix = expect(Kind.STRING, "a quoted prefix after STARTS_WITH");
      return r -> ValueTests.startsWith(r.value(attribute, type), prefix.text());
    }
    if (!not && accept("IS")) {
      boolean isNot = accept("NOT");
      expectKeyword("NULL");
      return r -> (r.value(attribute, type) == null) != isNot;
    }
    throw error(
        "expected an operator after " + attribute + ", found '" + peek().text() + "'", peek());
  }

  private List<Object> list(String attribute, IndexedValueType type) {
    expect(Kind.OPEN, "'(' after IN");
    List<Object> values = new ArrayList<>();
    do {
      values.add(literal(attribute, type));
    } while (acceptKind(Kind.COMMA));
    expect(Kind.CLOSE, "')' to close IN (...)");
    return values;
  }

  private Object literal(String attribute, IndexedValueType type) {
    Token t = peek();
    if (t.kind() != Kind.STRING
        && t.kind() != Kind.NUMBER
        && !t.isKeyword("true")
        && !t.isKeyword("false")) {
      throw error("expected a value for " + attribute + ", found '" + t.text() + "'", t);
    }
    next++;
    if (attribute.equals("ExecutionStatus")) {
      return QueryValues.status(t.text());
    }
    return QueryValues.typed(t.text(), type, attribute);
  }

  private IndexedValueType typeOf(Token name) {
    return attributes
        .type(name.text())
        .orElseThrow(
            () ->
                new InvalidQueryException(
                    "column name '"
                        + name.text()
                        + "' is not a valid search attribute (position "
                        + (name.position() + 1)
                        + ")"));
  }

  private Token peek() {
    return tokens.get(next);
  }

  private boolean accept(String keyword) {
    if (peek().isKeyword(keyword)) {
      next++;
      return true;
    }
    return false;
  }

  private boolean acceptKind(Kind kind) {
    if (peek().kind() == kind) {
      next++;
      return true;
    }
    return false;
  }

  private void expectKeyword(String keyword) {
    if (!accept(keyword)) {
      throw error("expected " + keyword + ", found '" + peek().text() + "'", peek());
    }
  }

  private Token expect(Kind kind, String what) {
    Token t = peek();
    if (t.kind() != kind) {
      throw error(
          "expected "
              + what
              + ", found '"
              + (t.kind() == Kind.END ? "end of query" : t.text())
              + "'",
          t);
    }
    next++;
    return t;
  }

  private InvalidQueryException error(String message, Token at) {
    return new InvalidQueryException(
        message + " at position " + (at.position() + 1) + " of: " + query);
  }
}
