package io.gridshift.sandbox.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The lexical reading that MonitoringFilesTest relies on: names, matcher labels, groupings. */
class PromQlTest {

  @Test
  void findsSeriesButNotFunctionsKeywordsNumbersOrVariables() {
    PromQl q =
        new PromQl(
            "histogram_quantile(0.95, sum by (le, step) (rate(a_bucket{kind=~\"$kind\",x!=\"y{z}\"}"
                + "[$__rate_interval]))) > on (step) group_left b or up == 0 unless"
                + " max_over_time(c[6h] offset 1m) * 1e3");
    assertThat(q.names()).containsExactly("a_bucket", "b", "up", "c");
    assertThat(q.selectors.get(0).matcherLabels()).containsExactly("kind", "x");
    assertThat(q.groupingLabels).containsExactly("le", "step");
  }
}
