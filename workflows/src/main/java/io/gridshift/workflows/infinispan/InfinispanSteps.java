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

  /** Only for caches that failed the probe, with {@code "protostream": "PAUSE_WRITES"}. */
  public static final String GATE_WRITES_PAUSED = "gate:" + InfinispanGates.WRITES_PAUSED;

  /**
   * Sync, verify and disconnect the caches whose client writes are paused, before traffic moves.
   */
  public static final String SYNC_PAUSED_CACHES = "sync-paused-caches";

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
          GATE_WRITES_PAUSED,
          SYNC_PAUSED_CACHES,
          GATE_SWITCH_TRAFFIC,
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
