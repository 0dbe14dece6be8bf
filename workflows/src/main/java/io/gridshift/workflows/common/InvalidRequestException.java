package io.gridshift.workflows.common;

import java.util.List;

/** A request that cannot run, with every problem found (each says what to do). */
public class InvalidRequestException extends IllegalArgumentException {
  private final List<String> problems;

  public InvalidRequestException(List<String> problems) {
    super("invalid request: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
