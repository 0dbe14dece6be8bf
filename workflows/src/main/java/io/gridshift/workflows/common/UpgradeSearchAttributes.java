package io.gridshift.workflows.common;

import io.temporal.common.SearchAttributeKey;
import java.util.List;

/**
 * The custom search attributes of an upgrade, all of type Keyword, so that people can find upgrades
 * in the Temporal UI ({@code GridshiftGrid = "dg" AND GridshiftPhase = "WAITING_APPROVAL"}). The
 * worker registers them at start where the server allows it; the workflow upserts only the ones the
 * worker found registered (an unknown key fails the workflow task on every retry, so the upgrade
 * would hang).
 */
public final class UpgradeSearchAttributes {
  /** {@code infinispan} or {@code hazelcast}. */
  public static final SearchAttributeKey<String> KIND =
      SearchAttributeKey.forKeyword("GridshiftKind");

  /** The cluster name as configured in the worker. */
  public static final SearchAttributeKey<String> CLUSTER =
      SearchAttributeKey.forKeyword("GridshiftCluster");

  /** The grid's namespace. */
  public static final SearchAttributeKey<String> NAMESPACE =
      SearchAttributeKey.forKeyword("GridshiftNamespace");

  /** The grid (StatefulSet, Deployment or Infinispan cluster) name. */
  public static final SearchAttributeKey<String> GRID =
      SearchAttributeKey.forKeyword("GridshiftGrid");

  /** The version running before the upgrade, once the plan knows it. */
  public static final SearchAttributeKey<String> SOURCE_VERSION =
      SearchAttributeKey.forKeyword("GridshiftSourceVersion");

  /** The version requested. */
  public static final SearchAttributeKey<String> TARGET_VERSION =
      SearchAttributeKey.forKeyword("GridshiftTargetVersion");

  /** The step running or waiting now. */
  public static final SearchAttributeKey<String> STEP =
      SearchAttributeKey.forKeyword("GridshiftStep");

  /** The overall {@link Phase}. */
  public static final SearchAttributeKey<String> PHASE =
      SearchAttributeKey.forKeyword("GridshiftPhase");

  /** The fleet workflow id a fleet run and each of its children carry. */
  public static final SearchAttributeKey<String> FLEET =
      SearchAttributeKey.forKeyword("GridshiftFleet");

  /** The fleet stage running (on the fleet) or the stage a child belongs to. */
  public static final SearchAttributeKey<String> STAGE =
      SearchAttributeKey.forKeyword("GridshiftStage");

  /** Every key, in the order they are documented. */
  public static final List<SearchAttributeKey<String>> ALL =
      List.of(
          KIND,
          CLUSTER,
          NAMESPACE,
          GRID,
          SOURCE_VERSION,
          TARGET_VERSION,
          STEP,
          PHASE,
          FLEET,
          STAGE);

  private UpgradeSearchAttributes() {}

  /** The names of every key. */
  public static List<String> names() {
    return ALL.stream().map(SearchAttributeKey::getName).toList();
  }
}
