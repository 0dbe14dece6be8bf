package io.gridshift.workflows.infinispan;

/**
 * Names the workflow and the deploy activities agree on. The workflow moves traffic by selector and
 * writes remote stores before the source's pinned Service has an address, so both sides must spell
 * these the same way.
 */
public final class InfinispanConventions {
  /**
   * Label every target pod carries, with the target grid's name as value. The target StatefulSet's
   * selector is exactly {@code {gridshift.io/grid: <targetGrid>}}, and switching traffic sets the
   * client Service's selector to the same map.
   */
  public static final String GRID_LABEL = "gridshift.io/grid";

  /**
   * CONFIG mode: the remote-server host in the rendered cache configurations. The deploy activity
   * replaces it with the cluster IP of the Service pinned to the source pods once it has created
   * that Service (the address the client Service had at plan time moves with the traffic).
   */
  public static final String SOURCE_HOST_PLACEHOLDER = "${gridshift.source.host}";

  /** Suffix of the Service gridshift creates pinned to the source pods: {@code <grid>-...}. */
  public static final String SOURCE_SERVICE_SUFFIX = "-gridshift-source";

  /** Pod template annotation whose change rolls the target in CONFIG mode's disconnect. */
  public static final String RESTARTED_AT_ANNOTATION = "gridshift.io/restartedAt";

  private InfinispanConventions() {}
}
