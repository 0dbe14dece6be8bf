package io.gridshift.workflows.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.workflows.activities.WorkloadKind;
import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.common.UpgradeStop;
import io.gridshift.workflows.hazelcast.activities.ClusterSnapshot;
import io.gridshift.workflows.hazelcast.activities.HazelcastWorkload;
import io.gridshift.workflows.hazelcast.activities.MemberFeatures;
import io.gridshift.workflows.hazelcast.activities.MemberHealth;
import io.gridshift.workflows.request.HazelcastUpgradeRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The blue-green plan's event-journal rules (issue 18): every map the upgrade moves needs an
 * enabled journal in the member configuration, found as a member finds its map configuration (exact
 * name, best wildcard, {@code default}); a small one is a warning.
 */
class HazelcastJournalRulesTest {
  private static final ClusterRef DEMO = new ClusterRef("local", "demo");
  private static final List<String> UUIDS = List.of("u0", "u1", "u2");

  private final Map<String, Integer> journals = new LinkedHashMap<>();
  private final Map<String, Long> maps = new LinkedHashMap<>(Map.of("orders", 100_000L));
  private String target = "5.5.0";
  private final Map<String, String> properties =
      new LinkedHashMap<>(
          Map.of(
              "hazelcast.shutdownhook.policy", "GRACEFUL",
              "hazelcast.graceful.shutdown.max.wait", "600"));
  private boolean fixUnsafeSettings;

  private HazelcastWorkload workload() {
    return new HazelcastWorkload(
        "hz",
        WorkloadKind.STATEFULSET,
        3,
        3,
        "hazelcast",
        "hazelcast/hazelcast:5.3.8",
        "5.3.8",
        600,
        properties,
        Map.of(),
        "RollingUpdate",
        0,
        null,
        null,
        "hz-config",
        null,
        null,
        new MemberFeatures(0, List.of(), journals));
  }

  private HazelcastUpgradeRequest request() {
    return new HazelcastUpgradeRequest(
            DEMO,
            "hz",
            null,
            target,
            null,
            null,
            null,
            null,
            fixUnsafeSettings,
            null,
            null,
            null,
            null,
            "alice",
            null)
        .withDefaults();
  }

  private static MemberHealth member(int i) {
    return new MemberHealth(
        "hz-" + i,
        "10.0.0." + i + ":5701",
        "5.3.8",
        "ACTIVE",
        "ACTIVE",
        true,
        0,
        3,
        true,
        UUIDS.get(i),
        UUIDS);
  }

  private HazelcastPlan plan() {
    HazelcastPlan plan =
        HazelcastPlanner.plan(
            request(),
            workload(),
            new ClusterSnapshot(List.of(member(0), member(1), member(2)), "5.3"));
    return HazelcastPlanner.needsMaps(plan)
        ? HazelcastPlanner.withJournals(plan, request(), workload(), maps)
        : plan;
  }

  @Test
  void aMapWithoutAJournalRefusesTheBlueGreenPlanNamingItAndTheFix() {
    journals.put("default", 0);
    maps.put("sessions", 10L);
    journals.put("sessions", 5_000);

    HazelcastPlan plan = plan();

    assertThat(plan.blueGreen()).isTrue();
    assertThat(plan.refused()).isTrue();
    assertThat(plan.violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.rule()).isEqualTo(HazelcastJournalRules.EVENT_JOURNAL);
              assertThat(v.message())
                  .startsWith(
                      "StatefulSet demo/hz: the blue-green upgrade follows each map's event"
                          + " journal while it copies, and the member configuration (ConfigMap"
                          + " hz-config) gives orders (config default) no enabled event-journal;")
                  .contains("event-journal: {enabled: true, capacity: 100000}")
                  .contains("<event-journal enabled=\"true\">")
                  .contains("restart the source's members with it at their current version")
                  .contains("gridshift does not roll the source for it");
            });
    UpgradeStop stop = HazelcastPlanner.refusal(request(), plan);
    assertThat(stop.type()).isEqualTo(FailureTypes.UNSAFE_CONFIGURATION);
  }

  @Test
  void noMapConfigurationAtAllMeansNoJournal() {
    maps.put("sessions", 10L);

    assertThat(plan().violations())
        .singleElement()
        .satisfies(v -> assertThat(v.message()).contains("gives orders, sessions no enabled"));
  }

  @Test
  void aJournalOnDefaultCoversEveryMapWithoutItsOwnConfiguration() {
    journals.put("default", 100_000);

    assertThat(plan().violations()).isEmpty();
    assertThat(plan().warnings()).isEmpty();
  }

  @Test
  void aMapsOwnConfigurationDoesNotInheritDefaultsJournal() {
    journals.put("default", 100_000);
    journals.put("orders", 0);

    assertThat(plan().violations())
        .singleElement()
        .satisfies(v -> assertThat(v.message()).contains("gives orders no enabled"));
  }

  @Test
  void theLongestMatchingWildcardDecides() {
    journals.put("default", 100_000);
    journals.put("ord*", 100_000);
    journals.put("orders-*", 0);
    maps.clear();
    maps.put("orders-eu", 10L);
    maps.put("ordinal", 10L);

    assertThat(HazelcastJournalRules.configFor("orders-eu", journals)).isEqualTo("orders-*");
    assertThat(HazelcastJournalRules.configFor("ordinal", journals)).isEqualTo("ord*");
    assertThat(HazelcastJournalRules.configFor("users", journals)).isEqualTo("default");
    assertThat(plan().violations())
        .singleElement()
        .satisfies(
            v -> assertThat(v.message()).contains("gives orders-eu (config orders-*) no enabled"));
  }

  @Test
  void fixUnsafeSettingsCannotAddAJournalSoThePlanIsRefusedNotFixedFirst() {
    fixUnsafeSettings = true;
    properties.put("hazelcast.shutdownhook.policy", "TERMINATE"); // fixable on its own
    journals.put("default", 100_000);
    assertThat(plan().fixSettingsFirst()).isTrue();
    journals.put("default", 0);

    HazelcastPlan plan = plan();

    assertThat(plan.violations())
        .extracting(v -> v.rule())
        .containsExactly(HazelcastPreflight.SHUTDOWN_HOOK, HazelcastJournalRules.EVENT_JOURNAL);
    assertThat(plan.fixSettingsFirst()).isFalse();
    assertThat(plan.refused()).isTrue();
  }

  @Test
  void aJournalSmallForItsMapIsAWarningThatACopyRepeatsNotARefusal() {
    journals.put("default", 5_000);

    HazelcastPlan plan = plan();

    assertThat(plan.violations()).isEmpty();
    assertThat(plan.warnings())
        .containsExactly(
            "map orders: event-journal capacity 5000 (config default, about 18 events per"
                + " partition) is below 10000 for its 100000 entries: writes during the copy may"
                + " overrun a partition's journal, which costs a copy of that partition again, not"
                + " data; raise capacity to at least 10000 to avoid it");
  }

  @Test
  void theRollingPathNeedsNoJournal() {
    target = "5.3.9";

    HazelcastPlan plan = plan();

    assertThat(plan.path()).isEqualTo(HazelcastPath.ROLLING);
    assertThat(plan.violations()).isEmpty();
    assertThat(HazelcastPlanner.needsMaps(plan)).isFalse();
  }
}
