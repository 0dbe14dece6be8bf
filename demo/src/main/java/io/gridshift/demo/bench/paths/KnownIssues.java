package io.gridshift.demo.bench.paths;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Upstream issues behind failures the matrix records, recognised by words of the failure detail
 * (the bench's own text, written from the server's answer) and the target's major version. Found by
 * searching the Infinispan and Infinispan Operator trackers; a failure with no known upstream issue
 * is listed with none.
 */
final class KnownIssues {
  private record Rule(String targetPrefix, String fragment, KnownIssue issue) {}

  private static final KnownIssue RAW_VALUES_16 =
      new KnownIssue(
          "infinispan/infinispan-operator#2369",
          "https://github.com/infinispan/infinispan-operator/issues/2369",
          "Infinispan 16 requires a different remote store for rolling upgrades: no raw-values,"
              + " a 'migration' property instead");
  private static final KnownIssue UNENCODED_16 =
      new KnownIssue(
          "infinispan/infinispan#15884",
          "https://github.com/infinispan/infinispan/issues/15884",
          "Rolling upgrade to 16.0 fails for caches that declare no encoding");

  private static final List<Rule> RULES =
      List.of(
          new Rule("16.", "raw-values", RAW_VALUES_16),
          new Rule("16.", "connect unencoded: ISPN004034", UNENCODED_16));

  private KnownIssues() {}

  /** The issues matching any mode's failure detail of the pair {@code target}. */
  static List<KnownIssue> matching(String target, Map<String, ModeResult> modes) {
    List<KnownIssue> found = new ArrayList<>();
    for (ModeResult result : modes.values()) {
      for (Rule rule : RULES) {
        if (target.startsWith(rule.targetPrefix())
            && result.detail().contains(rule.fragment())
            && !found.contains(rule.issue())) {
          found.add(rule.issue());
        }
      }
    }
    return found;
  }
}
