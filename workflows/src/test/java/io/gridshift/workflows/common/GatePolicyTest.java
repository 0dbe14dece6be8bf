package io.gridshift.workflows.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridshift.workflows.common.GatePolicy.Approval;
import io.gridshift.workflows.common.GatePolicy.TimeoutAction;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GatePolicyTest {

  @ParameterizedTest
  @ValueSource(strings = {"0s", "PT0S", "59s", "PT59S", "500ms", "PT0.5S", "0m", "P0D"})
  void aTimeoutUnderOneMinuteIsRefusedInEverySyntax(String timeout) {
    assertThat(problems(timeout))
        .singleElement()
        .asString()
        .startsWith("gates.cutover.timeout '" + timeout + "' is shorter than 1m")
        .contains("between 1m and 30d")
        .contains("use e.g. 30m, 24h or 7d");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-5m", "PT-5M", "-PT5M", "P-1D", "1h-5m"})
  void aNegativeTimeoutIsRefused(String timeout) {
    assertThat(problems(timeout))
        .singleElement()
        .asString()
        .startsWith("gates.cutover.timeout '" + timeout + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"31d", "P31D", "PT745H", "3650d", "9223372036854775807s"})
  void aTimeoutOverThirtyDaysIsRefused(String timeout) {
    assertThat(problems(timeout))
        .singleElement()
        .asString()
        .contains("is longer than 30d")
        .contains("KEEP_WAITING");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"99999999999999999999d", "9223372036854775807d", "PT9999999999999999999H"})
  void aTimeoutTooLargeToHoldIsRefusedNotThrown(String timeout) {
    assertThat(problems(timeout)).singleElement().asString().contains("gates.cutover.timeout");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1m", "PT1M", "60s", "90m", "24h", "PT2H", "1h30m", "7d", "30d", "P30D"})
  void timeoutsFromOneMinuteToThirtyDaysAreAccepted(String timeout) {
    assertThat(problems(timeout)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0s", "PT-5M", "3650d", "soon"})
  void theWorkflowHoldsAnyTimeoutWithinTheLimits(String timeout) {
    Duration period = policy(timeout).period();

    assertThat(period).isBetween(GatePolicy.MIN_TIMEOUT, GatePolicy.MAX_TIMEOUT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"PT-5M", "-PT5M", "P-1D"})
  void durationsRefuseNegativeValues(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is negative");
  }

  private static java.util.List<String> problems(String timeout) {
    return policy(timeout).problems("gates.cutover");
  }

  private static GatePolicy policy(String timeout) {
    return new GatePolicy(Approval.REQUIRED, timeout, TimeoutAction.KEEP_WAITING);
  }
}
