package io.gridshift.workflows.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.workflows.activities.WorkloadKind;
import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.hazelcast.HazelcastPreflight.Violation;
import io.gridshift.workflows.hazelcast.activities.ClusterSnapshot;
import io.gridshift.workflows.hazelcast.activities.HazelcastWorkload;
import io.gridshift.workflows.hazelcast.activities.MemberHealth;
import io.gridshift.workflows.request.HazelcastUpgradeRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One test per rule, safe and unsafe, with the exact message. */
class HazelcastPreflightTest {
  private static final ClusterRef DEMO = new ClusterRef("local", "demo");

  // A safe 3-member 5.3.6 StatefulSet hz, as seed 003 recommends; each test changes one thing.
  private WorkloadKind kind = WorkloadKind.STATEFULSET;
  private int replicas = 3;
  private int ready = 3;
  private String image = "hazelcast/hazelcast:5.3.6";
  private String version = "5.3.6";
  private int grace = 600;
  private final Map<String, String> props =
      new HashMap<>(
          Map.of(
              "hazelcast.shutdownhook.policy", "GRACEFUL",
              "hazelcast.graceful.shutdown.max.wait", "600"));
  private Map<String, Integer> backups = Map.of("orders", 1, "sessions", 2);
  private String strategy = "RollingUpdate";
  private Integer maxUnavailable;
  private Integer maxSurge;
  private String target = "5.3.8";
  private HazelcastEdition edition = HazelcastEdition.OPEN_SOURCE;
  private List<MemberHealth> members =
      List.of(member("hz-0", true, 0, 3), member("hz-1", true, 0, 3), member("hz-2", true, 0, 3));

  /**
   * Member {@code pod} seeing {@code size} members: itself and the lowest other ordinals (hz-2
   * seeing 1 is alone; hz-0 and hz-1 seeing 2 see each other).
   */
  private static MemberHealth member(String pod, boolean safe, int queue, int size) {
    List<String> seen = new java.util.ArrayList<>(List.of("u-" + pod));
    for (int i = 0; seen.size() < size; i++) {
      if (!pod.equals("hz-" + i)) {
        seen.add("u-hz-" + i);
      }
    }
    return new MemberHealth(
        pod,
        pod + ":5701",
        "5.3.6",
        "ACTIVE",
        "ACTIVE",
        safe,
        queue,
        size,
        true,
        "u-" + pod,
        seen.stream().sorted().toList());
  }

  private static MemberHealth unreachable(String pod) {
    return new MemberHealth(pod, null, null, null, null, false, 0, 0, false, null, List.of());
  }

  private HazelcastWorkload workload() {
    return new HazelcastWorkload(
        "hz",
        kind,
        replicas,
        ready,
        "hazelcast",
        image,
        version,
        grace,
        props,
        backups,
        strategy,
        0,
        maxUnavailable,
        maxSurge,
        null,
        null);
  }

  private HazelcastUpgradeRequest request() {
    return new HazelcastUpgradeRequest(
            DEMO, "hz", kind, target, null, null, null, edition, null, null, null, null, null, null,
            null)
        .withDefaults();
  }

  private ClusterSnapshot snapshot() {
    return new ClusterSnapshot(members, "5.3");
  }

  private List<Violation> check() {
    return HazelcastPreflight.check(request(), workload(), snapshot());
  }

  /** {@code n} healthy members hz-0.., each seeing {@code n}. */
  private static List<MemberHealth> whole(int n) {
    return java.util.stream.IntStream.range(0, n)
        .mapToObj(i -> member("hz-" + i, true, 0, n))
        .toList();
  }

  private List<String> messages() {
    return check().stream().map(Violation::message).toList();
  }

  private void deployment() {
    kind = WorkloadKind.DEPLOYMENT;
    maxUnavailable = 1;
    maxSurge = 0;
  }

  @Test
  void safeStatefulSetPasses() {
    assertThat(check()).isEmpty();
  }

