package io.gridshift.activities.infinispan;

import io.gridshift.workflows.common.FailureTypes;
import io.temporal.failure.ApplicationFailure;

/**
 * Failures of the Infinispan data activities. Retryable types (anything not in {@link
 * FailureTypes#NON_RETRYABLE}) are for conditions a later attempt can outlive: an unreachable or
 * failing server, a cluster still forming, a Kubernetes API hiccup.
 */
final class Failures {
  /** The grid did not answer (connection refused, timeout). Retryable. */
  static final String GRID_UNREACHABLE = "GridUnreachable";

  /** The server answered with a 5xx the caller cannot interpret. Retryable. */
  static final String SERVER_ERROR = "InfinispanServerError";

  /** The cluster did not become whole and healthy in time. Retryable. */
  static final String CLUSTER_NOT_HEALTHY = "ClusterNotHealthy";

  /** The Service of a grid does not exist (yet). Retryable. */
  static final String SERVICE_NOT_FOUND = "ServiceNotFound";

  /** Reading the Service or Secret failed. Retryable. */
  static final String KUBERNETES_UNAVAILABLE = "KubernetesUnavailable";

  private Failures() {}

  static ApplicationFailure nonRetryable(String type, String message) {
    return ApplicationFailure.newNonRetryableFailure(message, type);
  }

  static ApplicationFailure retryable(String type, String message, Throwable cause) {
    return cause == null
        ? ApplicationFailure.newFailure(message, type)
        : ApplicationFailure.newFailureWithCause(message, type, cause);
  }

  static ApplicationFailure cacheNotFound(GridAddress grid, String cache, String what) {
    return nonRetryable(
        FailureTypes.CACHE_NOT_FOUND,
        "cache '" + cache + "' does not exist on grid " + grid.describe() + ": " + what);
  }

  /** A response the caller did not expect: 5xx retryable, anything else a request problem. */
  static ApplicationFailure unexpected(GridAddress grid, String action, RestResponse response) {
    String message =
        action
            + " on grid "
            + grid.describe()
            + " failed with HTTP "
            + response.status()
            + ": "
            + response.shortBody();
    return response.status() >= 500
        ? retryable(SERVER_ERROR, message + " (will retry)", null)
        : nonRetryable(FailureTypes.INVALID_REQUEST, message);
  }
}
