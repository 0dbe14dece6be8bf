package io.gridshift.starter.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.starter.UpgradeFilter;
import io.gridshift.starter.UpgradeSummary;
import org.junit.jupiter.api.Test;

/**
 * The listing filter. Its visibility query only runs on a real Temporal server (the test server
 * does not implement ListWorkflowExecutions), so its text is checked here.
 */
class UpgradeFilterTest {
  static final UpgradeSummary RUNNING =
      new UpgradeSummary(
          "infinispan-upgrade-c1-apps-dg",
          "infinispan",
          "c1",
          "apps",
          "dg",
          "RUNNING",
          "2026-11-22T08:00:00Z",
          null,
          "switch-traffic",
          "switch-traffic",
          false,
          "WAITING_APPROVAL");

  /** Every registered kind's workflow type: here the test kind (workflows test-jar) too. */
  @Test
  void visibilityQuerySelectsTheUpgradeTypesAndTheStatus() {
    String types = "WorkflowType IN ('InfinispanUpgrade', 'HazelcastUpgrade', 'EchoUpgrade')";
    assertThat(UpgradeFilter.all().visibilityQuery()).isEqualTo(types + " ORDER BY StartTime DESC");
    assertThat(new UpgradeFilter(null, null, null, "continued_as_new").visibilityQuery())
        .isEqualTo(types + " AND ExecutionStatus = 'ContinuedAsNew' ORDER BY StartTime DESC");
  }

  @Test
  void matchesEveryGivenFieldCaseInsensitively() {
    assertThat(UpgradeFilter.all().matches(RUNNING)).isTrue();
    assertThat(new UpgradeFilter("C1", "apps", "dg", "running").matches(RUNNING)).isTrue();
    assertThat(new UpgradeFilter("c2", null, null, null).matches(RUNNING)).isFalse();
    assertThat(new UpgradeFilter(null, null, "other", null).matches(RUNNING)).isFalse();
    assertThat(new UpgradeFilter(null, null, null, "COMPLETED").matches(RUNNING)).isFalse();
  }

  @Test
  void unknownStatusIsAProblemNamingTheValidOnes() {
    assertThat(new UpgradeFilter(null, null, null, "done").problems())
        .singleElement()
        .asString()
        .contains("'done'")
        .contains("COMPLETED")
        .contains("TIMED_OUT")
        .doesNotContain("UNSPECIFIED");
    assertThat(new UpgradeFilter(null, null, null, " ").problems()).isEmpty();
  }
}
