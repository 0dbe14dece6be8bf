package io.gridshift.activities.infinispan;

import io.gridshift.workflows.infinispan.activities.GridEndpoint;

/** Resolves a {@link GridEndpoint} (names and references) to an address and credentials. */
public interface GridConnector {

  /**
   * Resolves the grid's Service to a host and reads its credentials, at call time, so a rotated
   * Secret or a moved Service is picked up by the next activity attempt.
   *
   * @throws io.temporal.failure.ApplicationFailure non-retryable {@code SecretNotFound} when the
   *     named Secret or one of its keys is missing; retryable when the Kubernetes API fails
   */
  GridAddress resolve(GridEndpoint endpoint);
}
