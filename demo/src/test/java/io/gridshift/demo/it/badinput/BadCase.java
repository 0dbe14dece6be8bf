package io.gridshift.demo.it.badinput;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One row of the bad-input table: what is sent through which door, and what must come back.
 *
 * @param door {@code REST}, {@code CLI} or {@code workflow}
 * @param what the bad input, as a person would describe it
 * @param given what must hold before the case (e.g. an upgrade waiting at a gate); runs before the
 *     snapshot "before", so what it changes is not the case's doing
 * @param send sends the input and returns the answer
 * @param expected the documented answer: HTTP status, exit code, or the workflow's failure type
 * @param field the offending field (or argument) the answer must name
 * @param fix a distinctive part of the answer: what is wrong and what to do
 */
record BadCase(
    String door,
    String what,
    Consumer<BadInputWorld> given,
    Function<BadInputWorld, Outcome> send,
    String expected,
    String field,
    String fix) {

  static BadCase rest(
      String what, Function<BadInputWorld, Outcome> send, int status, String field, String fix) {
    return new BadCase("REST", what, w -> {}, send, String.valueOf(status), field, fix);
  }

  static BadCase cli(
      String what, Function<BadInputWorld, Outcome> send, int exit, String field, String fix) {
    return new BadCase("CLI", what, w -> {}, send, String.valueOf(exit), field, fix);
  }

  static BadCase workflow(
      String what,
      Function<BadInputWorld, Outcome> send,
      String failureType,
      String field,
      String fix) {
    return new BadCase("workflow", what, w -> {}, send, failureType, field, fix);
  }

  /** This case with {@code given} run first (outside the snapshots). */
  BadCase given(Consumer<BadInputWorld> first) {
    return new BadCase(door, what, first, send, expected, field, fix);
  }

  @Override
  public String toString() {
    return door + ": " + what + " -> " + expected;
  }
}
