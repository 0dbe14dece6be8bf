package io.gridshift.demo.it.badinput;

import java.util.List;
import java.util.stream.Stream;

/**
 * The rows, door by door: {@link RestRows}, {@link CliRows}, {@link WorkflowRows}, then {@link
 * LiveRows}. Order matters: rows that plan against grid dg come before the live rows, whose upgrade
 * holds dg from then on (its claim would refuse any later plan of dg for that reason instead).
 */
final class BadInputTable {
  private BadInputTable() {}

  static Stream<BadCase> rows() {
    return Stream.of(RestRows.rows(), CliRows.rows(), WorkflowRows.rows(), LiveRows.rows())
        .flatMap(List::stream);
  }
}
