package io.gridshift.activities.kubernetes;

import io.gridshift.workflows.common.FailureTypes;
import io.temporal.failure.ApplicationFailure;

/**
 * The failures Kubernetes activities throw. Request problems are non-retryable with a {@link
 * FailureTypes} type; "not yet" conditions are retryable. Transient API errors ({@code
 * KubernetesClientException}: conflicts, 5xx, connection) are not wrapped: they propagate and
 * Temporal retries them.
 */
final class Failures {
  /** Retryable: a rollout did not complete in time. */
  static final String ROLLOUT_NOT_DONE = "RolloutNotDone";

  /**
   * Non-retryable: a Deployment exceeded its progress deadline; its controller gave up, so waiting
   * longer cannot help.
   */
  static final String ROLLOUT_STUCK = "RolloutStuck";

  /** Retryable: something that should exist does not (yet), for example a Service being created. */
  static final String NOT_READY = "NotReady";

  private Failures() {}

  static ApplicationFailure invalidRequest(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, FailureTypes.INVALID_REQUEST);
  }

  static ApplicationFailure gridNotFound(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, FailureTypes.GRID_NOT_FOUND);
  }

  static ApplicationFailure nonRetryable(String message, String type) {
    return ApplicationFailure.newNonRetryableFailure(message, type);
  }

  static ApplicationFailure retryable(String message, String type) {
    return ApplicationFailure.newFailure(message, type);
  }
}
