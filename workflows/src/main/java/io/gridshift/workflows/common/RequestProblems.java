package io.gridshift.workflows.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks every kind's request makes the same way, so each kind's problems() lists only its own. */
public final class RequestProblems {
  private RequestProblems() {}

  /** Adds {@code problem} unless it is null (the checks in {@link Names} and {@link Limits}). */
  public static void add(List<String> problems, String problem) {
    if (problem != null) {
      problems.add(problem);
    }
  }

  /** Every gate must be one of {@code known}, with a valid policy. */
  public static List<String> gates(Map<String, GatePolicy> gates, List<String> known) {
    List<String> problems = new ArrayList<>();
    for (var gate : gates.entrySet()) {
      if (!known.contains(gate.getKey())) {
        problems.add(
            "gates: unknown gate '"
                + Limits.abbreviate(gate.getKey())
                + "'; the gates are "
                + known);
      } else {
        problems.addAll(gate.getValue().problems("gates." + gate.getKey()));
      }
    }
    return problems;
  }

  /** A TCP port. */
  public static void port(List<String> problems, int port) {
    if (port < 1 || port > 65535) {
      problems.add("port " + port + " must be between 1 and 65535");
    }
  }
}
