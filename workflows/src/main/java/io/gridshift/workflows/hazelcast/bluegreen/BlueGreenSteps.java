package io.gridshift.workflows.hazelcast.bluegreen;

import java.util.List;

/** Step names of a Hazelcast blue-green upgrade, after the plan and record-sizes. */
public final class BlueGreenSteps {
  /** The target StatefulSet beside the source, Ready, whole and safe. Undone by deleting it. */
  public static final String DEPLOY_TARGET = "deploy-target";

  /** Journal marks, bulk copy of every map, one catch-up pass while clients write. */
  public static final String COPY_MAPS = "copy-maps";

  /** A person approves moving clients. */
  public static final String GATE_SWITCH_TRAFFIC = "gate:" + BlueGreenGates.SWITCH_TRAFFIC;

  /** Clients pause writes (they keep reading); the write pause starts at this approval. */
  public static final String GATE_WRITES_PAUSED = "gate:" + BlueGreenGates.WRITES_PAUSED;

  /** The journals drained to the end; every key and value compared. */
  public static final String DRAIN = "drain";

  /** The client Service selects the target's pods: the point of no return; writes resume. */
  public static final String SWITCH_TRAFFIC = "switch-traffic";

  /** The target's map sizes against the source's at the switch. */
  public static final String VERIFY_TARGET = "verify-target";

  /** A person approves deleting the source. */
  public static final String GATE_DELETE_SOURCE = "gate:" + BlueGreenGates.DELETE_SOURCE;

  /** The source StatefulSet deleted (its member ConfigMap stays: the target mounts it). */
  public static final String DELETE_SOURCE = "delete-source";

  /** Every blue-green step, in order. */
  public static final List<String> ALL =
      List.of(
          DEPLOY_TARGET,
          COPY_MAPS,
          GATE_SWITCH_TRAFFIC,
          GATE_WRITES_PAUSED,
          DRAIN,
          SWITCH_TRAFFIC,
          VERIFY_TARGET,
          GATE_DELETE_SOURCE,
          DELETE_SOURCE);

  private BlueGreenSteps() {}
}
