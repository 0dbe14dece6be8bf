package io.gridshift.workflows.infinispan.activities;

import io.gridshift.workflows.common.ClusterRef;

/**
 * How an activity reaches one grid's servers: through a Service (resolved by the worker to its
 * cluster IP or DNS name), with optional digest credentials read from a Secret at call time.
 *
 * @param cluster cluster and namespace
 * @param service a Service selecting exactly this grid's pods
 * @param port Hot Rod / REST port (single endpoint)
 * @param credentialsSecret Secret with {@code username} and {@code password}, or null for no auth
 * @param tlsSecret Secret with the grid's CA certificates in {@code ca.crt} (PEM): the grid speaks
 *     TLS and gridshift trusts those CAs; null for plain connections
 */
public record GridEndpoint(
    ClusterRef cluster, String service, int port, String credentialsSecret, String tlsSecret) {

  /** An endpoint reached without TLS. */
  public GridEndpoint(ClusterRef cluster, String service, int port, String credentialsSecret) {
    this(cluster, service, port, credentialsSecret, null);
  }
}
