package io.gridshift.workflows.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.workflows.activities.WorkloadKind;
import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.common.GatePolicy;
import io.gridshift.workflows.request.HazelcastUpgradeRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HazelcastUpgradeRequestTest {
  private static final ClusterRef CLUSTER = new ClusterRef("test", "apps");

  @Test
  void defaultsLiveInOnePlace() {
    HazelcastUpgradeRequest r = HazelcastUpgradeRequest.of(CLUSTER, "hz", "5.3.8").withDefaults();

    assertThat(r.workloadKind()).isEqualTo(WorkloadKind.STATEFULSET);
    assertThat(r.port()).isEqualTo(5701);
    assertThat(r.edition()).isEqualTo(HazelcastEdition.OPEN_SOURCE);
    assertThat(r.fixUnsafeSettings()).isFalse();
    assertThat(r.canary()).isFalse();
    assertThat(r.podTimeoutSeconds()).isEqualTo(600);
    assertThat(r.gates()).containsOnlyKeys(HazelcastGates.ALL);
    assertThat(r.targetImageFor("hazelcast/hazelcast:5.3.6"))
        .isEqualTo("hazelcast/hazelcast:5.3.8");
    assertThat(r.problems()).isEmpty();
    assertThat(r.workflowId()).isEqualTo("hazelcast-upgrade-test-apps-hz");
  }

  @Test
  void problemsSayWhatToDo() {
    HazelcastUpgradeRequest r =
        new HazelcastUpgradeRequest(
                CLUSTER,
                "Hz",
                null,
                "latest",
                null,
                null,
                0,
                null,
                null,
                null,
                "forever",
                Map.of(
                    "cutover",
                    GatePolicy.auto(),
                    HazelcastGates.RESUME_OR_ROLLBACK,
                    GatePolicy.auto()),
                null,
                null,
                null)
            .withDefaults();

    assertThat(r.problems())
        .contains(
            "grid 'Hz' is not a valid StatefulSet name (a-z, 0-9 and '-', starting and ending with"
                + " a letter or digit)",
            "targetVersion 'latest' is not a Hazelcast version: write it as major.minor.patch, e.g."
                + " 5.3.8",
            "port 0 must be between 1 and 65535",
            "podTimeout 'forever' is not a duration; use e.g. 5m or PT10M",
            "gates: unknown gate 'cutover'; the gates are [fix-settings, canary,"
                + " resume-or-rollback, switch-traffic, writes-paused, delete-source]",
            "gates.resume-or-rollback cannot be AUTO: resuming or rolling back a stuck roll is a"
                + " person's decision; remove it from gates or set approval REQUIRED");
  }

  @ParameterizedTest
  @ValueSource(strings = {"5.3.6", "5.3.8", "5.4.0", "5.5.0", "5.7.0", "5.0", "5.1.7"})
  void openSourceReleasesAreAccepted(String version) {
    assertThat(problems(version, null, null)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"5.3.6", "5.4.1", "5.4.4", "5.5.4"})
  void enterpriseReleasesAreAcceptedForTheEnterpriseEdition(String version) {
    assertThat(problems(version, null, HazelcastEdition.ENTERPRISE)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"5.3.8; touch /tmp/x", "5.3.8.Final", "v5.3.8", "5", "latest", "5.3.8 "})
  void aVersionNotSpelledAsHazelcastSpellsItIsRefused(String version) {
    assertThat(problems(version, null, null))
        .singleElement()
        .asString()
        .contains("is not a Hazelcast version");
  }

  @Test
  void anUnreleasedVersionIsRefusedListingTheNearestReleases() {
    assertThat(problems("5.3.99", null, null))
        .containsExactly(
            "targetVersion '5.3.99' is not a known Hazelcast open-source release; the nearest known"
                + " are 5.3.7, 5.3.8, 5.4.0, 5.5.0: choose one of them (or, if 5.3.99 was released"
                + " after gridshift's list was made, add it to HazelcastReleases)");
  }

  @Test
  void anEnterpriseOnlyReleaseIsRefusedForTheOpenSourceEdition() {
    assertThat(problems("5.4.1", null, null))
        .singleElement()
        .asString()
        .contains("'5.4.1' is an Enterprise-only release")
        .contains("set edition ENTERPRISE");
  }

  @Test
  void anImageWhoseTagIsAnotherVersionIsRefused() {
    assertThat(problems("5.3.8", "hazelcast/hazelcast:5.3.7", null))
        .singleElement()
        .asString()
        .contains("has tag '5.3.7' but targetVersion is 5.3.8")
        .contains("use hazelcast/hazelcast:5.3.8");
    assertThat(problems("5.3.8", "hazelcast/hazelcast:5.3.8-slim", null)).isEmpty();
  }

  @Test
  void oversizedNamesAreRefusedNamingTheField() {
    HazelcastUpgradeRequest r =
        new HazelcastUpgradeRequest(
                CLUSTER,
                "h".repeat(53),
                null,
                "5.3.8",
                null,
                "c".repeat(64),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "x".repeat(300_000),
                null)
            .withDefaults();

    assertThat(r.problems())
        .anySatisfy(p -> assertThat(p).contains("grid").contains("at most 52"))
        .anySatisfy(p -> assertThat(p).startsWith("container is 64 characters long"))
        .anySatisfy(p -> assertThat(p).startsWith("requestedBy is 300000 characters long"));
  }

  private static java.util.List<String> problems(
      String version, String image, HazelcastEdition edition) {
    return new HazelcastUpgradeRequest(
            CLUSTER, "hz", null, version, image, null, null, edition, null, null, null, null, null,
            "alice", null)
        .withDefaults()
        .problems();
  }
}
