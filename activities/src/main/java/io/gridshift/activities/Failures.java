package io.gridshift.activities;

import io.gridshift.workflows.common.FailureTypes;
import io.temporal.failure.ApplicationFailure;

/**
 * The failures every activity throws, with one argument order, Temporal's own: message, then type.
 * Problems a retry cannot fix are non-retryable with a {@link FailureTypes} type; "not yet"
 * conditions (a rollout not done, a cluster not safe, a grid unreachable) are retryable. Transient
 * Kubernetes API errors ({@code KubernetesClientException}: conflicts, 5xx, connection) are not
 * wrapped: they propagate and Temporal retries them.
 */
public final class Failures {
  private Failures() {}

  /** Non-retryable {@link FailureTypes#INVALID_REQUEST}: the request must change. */
  public static ApplicationFailure invalidRequest(String message) {
    return nonRetryable(message, FailureTypes.INVALID_REQUEST);
  }

  /** Non-retryable {@link FailureTypes#GRID_NOT_FOUND}: the grid named does not exist. */
  public static ApplicationFailure gridNotFound(String message) {
    return nonRetryable(message, FailureTypes.GRID_NOT_FOUND);
  }

  /** A failure of {@code type} that no retry can fix. */
  public static ApplicationFailure nonRetryable(String message, String type) {
    return ApplicationFailure.newNonRetryableFailure(message, type);
  }

  /** A failure of {@code type} that a later attempt can outlive. */
  public static ApplicationFailure retryable(String message, String type) {
    return ApplicationFailure.newFailure(message, type);
  }

  /** As {@link #retryable(String, String)}, keeping what caused it; {@code cause} may be null. */
  public static ApplicationFailure retryable(String message, String type, Throwable cause) {
    return cause == null
        ? ApplicationFailure.newFailure(message, type)
        : ApplicationFailure.newFailureWithCause(message, type, cause);
  }
}
