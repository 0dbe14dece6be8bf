package io.gridshift.workflows.fleet.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FailureBudgetsTest {

  @ParameterizedTest(name = "{0} of {1} grids is {2}")
  @CsvSource(
      nullValues = "null",
      value = {
        "null, 25, 0",
        "'', 25, 0",
        "0, 25, 0",
        "2, 25, 2",
        "2, 1, 2",
        "' 3 ', 10, 3",
        "10%, 25, 3",
        "10%, 9, 1",
        "10%, 10, 1",
        "50 %, 5, 3",
        "100%, 7, 7",
        "0%, 100, 0",
        "33%, 0, 0",
        "1%, 1000, 10",
        "1%, 1001, 11"
      })
  void aBudgetIsANumberOrAPercentRoundedUp(String maxFailures, int size, int expected) {
    assertThat(FailureBudgets.maxFailures(maxFailures, size)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "101%", "1.5", "ten", "%", "10%%", "99999999999"})
  void anythingElseIsRefusedSayingWhatIsAccepted(String maxFailures) {
    String expected =
        "maxFailures '"
            + maxFailures
            + "' is not a failure budget; give a number of grids (0, 1, 2...) or a percent of the"
            + " stage's grids from 0% to 100%";
    assertThat(FailureBudgets.problem("maxFailures", maxFailures)).isEqualTo(expected);
    assertThatThrownBy(() -> FailureBudgets.maxFailures(maxFailures, 10)).hasMessage(expected);
  }
}
