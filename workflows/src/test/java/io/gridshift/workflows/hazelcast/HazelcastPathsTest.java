package io.gridshift.workflows.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.workflows.activities.WorkloadKind;
import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.common.UpgradeStop;
import io.gridshift.workflows.hazelcast.HazelcastPreflight.Violation;
import io.gridshift.workflows.hazelcast.activities.ClusterSnapshot;
import io.gridshift.workflows.hazelcast.activities.HazelcastWorkload;
import io.gridshift.workflows.hazelcast.activities.MemberFeatures;
import io.gridshift.workflows.hazelcast.activities.MemberHealth;
import io.gridshift.workflows.request.HazelcastUpgradeRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The plan's path and the target's needs (issue 18): which jumps roll, which go blue-green, which
 * are refused and why, on a safe 3-member StatefulSet; each test changes what it is about.
 */
class HazelcastPathsTest {
  private static final ClusterRef DEMO = new ClusterRef("local", "demo");
  private static final List<String> UUIDS = List.of("u0", "u1", "u2");

  private String from = "5.3.6";
  private String image;
  private String target = "5.3.8";
  private String targetImage;
  private HazelcastEdition edition = HazelcastEdition.OPEN_SOURCE;
  private MemberFeatures features = MemberFeatures.NONE;
  private final Map<String, String> props =
      new HashMap<>(
          Map.of(
              "hazelcast.shutdownhook.policy", "GRACEFUL",
              "hazelcast.graceful.shutdown.max.wait", "600"));

  private WorkloadKind kind = WorkloadKind.STATEFULSET;

  private HazelcastWorkload workload() {
    String running = image != null ? image : "hazelcast/hazelcast:" + from;
    return new HazelcastWorkload(
        "hz",
        kind,
        3,
        3,
        "hazelcast",
        running,
        from,
        600,
        props,
        Map.of("orders", 1),
        "RollingUpdate",
        0,
        null,
        null,
        "hz-config",
        null,
        null,
        features);
  }

  private HazelcastUpgradeRequest request() {
    return new HazelcastUpgradeRequest(
            DEMO,
            "hz",
            null,
            target,
            targetImage,
            null,
            null,
            edition,
            null,
            null,
            null,
            null,
            null,
            "alice",
            null)
        .withDefaults();
  }

  private static ClusterSnapshot snapshot() {
    List<MemberHealth> members = List.of(member(0), member(1), member(2));
    return new ClusterSnapshot(members, "5.3");
  }

