package io.gridshift.demo.it.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input, as a table ({@link BadInputTable}): bad requests and commands through the REST
 * service, the CLI and a workflow started with raw JSON as from the Temporal UI, over one real
 * world ({@link BadInputWorld}). For each row: the answer is the documented one (HTTP status, exit
 * code, the workflow's failure type), its text names the offending field and says what to do, shows
 * no stack trace, and a snapshot of every object in the Kubernetes API with its resourceVersion is
 * the same before and after.
 */
class BadInputTableIT {
  private static BadInputWorld world;

  @BeforeAll
  static void start() throws Exception {
    world = BadInputWorld.start();
  }

  @AfterAll
  static void stop() {
    if (world != null) {
      world.close();
    }
  }

  static Stream<BadCase> table() {
    return BadInputTable.rows();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void refusedClearlyAndNothingChanges(BadCase row) {
    row.given().accept(world);
    KubeSnapshot before = KubeSnapshot.of(world.kube());
    Outcome answer = row.send().apply(world);
    KubeSnapshot after = KubeSnapshot.of(world.kube());

    assertThat(answer.answer())
        .as("answer to %s: %s", row, answer.text())
        .isEqualTo(row.expected());
    assertThat(answer.text())
        .as("%s: the answer names the field", row)
        .contains(row.field())
        .as("%s: the answer says what is wrong and what to do", row)
        .contains(row.fix())
        .as("%s: no stack trace", row)
        .doesNotContain("\tat ", "Exception:", "NullPointerException", "Internal Server Error");
    assertThat(after.changesSince(before)).as("%s: objects the bad input changed", row).isEmpty();
  }
}
