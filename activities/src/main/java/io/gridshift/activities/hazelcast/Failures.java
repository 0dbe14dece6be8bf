package io.gridshift.activities.hazelcast;

import io.gridshift.workflows.common.FailureTypes;
import io.temporal.failure.ApplicationFailure;

/**
 * The failures Hazelcast activities throw. Problems a retry cannot fix are non-retryable with a
 * {@link FailureTypes} type; "not yet" conditions (cluster not safe, members unreachable) are
 * retryable. Transient Kubernetes API errors propagate unwrapped and Temporal retries them.
 */
final class Failures {
  /** Retryable: the cluster did not become whole and safe in time. */
  static final String CLUSTER_NOT_SAFE = "ClusterNotSafe";

  /** Retryable: the Hazelcast client could not reach the members. */
  static final String MEMBERS_UNREACHABLE = "MembersUnreachable";

  private Failures() {}

  static ApplicationFailure invalidRequest(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, FailureTypes.INVALID_REQUEST);
  }

  static ApplicationFailure gridNotFound(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, FailureTypes.GRID_NOT_FOUND);
  }

  static ApplicationFailure retryable(String message, String type, Throwable cause) {
    return ApplicationFailure.newFailureWithCause(message, type, cause);
  }
}
