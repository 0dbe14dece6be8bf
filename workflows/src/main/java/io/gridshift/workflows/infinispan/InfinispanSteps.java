package io.gridshift.workflows.infinispan;

import io.gridshift.workflows.common.UpgradeSkeleton;
import java.util.List;

/** Step names of an Infinispan upgrade, as {@code status()}, the CLI and reports show them. */
public final class InfinispanSteps {
  public static final String PLAN = UpgradeSkeleton.PLAN;
  public static final String DEPLOY_TARGET = "deploy-target";
  public static final String CREATE_CACHES = "create-caches";
  public static final String CONNECT_SOURCE = "connect-source";

  /** Before the gate, so a refusal comes before anyone is asked to approve. */
  public static final String PROBE_WRITE_THROUGH = "probe-write-through";

  /**
   * Upgrades started before the short write pause (issue 16) only: gate writes-paused at its old
   * place, before sync-paused-caches, so that writes stayed paused for the whole sync. Skipped
   * otherwise.
   */
  public static final String GATE_WRITES_PAUSED_FOR_SYNC =
      "gate:" + InfinispanGates.WRITES_PAUSED + "-for-sync";

  /**
   * Only for caches that failed the probe, with {@code "protostream": "PAUSE_WRITES"}: sync in bulk
   * while clients still write to the source, disconnect, and warm up the catch-up reader (upgrades
   * started before issue 16: sync, verify and disconnect with writes already paused).
   */
  public static final String SYNC_PAUSED_CACHES = "sync-paused-caches";

  /**
   * Only for those caches, right before switch-traffic: a person pauses client writes to them; the
   * write pause is measured from the approval.
   */
  public static final String GATE_WRITES_PAUSED = "gate:" + InfinispanGates.WRITES_PAUSED;

  /**
   * With writes to them paused: read source and target as raw bytes, copy what differs, delete what
   * is gone; then switch-traffic follows at once.
   */
  public static final String CATCH_UP_PAUSED_CACHES = "catch-up-paused-caches";

  public static final String GATE_SWITCH_TRAFFIC = "gate:" + InfinispanGates.SWITCH_TRAFFIC;
  public static final String SWITCH_TRAFFIC = "switch-traffic";
  public static final String SYNC_DATA = "sync-data";
  public static final String VERIFY_SYNC = "verify-sync";
  public static final String GATE_CUTOVER = "gate:" + InfinispanGates.CUTOVER;
  public static final String DISCONNECT_SOURCE = "disconnect-source";
  public static final String VERIFY_TARGET = "verify-target";
  public static final String GATE_DELETE_SOURCE = "gate:" + InfinispanGates.DELETE_SOURCE;
  public static final String DELETE_SOURCE = "delete-source";

  /** Every step, in order. */
  public static final List<String> ALL =
      List.of(
          PLAN,
          DEPLOY_TARGET,
          CREATE_CACHES,
          CONNECT_SOURCE,
          PROBE_WRITE_THROUGH,
          GATE_WRITES_PAUSED_FOR_SYNC,
          SYNC_PAUSED_CACHES,
          GATE_SWITCH_TRAFFIC,
          GATE_WRITES_PAUSED,
          CATCH_UP_PAUSED_CACHES,
          SWITCH_TRAFFIC,
          SYNC_DATA,
          VERIFY_SYNC,
          GATE_CUTOVER,
          DISCONNECT_SOURCE,
          VERIFY_TARGET,
          GATE_DELETE_SOURCE,
          DELETE_SOURCE);

  private InfinispanSteps() {}
}
