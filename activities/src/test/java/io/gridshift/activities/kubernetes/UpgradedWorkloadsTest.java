package io.gridshift.activities.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.gridshift.activities.ClusterAccess;
import io.gridshift.activities.fleet.FleetDiscoveryActivitiesImpl;
import io.gridshift.workflows.fleet.ClusterInventory;
import io.gridshift.workflows.fleet.DiscoveredGrid;
import io.gridshift.workflows.fleet.FleetSpec.GridId;
import io.gridshift.workflows.fleet.run.UpgradedWorkloads;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fleet bake's rule for the workload that stands for a grid after a blue-green upgrade ({@link
 * UpgradedWorkloads}, in the workflows module, which cannot see fabric8) against what the
 * Infinispan deploy activity really creates and discovery really reads, on the fabric8 mock.
 */
@EnableKubernetesMockClient(crud = true)
class UpgradedWorkloadsTest {
  static final String CLUSTER_NAME = Fixtures.CLUSTER.cluster();

  KubernetesClient client;
  private FleetDiscoveryActivitiesImpl discovery;

  @BeforeEach
  void setUp() {
    ClusterAccess access = ClusterAccess.of(CLUSTER_NAME, client);
    discovery = new FleetDiscoveryActivitiesImpl(access);
    client
        .apps()
        .statefulSets()
        .resource(Fixtures.grid("dg", "quay.io/infinispan/server:14.0.28.Final", 3))
        .create();
    client.configMaps().resource(Fixtures.scripts()).create();
    client.configMaps().resource(Fixtures.gridConfig("dg")).create();
    client.services().resource(Fixtures.service("dg", Fixtures.SOURCE_SELECTOR)).create();
    new InfinispanDeployActivitiesImpl(access).deployTarget(DeployTargetTest.runtimeMode());
  }

  private List<DiscoveredGrid> discovered() {
    ClusterInventory inventory = discovery.discover(CLUSTER_NAME, List.of(Fixtures.NS), List.of());
    return inventory.grids();
  }

  @Test
  void theTargetTheDeployActivityCreatedStandsForItsSourceOnceTheSourceIsDeleted() {
    client.apps().statefulSets().inNamespace(Fixtures.NS).withName("dg").delete();
    GridId source = new GridId(CLUSTER_NAME, Fixtures.NS, "dg", "infinispan");

    List<DiscoveredGrid> found = discovered();

    assertThat(found).extracting(d -> d.id().name()).containsExactly(DeployTargetTest.TARGET);
    assertThat(found).allMatch(d -> UpgradedWorkloads.standsFor(d, source));
    // The labels the rule reads are the ones GridLabels writes.
    assertThat(UpgradedWorkloads.SOURCE_LABEL).isEqualTo(GridLabels.SOURCE);
    assertThat(UpgradedWorkloads.MANAGED_BY_LABEL).isEqualTo(GridLabels.MANAGED_BY);
    assertThat(UpgradedWorkloads.MANAGER).isEqualTo(GridLabels.MANAGER);
  }

  @Test
  void aWorkloadGridshiftDidNotCreateDoesNotStandForTheGridWhateverItsLabels() {
    StatefulSet mimic =
        new StatefulSetBuilder(
                Fixtures.grid("dg-copy", "quay.io/infinispan/server:15.0.21.Final", 1))
            .editMetadata()
            .addToLabels(GridLabels.SOURCE, "dg")
            .endMetadata()
            .build();
    client.apps().statefulSets().resource(mimic).create();
    GridId source = new GridId(CLUSTER_NAME, Fixtures.NS, "dg", "infinispan");

    List<DiscoveredGrid> standing =
        discovered().stream().filter(d -> UpgradedWorkloads.standsFor(d, source)).toList();

    assertThat(standing)
        .extracting(d -> d.id().name())
        .containsExactlyInAnyOrder("dg", DeployTargetTest.TARGET);
  }
}
