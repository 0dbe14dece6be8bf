package io.gridshift.starter;

import com.fasterxml.jackson.databind.DeserializationFeature;
import io.gridshift.workflows.hazelcast.HazelcastPlan;
import io.gridshift.workflows.hazelcast.HazelcastPlanner;
import java.util.List;
import java.util.Locale;

/** The grid kinds gridshift upgrades; the {@code kind} field of a request file. */
public enum UpgradeKind {
  /** Any problem an Infinispan plan finds fails the dry run itself: the plan has no verdict. */
  INFINISPAN {
    @Override
    List<String> refusals(UpgradeRequests.Parsed parsed, Object plan) {
      return List.of();
    }
  },

  /**
   * A Hazelcast dry run returns its plan with every preflight violation; {@link
   * HazelcastPlanner#refusal} decides, as the real run does, whether they refuse the upgrade.
   */
  HAZELCAST {
    @Override
    List<String> refusals(UpgradeRequests.Parsed parsed, Object plan) {
      if (plan == null) {
        return List.of();
      }
      HazelcastPlan hazelcast =
          Json.mapper()
              .copy()
              .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
              .convertValue(plan, HazelcastPlan.class);
      if (HazelcastPlanner.refusal(parsed.hazelcast(), hazelcast) == null) {
        return List.of();
      }
      return hazelcast.violations().stream().map(v -> "[" + v.rule() + "] " + v.message()).toList();
    }
  };

  /**
   * Every reason why this kind's own rules refuse {@code plan} (the {@code plan} of a dry run's
   * status, as JSON-shaped maps, or null), each saying what to do; empty when they accept it.
   */
  abstract List<String> refusals(UpgradeRequests.Parsed parsed, Object plan);

  /** Parses a kind name, case-insensitively, with a message listing the kinds. */
  public static UpgradeKind parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(
          "unknown kind '"
              + name
              + "'; kinds: "
              + java.util.Arrays.toString(values()).toLowerCase());
    }
  }
}
