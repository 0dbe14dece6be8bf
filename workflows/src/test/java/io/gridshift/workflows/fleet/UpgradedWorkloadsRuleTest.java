package io.gridshift.workflows.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.workflows.fleet.FleetSpec.GridId;
import io.gridshift.workflows.fleet.run.UpgradedWorkloads;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bake's rule, case by case (the activities module checks it against real manifests). */
class UpgradedWorkloadsRuleTest {
  static final GridId DG = new GridId("eu-1", "apps", "dg", "infinispan");
  static final Map<String, String> CREATED_FOR_DG =
      Map.of("gridshift.io/managed-by", "gridshift", "gridshift.io/source", "dg");

  private static DiscoveredGrid found(
      String cluster, String ns, String name, Map<String, String> l) {
    return new DiscoveredGrid(new GridId(cluster, ns, name, "infinispan"), "15.0.21", l, true);
  }

  @Test
  void theGridItselfStandsForItInPlace() {
    assertThat(UpgradedWorkloads.standsFor(found("eu-1", "apps", "dg", Map.of()), DG)).isTrue();
  }

  @Test
  void aTargetGridshiftCreatedForItStandsForIt() {
    assertThat(UpgradedWorkloads.standsFor(found("eu-1", "apps", "dg-15", CREATED_FOR_DG), DG))
        .isTrue();
  }

  @Test
  void notWithoutTheManagedByLabelOrInAnotherNamespaceOrClusterOrForAnotherSource() {
    assertThat(
            UpgradedWorkloads.standsFor(
                found("eu-1", "apps", "dg-15", Map.of("gridshift.io/source", "dg")), DG))
        .isFalse();
    assertThat(UpgradedWorkloads.standsFor(found("eu-1", "other", "dg-15", CREATED_FOR_DG), DG))
        .isFalse();
    assertThat(UpgradedWorkloads.standsFor(found("us-1", "apps", "dg", Map.of()), DG)).isFalse();
    assertThat(
            UpgradedWorkloads.standsFor(
                found(
                    "eu-1",
                    "apps",
                    "dg2-15",
                    Map.of("gridshift.io/managed-by", "gridshift", "gridshift.io/source", "dg2")),
                DG))
        .isFalse();
  }
}