  @Test
  void shutdownHookMustBeGraceful() {
    props.remove("hazelcast.shutdownhook.policy");
    assertThat(messages())
        .containsExactly(
            "StatefulSet demo/hz: hazelcast.shutdownhook.policy is not set, so a member stops on"
                + " SIGTERM (TERMINATE) without handing over its partitions; add"
                + " -Dhazelcast.shutdownhook.policy=GRACEFUL to JAVA_OPTS of container hazelcast");
    props.put("hazelcast.shutdownhook.policy", "TERMINATE");
    assertThat(check())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.rule()).isEqualTo(HazelcastPreflight.SHUTDOWN_HOOK);
              assertThat(v.message())
                  .isEqualTo(
                      "StatefulSet demo/hz: hazelcast.shutdownhook.policy is TERMINATE, so a"
                          + " member stops on SIGTERM without handing over its partitions; add"
                          + " -Dhazelcast.shutdownhook.policy=GRACEFUL to JAVA_OPTS of container"
                          + " hazelcast");
              assertThat(v.fixable()).isTrue();
            });
    props.put("hazelcast.shutdownhook.policy", "graceful");
    assertThat(check()).isEmpty();
  }

  @Test
  void maxWaitMustBeSetAndFitTheGracePeriod() {
    grace = 30;
    assertThat(messages())
        .containsExactly(
            "StatefulSet demo/hz: terminationGracePeriodSeconds 30 is shorter than"
                + " hazelcast.graceful.shutdown.max.wait 600; raise it to at least 600");
    props.remove("hazelcast.graceful.shutdown.max.wait");
    assertThat(messages())
        .containsExactly(
            "StatefulSet demo/hz: hazelcast.graceful.shutdown.max.wait is not set; add"
                + " -Dhazelcast.graceful.shutdown.max.wait=<seconds> to JAVA_OPTS of container"
                + " hazelcast, at most terminationGracePeriodSeconds 30");
    props.put("hazelcast.graceful.shutdown.max.wait", "10m");
    assertThat(messages())
        .containsExactly(
            "StatefulSet demo/hz: hazelcast.graceful.shutdown.max.wait '10m' is not a number of"
                + " seconds; set it to a number of seconds, at most terminationGracePeriodSeconds"
                + " 30");
    props.put("hazelcast.graceful.shutdown.max.wait", "30");
    assertThat(check()).isEmpty();
  }

  @Test
  void deploymentMaxUnavailableMustNotExceedTheSmallestBackupCount() {
    deployment();
    assertThat(check()).isEmpty();
    maxUnavailable = 2;
    assertThat(messages())
        .containsExactly(
            "Deployment demo/hz: maxUnavailable 2 is above the smallest map backup-count 1 (map"
                + " orders), so a partition and all its backups can stop together; set"
                + " spec.strategy.rollingUpdate.maxUnavailable to 1");
    backups = Map.of();
    maxUnavailable = 2;
    assertThat(messages())
        .containsExactly(
            "Deployment demo/hz: maxUnavailable 2 is above the smallest map backup-count 1"
                + " (Hazelcast's default), so a partition and all its backups can stop together;"
                + " set spec.strategy.rollingUpdate.maxUnavailable to 1");
    strategy = "Recreate";
    assertThat(messages())
        .containsExactly(
            "Deployment demo/hz: strategy Recreate stops every member at once; set"
                + " spec.strategy.type RollingUpdate with maxUnavailable 1 and maxSurge 0");
  }

  @Test
  void deploymentDefaultsOf25PercentAsTheInspectorResolvesThem() {
    // Unset maxUnavailable/maxSurge reach the preflight resolved by the inspector
    // (RollingUpdateMath): 25% of replicas, rounded down for maxUnavailable and up for maxSurge.
    deployment();
    // 3 replicas: 0 unavailable, 1 surge.
    maxUnavailable = 0;
    maxSurge = 1;
    assertThat(messages())
        .containsExactly(
            "Deployment demo/hz: maxSurge 1 starts new members before old ones have left; set"
                + " spec.strategy.rollingUpdate.maxSurge to 0");
    // 8 replicas: 2 and 2, above map orders' backup-count 1.
    replicas = 8;
    ready = 8;
    members = whole(8);
    maxUnavailable = 2;
    maxSurge = 2;
    assertThat(check())
        .extracting(Violation::rule, Violation::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                HazelcastPreflight.MAX_UNAVAILABLE,
                "Deployment demo/hz: maxUnavailable 2 is above the smallest map backup-count 1"
                    + " (map orders), so a partition and all its backups can stop together; set"
                    + " spec.strategy.rollingUpdate.maxUnavailable to 1"),
            org.assertj.core.groups.Tuple.tuple(
                HazelcastPreflight.MAX_SURGE,
                "Deployment demo/hz: maxSurge 2 starts new members before old ones have left; set"
                    + " spec.strategy.rollingUpdate.maxSurge to 0"));
  }

  @Test
  void deploymentWithoutResolvedNumbersAssumesKubernetesDefaultsOf25Percent() {
    deployment();
    maxUnavailable = null;
    maxSurge = null;
    // 3 replicas: 25% is 0 down (0.75) and 1 up.
    assertThat(messages())
        .containsExactly(
            "Deployment demo/hz: maxSurge 1 starts new members before old ones have left; set"
                + " spec.strategy.rollingUpdate.maxSurge to 0");
    // 8 replicas: 2 and 2.
    replicas = 8;
    ready = 8;
    members = whole(8);
    assertThat(messages())
        .containsExactly(
            "Deployment demo/hz: maxUnavailable 2 is above the smallest map backup-count 1 (map"
                + " orders), so a partition and all its backups can stop together; set"
                + " spec.strategy.rollingUpdate.maxUnavailable to 1",
            "Deployment demo/hz: maxSurge 2 starts new members before old ones have left; set"
                + " spec.strategy.rollingUpdate.maxSurge to 0");
    // 5 replicas: 1 down (1.25), 2 up; maxUnavailable 1 fits backup-count 1.
    replicas = 5;
    ready = 5;
    members = whole(5);
    maxSurge = 0;
    assertThat(check()).isEmpty();
  }

  @Test
  void deploymentFallbackAppliesKubernetesFencepost() {
    deployment();
    maxUnavailable = null;
    maxSurge = 0;
    backups = Map.of("orders", 0);
    assertThat(check())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.rule()).isEqualTo(HazelcastPreflight.MAX_UNAVAILABLE);
              assertThat(v.message())
                  .startsWith(
                      "Deployment demo/hz: maxUnavailable 1 is above the smallest map"
                          + " backup-count 0 (map orders)");
            });
  }

  @Test
  void deploymentWithAMapWithoutBackupsNamesTheMapOnce() {
    deployment();
    backups = Map.of("orders", 0, "sessions", 2);
    assertThat(check())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.rule()).isEqualTo(HazelcastPreflight.MAX_UNAVAILABLE);
              assertThat(v.message())
                  .isEqualTo(
                      "Deployment demo/hz: maxUnavailable 1 is above the smallest map"
                          + " backup-count 0 (map orders), so a partition and all its backups can"
                          + " stop together; give map orders a backup-count of at least 1");
              assertThat(v.fix()).isEqualTo("give map orders a backup-count of at least 1");
            });
  }

  @Test
  void deploymentMaxSurgeMustBeZero() {
    deployment();
    maxSurge = 1;
    assertThat(check())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.rule()).isEqualTo(HazelcastPreflight.MAX_SURGE);
              assertThat(v.message())
                  .isEqualTo(
                      "Deployment demo/hz: maxSurge 1 starts new members before old ones have"
                          + " left; set spec.strategy.rollingUpdate.maxSurge to 0");
              assertThat(v.fixable()).isFalse();
            });
  }

  @Test
  void openSourceRollsPatchVersionsAndMovesToALaterMinorBlueGreen() {
    target = "5.3.7";
    assertThat(check()).isEmpty();
    target = "5.4.0";
    assertThat(check()).as("blue-green, see HazelcastPathsTest").isEmpty();
    // Histories recorded before the paths replay with the rolling rules: refused as they were.
    assertThat(
            HazelcastPreflight.check(
                    request(), workload(), snapshot(), HazelcastPreflight.Rules.ROLLING_ONLY)
                .stream()
                .map(Violation::message))
        .containsExactly(
            "StatefulSet demo/hz: 5.3.6 -> 5.4.0 changes the minor version and the open-source"
                + " edition rolls patch versions only; choose a 5.3.x targetVersion, or set"
                + " edition ENTERPRISE if the cluster runs Hazelcast Enterprise");
  }

  @Test
  void enterpriseRollsTheNextMinorWithClusterVersionAutoUpgrade() {
    edition = HazelcastEdition.ENTERPRISE;
    target = "5.4.0";
    assertThat(messages())
        .containsExactly(
            "StatefulSet demo/hz: 5.3.6 -> 5.4.0 is a minor upgrade and"
                + " hazelcast.cluster.version.auto.upgrade.enabled is not true, so the cluster"
                + " would stay on version 5.3; add"
                + " -Dhazelcast.cluster.version.auto.upgrade.enabled=true to JAVA_OPTS of container"
                + " hazelcast");
    props.put("hazelcast.cluster.version.auto.upgrade.enabled", "true");
    assertThat(check()).isEmpty();
    target = "5.5.0";
    assertThat(messages())
        .containsExactly(
            "StatefulSet demo/hz: 5.3.6 -> 5.5.0 is not a jump to the next minor version, the only"
                + " one Enterprise rolls; upgrade to a 5.4.x version first");
  }

  @Test
  void enterpriseMajorJumpIsRefusedWithItsMessage() {
    edition = HazelcastEdition.ENTERPRISE;
    props.put("hazelcast.cluster.version.auto.upgrade.enabled", "true");
    target = "6.0.0";
    assertThat(check())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.rule()).isEqualTo(HazelcastVersionRules.JUMP);
              assertThat(v.message())
                  .isEqualTo(
                      "StatefulSet demo/hz: 5.3.6 -> 6.0.0 changes the major version, which no"
                          + " rolling upgrade can; start a new 6.0 cluster beside this one and"
                          + " move clients and data to it (blue-green)");
              assertThat(v.fix())
                  .isEqualTo(
                      "start a new 6.0 cluster beside this one and move clients and data to it"
                          + " (blue-green)");
              assertThat(v.aboutVersion()).isTrue();
              assertThat(v.fixable()).isFalse();
            });
    // The jump is refused before auto-upgrade is looked at: one violation, not two.
    props.remove("hazelcast.cluster.version.auto.upgrade.enabled");
    assertThat(check()).extracting(Violation::rule).containsExactly(HazelcastVersionRules.JUMP);
  }

  @Test
  void versionThatCannotBeReadFromTheImageTagIsRefused() {
    image = "hazelcast/hazelcast:latest";
    version = "latest";
    assertThat(check())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.rule()).isEqualTo(HazelcastVersionRules.JUMP);
              assertThat(v.message())
                  .isEqualTo(
                      "StatefulSet demo/hz: the version of image hazelcast/hazelcast:latest"
                          + " cannot be read from its tag; tag the image with its Hazelcast"
                          + " version, e.g. hazelcast/hazelcast:5.3.6");
              assertThat(v.fix())
                  .isEqualTo(
                      "tag the image with its Hazelcast version, e.g. hazelcast/hazelcast:5.3.6");
              assertThat(v.aboutVersion()).isTrue();
            });
    // A digest without a tag: the inspector reads no version at all.
    image = "hazelcast/hazelcast@sha256:0123abcd";
    version = null;
    edition = HazelcastEdition.ENTERPRISE;
    target = "5.4.0";
    assertThat(messages())
        .containsExactly(
            "StatefulSet demo/hz: the version of image hazelcast/hazelcast@sha256:0123abcd cannot"
                + " be read from its tag; tag the image with its Hazelcast version, e.g."
                + " hazelcast/hazelcast:5.3.6");
    // The planner builds the plan anyway and refuses it as an unsupported version.
    HazelcastPlan plan = HazelcastPlanner.plan(request(), workload(), snapshot());
    assertThat(plan.expectedClusterVersion()).isEqualTo("5.3");
    assertThat(HazelcastPlanner.refusal(request(), plan).type())
        .isEqualTo(FailureTypes.UNSUPPORTED_VERSION);
  }

  @Test
  void downgradeAndSameVersionAreRefused() {
    target = "5.3.5";
    assertThat(messages())
        .containsExactly(
            "StatefulSet demo/hz: runs 5.3.6 and targetVersion 5.3.5 is older: members cannot roll"
                + " back; choose a targetVersion newer than 5.3.6");
    target = "5.3.6";
    assertThat(messages())
        .containsExactly(
            "StatefulSet demo/hz: already runs 5.3.6; choose a targetVersion newer than 5.3.6");
    assertThat(check().get(0).aboutVersion()).isTrue();
  }

  @Test
  void newerTargetPassesTheDowngradeRule() {
    target = "5.3.7";
    assertThat(check()).isEmpty();
    // Compared as numbers: 5.3.10 is newer than 5.3.6 although it sorts before it as text.
    target = "5.3.10";
    assertThat(check()).isEmpty();
    edition = HazelcastEdition.ENTERPRISE;
    props.put("hazelcast.cluster.version.auto.upgrade.enabled", "true");
    target = "5.4.0";
    assertThat(check()).isEmpty();
  }

  @Test
  void olderMinorIsADowngradeNotAJump() {
    target = "5.2.9";
    assertThat(check())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.rule()).isEqualTo(HazelcastVersionRules.DOWNGRADE);
              assertThat(v.message())
                  .isEqualTo(
                      "StatefulSet demo/hz: runs 5.3.6 and targetVersion 5.2.9 is older: members"
                          + " cannot roll back; choose a targetVersion newer than 5.3.6");
              assertThat(v.fix()).isEqualTo("choose a targetVersion newer than 5.3.6");
            });
  }

  @Test
  void wholeClusterPassesClusterWhole() {
    // Every pod Ready and every member sees all three, yet one is still migrating: only
    // cluster-safe fails, so cluster-whole is judged on its own.
    members =
        List.of(
            member("hz-0", true, 0, 3), member("hz-1", false, 7, 3), member("hz-2", true, 0, 3));
    assertThat(check())
        .extracting(Violation::rule)
        .containsExactly(HazelcastPreflight.CLUSTER_SAFE);
    kind = WorkloadKind.DEPLOYMENT;
    maxUnavailable = 1;
    maxSurge = 0;
    replicas = 5;
    ready = 5;
    members = whole(5);
    assertThat(check()).isEmpty();
  }

  @Test
  void memberThatSeesFewerMembersBreaksClusterWhole() {
    // All pods Ready and reachable, but hz-2 formed its own cluster (split brain).
    members =
        List.of(member("hz-0", true, 0, 2), member("hz-1", true, 0, 2), member("hz-2", true, 0, 1));
    assertThat(check())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.rule()).isEqualTo(HazelcastPreflight.CLUSTER_WHOLE);
              assertThat(v.message())
                  .isEqualTo(
                      "StatefulSet demo/hz: the cluster is not whole: 3 of 3 pods ready; hz-0"
                          + " (clusterSize 2, clusterSafe true, migrationQueueSize 0), hz-1"
                          + " (clusterSize 2, clusterSafe true, migrationQueueSize 0), hz-2"
                          + " (clusterSize 1, clusterSafe true, migrationQueueSize 0); hz-0"
                          + " (hz-0:5701) is not in one cluster with the other pods: it does not"
                          + " see hz-2; hz-1 (hz-1:5701) is not in one cluster with the other"
                          + " pods: it does not see hz-2; hz-2 (hz-2:5701) is not in one cluster"
                          + " with the other pods: it does not see hz-0, hz-1; make the members"
                          + " join one cluster (their cluster-name and discovery or member list"
                          + " in the member configuration), then start again");
            });
  }

  @Test
  void membersOfTwoClustersOfTheExpectedSizeAreNotWhole() {
    // hz-0 and hz-1 each report a safe cluster of 2, but not the same one: hz-0 with a member
    // none of the pods runs, hz-1 with another (hazelcast#13302's lone member, one size up).
    replicas = 2;
    ready = 2;
    members =
        List.of(
            withSet(member("hz-0", true, 0, 2), "u-hz-0", "u-elsewhere-a"),
            withSet(member("hz-1", true, 0, 2), "u-hz-1", "u-elsewhere-b"));
    assertThat(check())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.rule()).isEqualTo(HazelcastPreflight.CLUSTER_WHOLE);
              assertThat(v.message())
                  .contains(
                      "hz-0 (hz-0:5701) is not in one cluster with the other pods: it does not see"
                          + " hz-1 and sees 1 member that no answering pod runs (u-elsewh)")
                  .contains("hz-1 (hz-1:5701) is not in one cluster with the other pods");
            });
    // The rules before issue 18 compared sizes only, and were fooled.
    assertThat(
            HazelcastPreflight.check(
                request(), workload(), snapshot(), HazelcastPreflight.Rules.ROLLING_ONLY))
        .isEmpty();
  }

  @Test
  void aMemberThatDoesNotSayWhoItSeesIsNotWhole() {
    members =
        List.of(
            member("hz-0", true, 0, 3),
            member("hz-1", true, 0, 3),
            withSet(member("hz-2", true, 0, 3)));
    assertThat(messages())
        .singleElement()
        .asString()
        .contains(
            "hz-2 (hz-2:5701) did not report its member list on /hazelcast/rest/cluster, so it"
                + " cannot be shown to be in one cluster with the others (enable the"
                + " CLUSTER_READ REST endpoint group)");
  }

  @Test
  void safeMembersPassClusterSafe() {
    // An unreachable member breaks cluster-whole; cluster-safe judges the members that answer.
    ready = 2;
    members = List.of(member("hz-0", true, 0, 2), member("hz-1", true, 0, 2), unreachable("hz-2"));
    assertThat(check())
        .extracting(Violation::rule)
        .containsExactly(HazelcastPreflight.CLUSTER_WHOLE);
    ready = 3;
    members = whole(3);
    assertThat(check()).isEmpty();
  }

  @Test
  void clusterMustBeWhole() {
    ready = 2;
    members = List.of(member("hz-0", true, 0, 2), member("hz-1", true, 0, 2), unreachable("hz-2"));
    assertThat(messages())
        .containsExactly(
            "StatefulSet demo/hz: the cluster is not whole: 2 of 3 pods ready; hz-0 (clusterSize 2,"
                + " clusterSafe true, migrationQueueSize 0), hz-1 (clusterSize 2, clusterSafe"
                + " true, migrationQueueSize 0), hz-2 (unreachable); wait until every pod is Ready"
                + " and every member sees 3 members, then start again");
  }

  @Test
  void clusterMustBeSafe() {
    members =
        List.of(
            member("hz-0", false, 12, 3), member("hz-1", true, 0, 3), member("hz-2", true, 0, 3));
    assertThat(messages())
        .containsExactly(
            "StatefulSet demo/hz: the cluster is not safe: hz-0 (clusterSize 3, clusterSafe false,"
                + " migrationQueueSize 12), hz-1 (clusterSize 3, clusterSafe true,"
                + " migrationQueueSize 0), hz-2 (clusterSize 3, clusterSafe true,"
                + " migrationQueueSize 0); wait until every member reports clusterSafe true and"
                + " migrationQueueSize 0, then start again");
  }

  private static MemberHealth withSet(MemberHealth m, String... seen) {
    return new MemberHealth(
        m.pod(),
        m.address(),
        m.version(),
        m.nodeState(),
        m.clusterState(),
        m.clusterSafe(),
        m.migrationQueueSize(),
        m.clusterSize(),
        m.reachable(),
        m.uuid(),
        List.of(seen));
  }

  @Test
  void everyViolationIsListedAtOnce() {
    props.clear();
    grace = 30;
    target = "5.3.5";
    ready = 2;
    assertThat(check())
        .extracting(Violation::rule)
        .containsExactly(
            HazelcastPreflight.SHUTDOWN_HOOK,
            HazelcastPreflight.MAX_WAIT,
            HazelcastVersionRules.DOWNGRADE,
            HazelcastPreflight.CLUSTER_WHOLE);
  }
}
