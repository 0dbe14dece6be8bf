package io.gridshift.workflows.hazelcast;

import io.gridshift.workflows.hazelcast.bluegreen.BlueGreenGates;
import java.util.List;
import java.util.stream.Stream;

/** The gates of a Hazelcast rolling upgrade. */
public final class HazelcastGates {
  /** Before rolling the cluster once to fix unsafe settings (only with fixUnsafeSettings). */
  public static final String FIX_SETTINGS = "fix-settings";

  /** After the first pod runs the new version (only with canary). */
  public static final String CANARY = "canary";

  /**
   * Opened when a pod does not come back Ready/safe in time: approve to resume (retry that pod),
   * reject to roll back to the previous image the same safe way.
   */
  public static final String RESUME_OR_ROLLBACK = "resume-or-rollback";

  /** The rolling path's gates, then the blue-green path's ({@link BlueGreenGates}). */
  public static final List<String> ALL =
      Stream.concat(
              Stream.of(FIX_SETTINGS, CANARY, RESUME_OR_ROLLBACK), BlueGreenGates.ALL.stream())
          .toList();

  private HazelcastGates() {}
}
