package io.gridshift.demo.bench.paths;

/** One measured step's outcome, as the upgrade-path matrix writes it. */
enum Status {
  PASS,
  FAIL,
  NOT_RUN
}
