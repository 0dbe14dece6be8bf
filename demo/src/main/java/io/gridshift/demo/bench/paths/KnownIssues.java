package io.gridshift.demo.bench.paths;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Upstream issues behind failures the matrix records, recognised by words of the failure detail
 * (the detail is the bench's own text, written from the server's answer).
 */
final class KnownIssues {
  private record Rule(String fragment, KnownIssue issue) {}

  private static final List<Rule> RULES = List.of();

  private KnownIssues() {}

  static List<KnownIssue> matching(Collection<ModeResult> results) {
    List<KnownIssue> found = new ArrayList<>();
    for (ModeResult result : results) {
      for (Rule rule : RULES) {
        if (result.detail().contains(rule.fragment()) && !found.contains(rule.issue())) {
          found.add(rule.issue());
        }
      }
    }
    return found;
  }
}
