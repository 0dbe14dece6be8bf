package io.gridshift.workflows.hazelcast;

import io.gridshift.workflows.common.UpgradeSkeleton;
import io.gridshift.workflows.hazelcast.bluegreen.BlueGreenSteps;
import java.util.List;
import java.util.stream.Stream;

/**
 * Step names of a Hazelcast rolling upgrade, as {@code status()}, the CLI and reports show them.
 */
public final class HazelcastSteps {
  /** Validate the request, read the workload and the members, run the preflight. */
  public static final String PLAN = UpgradeSkeleton.PLAN;

  /** Only with fixUnsafeSettings when every violation is a fixable setting. */
  public static final String GATE_FIX_SETTINGS = "gate:" + HazelcastGates.FIX_SETTINGS;

  /** Writes the safe settings and paces the roll they cause, like the upgrade's. */
  public static final String FIX_SETTINGS = "fix-settings";

  /** Entry count of every map, to compare at verify. */
  public static final String RECORD_SIZES = "record-sizes";

  /** StatefulSet: partition = replicas (no pod moves), then the new image into the template. */
  public static final String HOLD = "hold";

  /**
   * StatefulSet: the highest ordinal takes the new image; Ready, whole and safe before going on.
   */
  public static final String ROLL_FIRST_POD = "roll-first-pod";

  /** Only with canary: a person checks the first upgraded member. */
  public static final String GATE_CANARY = "gate:" + HazelcastGates.CANARY;

  /** The other pods one at a time (StatefulSet), or the whole watched rollout (Deployment). */
  public static final String ROLL = "roll";

  /** Only after a rejected canary or resume-or-rollback: the previous image, paced the same way. */
  public static final String ROLLBACK = "rollback";

  /** Member versions, cluster version, map entry counts. */
  public static final String VERIFY = "verify";

  /** Every step of either path, in order: the rolling steps, then the blue-green ones. */
  public static final List<String> ALL =
      Stream.concat(
              Stream.of(
                  PLAN,
                  GATE_FIX_SETTINGS,
                  FIX_SETTINGS,
                  RECORD_SIZES,
                  HOLD,
                  ROLL_FIRST_POD,
                  GATE_CANARY,
                  ROLL,
                  ROLLBACK,
                  VERIFY),
              BlueGreenSteps.ALL.stream())
          .toList();

  private HazelcastSteps() {}
}
