package io.gridshift.workflows.infinispan;

import java.util.List;

/** The gates of an Infinispan upgrade, in the order they open. */
public final class InfinispanGates {
  /**
   * Opens only with {@code "protostream": "PAUSE_WRITES"} when a cache failed the write-through
   * probe: a person confirms that client writes to those caches are paused (reads continue), or
   * that nothing writes to them, before gridshift syncs and disconnects them.
   */
  public static final String WRITES_PAUSED = "writes-paused";

  /** Before client traffic moves from the source Service selector to the target. */
  public static final String SWITCH_TRAFFIC = "switch-traffic";

  /** Before disconnecting the source: after it, writes live only on the target. */
  public static final String CUTOVER = "cutover";

  /** Before deleting the source grid's resources. */
  public static final String DELETE_SOURCE = "delete-source";

  public static final List<String> ALL =
      List.of(WRITES_PAUSED, SWITCH_TRAFFIC, CUTOVER, DELETE_SOURCE);

  private InfinispanGates() {}
}
