package io.gridshift.workflows.hazelcast.bluegreen;

import java.util.List;

/** The gates of a Hazelcast blue-green upgrade, named as the Infinispan upgrade's are. */
public final class BlueGreenGates {
  /** Before clients move from the source to the target. */
  public static final String SWITCH_TRAFFIC = "switch-traffic";

  /**
   * Clients confirm their writes are paused (reads go on): the last journal events drain, every key
   * is compared and the Service switches before writes resume.
   */
  public static final String WRITES_PAUSED = "writes-paused";

  /** Before deleting the source StatefulSet. */
  public static final String DELETE_SOURCE = "delete-source";

  public static final List<String> ALL = List.of(SWITCH_TRAFFIC, WRITES_PAUSED, DELETE_SOURCE);

  private BlueGreenGates() {}
}
