package io.gridshift.workflows.common;

import io.gridshift.workflows.request.UpgradeRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks every kind's request makes the same way, so each kind's problems() lists only its own. */
public final class RequestProblems {
  private RequestProblems() {}

  /**
   * The request with defaults applied, or an {@code InvalidRequest} stop listing every problem: the
   * skeleton's validation, the same for every kind.
   *
   * @throws UpgradeStop type {@link FailureTypes#INVALID_REQUEST}
   */
  public static <R extends UpgradeRequest> R validated(R raw) {
    if (raw == null) {
      throw invalid(List.of("the request is empty; give at least cluster, grid and targetVersion"));
    }
    List<String> unreadable = raw.unreadable();
    if (!unreadable.isEmpty()) {
      throw invalid(unreadable);
    }
    @SuppressWarnings("unchecked") // every record's withDefaults() returns its own type
    R request = (R) raw.withDefaults();
    List<String> problems = request.problems();
    if (!problems.isEmpty()) {
      throw invalid(problems);
    }
    return request;
  }

  /** The stop of a request with {@code problems}: type {@link FailureTypes#INVALID_REQUEST}. */
  public static UpgradeStop invalid(List<String> problems) {
    return UpgradeStop.failed(
        FailureTypes.INVALID_REQUEST, new InvalidRequestException(problems).getMessage());
  }

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
