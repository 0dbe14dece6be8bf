package io.gridshift.sandbox.monitoring;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a PromQL expression reads, found lexically (enough for the dashboard's and the alerts'
 * expressions, which a real parser, promtool, also checks where it is installed): the series names,
 * the label names in each selector's matchers, and the labels of its grouping clauses.
 */
final class PromQl {
  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'");
  private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][\\w:]*)\\s*\\{([^}]*)\\}");
  private static final Pattern MATCHER_LABEL = Pattern.compile("(\\w+)\\s*(?:=~|!~|!=|=)");
  private static final Pattern GROUPING =
      Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");
  private static final Pattern IDENTIFIER =
      Pattern.compile("(?<![\\w.$])([a-zA-Z_:][\\w:]*+)(?!\\s*\\()");
  private static final Set<String> KEYWORDS =
      Set.of(
          "and",
          "or",
          "unless",
          "bool",
          "offset",
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "inf",
          "nan",
          "Inf",
          "NaN");

  /** A selector: a series name and the labels its matchers name. */
  record Selector(String name, Set<String> matcherLabels) {}

  final List<Selector> selectors = new ArrayList<>();
  final Set<String> groupingLabels = new LinkedHashSet<>();

  PromQl(String expression) {
    String rest = STRING.matcher(expression).replaceAll("\"\"");
    rest = rest.replaceAll("\\$\\{[^}]*\\}|\\$\\w+", "");
    Matcher g = GROUPING.matcher(rest);
    while (g.find()) {
      for (String label : g.group(2).split(",")) {
        if (!label.isBlank()) {
          groupingLabels.add(label.strip());
        }
      }
    }
    rest = GROUPING.matcher(rest).replaceAll(" ");
    Matcher s = SELECTOR.matcher(rest);
    while (s.find()) {
      Set<String> labels = new LinkedHashSet<>();
      Matcher l = MATCHER_LABEL.matcher(s.group(2));
      while (l.find()) {
        labels.add(l.group(1));
      }
      selectors.add(new Selector(s.group(1), labels));
    }
    rest = SELECTOR.matcher(rest).replaceAll("$1 ");
    rest = rest.replaceAll("\\[[^]]*\\]", " ");
    Set<String> selectorNames = new LinkedHashSet<>();
    selectors.forEach(sel -> selectorNames.add(sel.name()));
    Matcher i = IDENTIFIER.matcher(rest);
    while (i.find()) {
      String name = i.group(1);
      if (!KEYWORDS.contains(name) && !selectorNames.contains(name)) {
        selectors.add(new Selector(name, Set.of()));
        selectorNames.add(name);
      }
    }
  }

  Set<String> names() {
    Set<String> names = new LinkedHashSet<>();
    selectors.forEach(s -> names.add(s.name()));
    return names;
  }
}
