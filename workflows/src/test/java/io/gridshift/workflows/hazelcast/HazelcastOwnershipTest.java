package io.gridshift.workflows.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gridshift.workflows.activities.WorkloadKind;
import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.common.Ownership;
import io.gridshift.workflows.common.UpgradeStop;
import io.gridshift.workflows.common.WorkloadOwner;
import io.gridshift.workflows.common.WorkloadOwner.Type;
import io.gridshift.workflows.hazelcast.activities.ClusterSnapshot;
import io.gridshift.workflows.hazelcast.activities.HazelcastWorkload;
import io.gridshift.workflows.request.HazelcastUpgradeRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Hazelcast plan's decision on a workload another tool manages, and TAKE_OVER. */
class HazelcastOwnershipTest {
  private static final ClusterRef DEMO = new ClusterRef("local", "demo");

  @Test
  void theOperatorsWorkloadIsSentToSpecVersionOfItsHazelcastResource() {
    WorkloadOwner operator =
        new WorkloadOwner(
            Type.OPERATOR,
            "Hazelcast Platform Operator",
            "StatefulSet demo/hz",
            "Hazelcast demo/hz",
            "ownerReference to Hazelcast demo/hz (hazelcast.com/v1alpha1)");

    UpgradeStop stop = refusal(workload(operator));

    assertThat(stop.type()).isEqualTo(FailureTypes.OWNED_BY_ANOTHER_TOOL);
    assertThat(stop.getMessage())
        .contains("StatefulSet demo/hz is managed by the Hazelcast Platform Operator")
        .contains("set spec.version: 5.3.8 on Hazelcast demo/hz")
        .contains("\"ownership\": \"TAKE_OVER\"");
  }

  @Test
  void aHelmWorkloadIsSentToHelm() {
    UpgradeStop stop = refusal(workload(helm()));

    assertThat(stop.getMessage())
        .contains("set the chart's image values to hazelcast/hazelcast:5.3.8")
        .contains("helm upgrade for Helm release demo/hz");
  }

  @Test
  void takeOverProceedsWithAWarningInThePlan() {
    HazelcastUpgradeRequest request = request(Ownership.TAKE_OVER);
    HazelcastWorkload workload = workload(helm());

    assertThatCode(() -> HazelcastPlanner.checkOwner(request, workload)).doesNotThrowAnyException();
    HazelcastPlan plan =
        HazelcastPlanner.plan(request, workload, new ClusterSnapshot(List.of(), "5.3"));

    assertThat(plan.warnings())
        .singleElement()
        .asString()
        .startsWith("bob took StatefulSet demo/hz over from Helm (Helm release demo/hz)");
  }

  @Test
  void aWorkloadNobodyOwnsPassesWithoutWarnings() {
    HazelcastWorkload workload = workload(null);

    assertThatCode(() -> HazelcastPlanner.checkOwner(request(null), workload))
        .doesNotThrowAnyException();
    assertThat(
            HazelcastPlanner.plan(request(null), workload, new ClusterSnapshot(List.of(), "5.3"))
                .warnings())
        .isEmpty();
  }

  private static WorkloadOwner helm() {
    return new WorkloadOwner(
        Type.HELM,
        "Helm",
        "StatefulSet demo/hz",
        "Helm release demo/hz",
        "annotation meta.helm.sh/release-name=hz");
  }

  private static UpgradeStop refusal(HazelcastWorkload workload) {
    UpgradeStop stop =
        catchThrowableOfType(
            UpgradeStop.class, () -> HazelcastPlanner.checkOwner(request(null), workload));
    assertThat(stop).as("expected a refusal").isNotNull();
    return stop;
  }

  private static HazelcastUpgradeRequest request(Ownership ownership) {
    return new HazelcastUpgradeRequest(
            DEMO, "hz", null, "5.3.8", null, null, null, null, null, null, null, null, null, "bob",
            null, ownership)
        .withDefaults();
  }

  private static HazelcastWorkload workload(WorkloadOwner owner) {
    return new HazelcastWorkload(
        "hz",
        WorkloadKind.STATEFULSET,
        3,
        3,
        "hazelcast",
        "hazelcast/hazelcast:5.3.6",
        "5.3.6",
        600,
        Map.of(
            "hazelcast.shutdownhook.policy", "GRACEFUL",
            "hazelcast.graceful.shutdown.max.wait", "600"),
        Map.of(),
        "RollingUpdate",
        0,
        null,
        null,
        null,
        null,
        owner);
  }
}