  private static MemberHealth member(int i) {
    return new MemberHealth(
        "hz-" + i,
        "10.0.0." + i + ":5701",
        "5.3.6",
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
    return HazelcastPlanner.plan(request(), workload(), snapshot());
  }

  private List<String> rules() {
    return plan().violations().stream().map(Violation::rule).toList();
  }

  @Test
  void aPatchRolls() {
    HazelcastPlan plan = plan();

    assertThat(plan.path()).isEqualTo(HazelcastPath.ROLLING);
    assertThat(plan.violations()).isEmpty();
    assertThat(HazelcastPlanner.pathNotAvailable(request(), plan)).isNull();
    assertThat(HazelcastPlanner.summary(plan))
        .isEqualTo(
            "StatefulSet hz: 3 members 5.3.6 -> 5.3.8 (hazelcast/hazelcast:5.3.8), rolling: a"
                + " patch upgrade, members of 5.3.6 and 5.3.8 form one cluster; one pod at a time"
                + " from the highest ordinal, each Ready and the cluster safe before the next;"
                + " preflight passed");
  }

  @Test
  void anOpenSourceMinorGoesBlueGreenAndSaysWhy() {
    from = "5.3.8";
    target = "5.5.0";

    HazelcastPlan plan = plan();

    assertThat(plan.path()).isEqualTo(HazelcastPath.BLUE_GREEN);
    assertThat(plan.violations()).isEmpty();
    assertThat(plan.expectedClusterVersion()).isEqualTo("5.5");
    assertThat(HazelcastPlanner.summary(plan))
        .isEqualTo(
            "StatefulSet hz: 3 members 5.3.8 -> 5.5.0 (hazelcast/hazelcast:5.5.0), blue-green:"
                + " open-source members refuse to join a cluster of another minor version (5.3 ->"
                + " 5.5), so a new 5.5 cluster starts beside this one and the data moves to it; a"
                + " new cluster of 3 members, hz-5-5-0, beside this one, every map copied and"
                + " followed by its event journal, clients switched after a short write pause;"
                + " preflight passed");
    // gridshift status shows it as a table of the details too.
    assertThat(new HazelcastDetails(plan, List.of(), List.of()).tables().get(0).rows())
        .containsExactly(
            List.of(
                "BLUE_GREEN",
                "open-source members refuse to join a cluster of another minor version (5.3 ->"
                    + " 5.5), so a new 5.5 cluster starts beside this one and the data moves to"
                    + " it"));
  }

  @Test
  void severalOpenSourceMinorsAtOnceGoBlueGreenWithNoClusterBetween() {
    from = "5.4.0";
    target = "5.7.0";
    assertThat(plan().path()).isEqualTo(HazelcastPath.BLUE_GREEN);
    assertThat(plan().violations()).isEmpty();
  }

  @Test
  void aStatefulSetRunsItsBlueGreenPlan() {
    from = "5.3.8";
    target = "5.5.0";

    assertThat(HazelcastPlanner.pathNotAvailable(request(), plan())).isNull();
  }

  @Test
  void aDeploymentsBlueGreenPlanIsRefusedNotRolled() {
    kind = WorkloadKind.DEPLOYMENT;
    from = "5.3.8";
    target = "5.5.0";

    UpgradeStop stop = HazelcastPlanner.pathNotAvailable(request(), plan());

    assertThat(stop.type()).isEqualTo(FailureTypes.UNSUPPORTED_VERSION);
    assertThat(stop.getMessage())
        .isEqualTo(
            "Deployment demo/hz: 5.3.8 -> 5.5.0 needs a blue-green upgrade: open-source members"
                + " refuse to join a cluster of another minor version (5.3 -> 5.5), so a new 5.5"
                + " cluster starts beside this one and the data moves to it. gridshift runs"
                + " blue-green upgrades of StatefulSets only (the new cluster is a copy of the"
                + " source's StatefulSet): run the grid as a StatefulSet, or choose a 5.3.x"
                + " targetVersion to roll.");
  }

  @Test
  void enterpriseRollsTheNextMinor() {
    edition = HazelcastEdition.ENTERPRISE;
    from = "5.4.0";
    target = "5.5.0";
    props.put(HazelcastVersionRules.AUTO_UPGRADE_PROPERTY, "true");

    HazelcastPlan plan = plan();

    assertThat(plan.path()).isEqualTo(HazelcastPath.ROLLING);
    assertThat(plan.violations()).isEmpty();
    assertThat(plan.expectedClusterVersion()).isEqualTo("5.5");
    assertThat(HazelcastPlanner.summary(plan))
        .contains("rolling: Hazelcast Enterprise rolls to the next minor version");
  }

  @Test
  void enterpriseAcrossTwoMinorsIsRefusedAsBefore() {
    edition = HazelcastEdition.ENTERPRISE;
    from = "5.3.6";
    target = "5.5.0";
    props.put(HazelcastVersionRules.AUTO_UPGRADE_PROPERTY, "true");

    HazelcastPlan plan = plan();

    assertThat(plan.path()).isNull();
    assertThat(plan.violations())
        .extracting(Violation::message)
        .containsExactly(
            "StatefulSet demo/hz: 5.3.6 -> 5.5.0 is not a jump to the next minor version, the only"
                + " one Enterprise rolls; upgrade to a 5.4.x version first");
  }

  @Test
  void aDowngradeHasNoPathAndIsRefusedAsAnUnsupportedVersion() {
    from = "5.5.0";
    target = "5.4.0";

    HazelcastPlan plan = plan();

    assertThat(plan.path()).isNull();
    assertThat(rules()).containsExactly(HazelcastVersionRules.DOWNGRADE);
    assertThat(HazelcastPlanner.refusal(request(), plan).type())
        .isEqualTo(FailureTypes.UNSUPPORTED_VERSION);
    assertThat(HazelcastPlanner.summary(plan))
        .startsWith(
            "StatefulSet hz: 3 members 5.5.0 -> 5.4.0 (hazelcast/hazelcast:5.4.0); refused");
  }

  @Test
  void aNewMajorVersionHasNoPath() {
    assertThat(HazelcastPaths.decide(HazelcastEdition.OPEN_SOURCE, "5.3.8", "6.0.0")).isNull();
    assertThat(HazelcastPaths.decide(HazelcastEdition.ENTERPRISE, "5.5.0", "6.0.0")).isNull();
    assertThat(HazelcastPaths.decide(HazelcastEdition.OPEN_SOURCE, "5.5.0", "5.5.0")).isNull();
  }

  @Test
  void openSourceToEnterpriseIsRefusedWithTheReason() {
    from = "5.3.8";
    target = "5.5.0";
    targetImage = "hazelcast/hazelcast-enterprise:5.5.0";

    HazelcastPlan plan = plan();

    assertThat(plan.path()).isNull();
    assertThat(plan.violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.rule()).isEqualTo(HazelcastVersionRules.EDITION_CHANGE);
              assertThat(v.message())
                  .isEqualTo(
                      "StatefulSet demo/hz: image hazelcast/hazelcast:5.3.8 is the open-source"
                          + " edition and targetImage hazelcast/hazelcast-enterprise:5.5.0 is"
                          + " Hazelcast Enterprise: an upgrade keeps the edition; choose a"
                          + " targetImage from hazelcast/hazelcast, and change the edition as a"
                          + " change of its own");
            });
    assertThat(HazelcastPlanner.refusal(request(), plan).type())
        .isEqualTo(FailureTypes.UNSUPPORTED_VERSION);
  }

  @Test
  void enterpriseToOpenSourceIsRefusedAndMirrorsAreNotJudged() {
    edition = HazelcastEdition.ENTERPRISE;
    image = "docker.io/hazelcast/hazelcast-enterprise:5.4.0";
    from = "5.4.0";
    target = "5.4.1";
    targetImage = "docker.io/hazelcast/hazelcast:5.4.1";
    assertThat(rules()).containsExactly(HazelcastVersionRules.EDITION_CHANGE);

    // A repository of another name may hold either edition: nothing to compare.
    image = "registry.acme.io/grid/hz:5.4.0";
    assertThat(rules()).isEmpty();
  }

  @Test
  void cpSubsystemOnAnOpenSourceTargetFrom55IsRefused() {
    from = "5.3.8";
    target = "5.5.0";
    features = new MemberFeatures(3, List.of());

    assertThat(plan().violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.rule()).isEqualTo(HazelcastTargetRules.CP_SUBSYSTEM);
              assertThat(v.message())
                  .isEqualTo(
                      "StatefulSet demo/hz: the member configuration (ConfigMap hz-config) turns"
                          + " CP Subsystem on (cp-member-count 3), which is Enterprise-only from"
                          + " Hazelcast 5.5, so open-source 5.5.0 members cannot run it; move what"
                          + " the application keeps in CP data structures elsewhere and remove"
                          + " cp-member-count, or choose a targetVersion before 5.5, or run"
                          + " Hazelcast Enterprise");
            });
    assertThat(HazelcastPlanner.refusal(request(), plan()).type())
        .isEqualTo(FailureTypes.UNSAFE_CONFIGURATION);

    target = "5.4.0";
    assertThat(rules()).as("5.4 still has it").isEmpty();
    edition = HazelcastEdition.ENTERPRISE;
    from = "5.4.0";
    target = "5.5.0";
    props.put(HazelcastVersionRules.AUTO_UPGRADE_PROPERTY, "true");
    assertThat(rules()).as("Enterprise keeps it").isEmpty();
  }

  @Test
  void aTargetImageOnAJavaTheTargetDoesNotSupportIsRefused() {
    from = "5.3.8";
    target = "5.5.0";
    targetImage = "hazelcast/hazelcast:5.5.0-jdk11";

    assertThat(plan().violations())
        .extracting(Violation::message)
        .containsExactly(
            "StatefulSet demo/hz: targetImage hazelcast/hazelcast:5.5.0-jdk11 runs Java 11 and"
                + " Hazelcast 5.5.0 needs Java 17 or later; choose a 5.5.0 image with Java 17 or"
                + " later, e.g. hazelcast/hazelcast:5.5.0-jdk17");

    targetImage = "hazelcast/hazelcast:5.5.0-jdk21";
    assertThat(rules()).isEmpty();
    targetImage = "hazelcast/hazelcast:5.5.0-slim";
    assertThat(rules()).as("Hazelcast's own image ships a JDK its version supports").isEmpty();
    from = "5.3.6";
    target = "5.3.8";
    targetImage = "hazelcast/hazelcast:5.3.8-jdk11";
    assertThat(rules()).as("5.3 runs on Java 8 and later").isEmpty();
  }

  @Test
  void serializationTheTargetMustShareIsToldNotRefused() {
    from = "5.3.8";
    target = "5.5.0";
    features =
        new MemberFeatures(
            0,
            List.of(
                "compact serializer com.acme.OrderSerializer",
                "data-serializable factory 1: com.acme.Factories"));

    HazelcastPlan plan = plan();

    assertThat(plan.violations()).isEmpty();
    assertThat(plan.warnings())
        .containsExactly(
            "the member configuration's serialization names classes of the application (compact"
                + " serializer com.acme.OrderSerializer; data-serializable factory 1:"
                + " com.acme.Factories): the new cluster's configuration is a copy of this one's,"
                + " so it declares them too, and the target image must carry the same classes on"
                + " its classpath, or its members cannot read the data");
  }
}
