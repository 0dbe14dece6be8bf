package io.gridshift.activities.hazelcast;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.gridshift.activities.Failures;

/**
 * Deployment maxUnavailable/maxSurge resolved against replicas exactly as the Deployment controller
 * does ({@code intstr.GetScaledValueFromIntOrPercent} and {@code ResolveFenceposts}): percentages
 * round down for maxUnavailable and up for maxSurge; both default to 25%; when both come out 0,
 * maxUnavailable becomes 1 so the rollout can progress.
 */
final class RollingUpdateMath {
  static final IntOrString DEFAULT = new IntOrString("25%");

  private RollingUpdateMath() {}

  /** [maxUnavailable, maxSurge] for {@code replicas}. */
  static int[] resolve(IntOrString maxUnavailable, IntOrString maxSurge, int replicas) {
    int surge = scaled(maxSurge == null ? DEFAULT : maxSurge, replicas, true);
    int unavailable = scaled(maxUnavailable == null ? DEFAULT : maxUnavailable, replicas, false);
    if (surge == 0 && unavailable == 0) {
      unavailable = 1;
    }
    return new int[] {unavailable, surge};
  }

  static int scaled(IntOrString value, int replicas, boolean roundUp) {
    if (value.getIntVal() != null) {
      return value.getIntVal();
    }
    String text = value.getStrVal() == null ? "" : value.getStrVal().trim();
    if (text.matches("\\d+")) {
      // A quoted number: Kubernetes' validation would refuse it, the meaning is clear.
      return Integer.parseInt(text);
    }
    if (!text.endsWith("%")) {
      throw Failures.invalidRequest(
          "'%s' is neither a number nor a percentage like 25%%".formatted(text));
    }
    int percent;
    try {
      percent = Integer.parseInt(text.substring(0, text.length() - 1));
    } catch (NumberFormatException e) {
      throw Failures.invalidRequest("'%s' is not a percentage like 25%%".formatted(text));
    }
    long product = (long) percent * replicas;
    return (int) (roundUp ? (product + 99) / 100 : product / 100);
  }
}
