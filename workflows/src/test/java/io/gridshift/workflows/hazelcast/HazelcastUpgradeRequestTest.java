package io.gridshift.workflows.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.workflows.activities.WorkloadKind;
import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.common.GatePolicy;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HazelcastUpgradeRequestTest {
  private static final ClusterRef CLUSTER = new ClusterRef("test", "apps");

  @Test
  void defaultsLiveInOnePlace() {
    HazelcastUpgradeRequest r = HazelcastUpgradeRequest.of(CLUSTER, "hz", "5.3.8").withDefaults();

    assertThat(r.kind()).isEqualTo(WorkloadKind.STATEFULSET);
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
                    "switch-traffic",
                    GatePolicy.auto(),
                    HazelcastGates.RESUME_OR_ROLLBACK,
                    GatePolicy.auto()),
                null,
                null,
                null)
            .withDefaults();

    assertThat(r.problems())
        .contains(
            "grid 'Hz' is not a valid workload name (a-z, 0-9, '-')",
            "targetVersion 'latest' is not a version like 5.3.8",
            "port 0 must be between 1 and 65535",
            "podTimeout 'forever' is not a duration; use e.g. 5m or PT10M",
            "gates: unknown gate 'switch-traffic'; the gates are [fix-settings, canary,"
                + " resume-or-rollback]",
            "gates.resume-or-rollback cannot be AUTO: resuming or rolling back a stuck roll is a"
                + " person's decision; remove it from gates or set approval REQUIRED");
  }
}
