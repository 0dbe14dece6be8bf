package io.gridshift.starter.cli;

import java.util.List;

/**
 * A command failed in a way the person at the terminal can act on: the message (and any problems)
 * say what happened and what to do, the exit code says what kind of failure it was.
 */
final class CliException extends RuntimeException {
  private final int exitCode;
  private final List<String> problems;

  CliException(int exitCode, String message) {
    this(exitCode, message, List.of());
  }

  CliException(int exitCode, String message, List<String> problems) {
    super(message);
    this.exitCode = exitCode;
    this.problems = problems == null ? List.of() : List.copyOf(problems);
  }

  int exitCode() {
    return exitCode;
  }

  /** Every problem the server or the validation listed (each printed on its own line). */
  List<String> problems() {
    return problems;
  }
}
