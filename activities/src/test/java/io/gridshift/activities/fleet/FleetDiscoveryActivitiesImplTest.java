package io.gridshift.activities.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.gridshift.activities.ClusterAccess;
import io.gridshift.workflows.fleet.ClusterInventory;
import io.gridshift.workflows.fleet.DiscoveredGrid;
import io.gridshift.workflows.fleet.FleetSpec.GridId;
import io.temporal.failure.ApplicationFailure;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Discovery against the fabric8 mock server in CRUD mode (real HTTP, real JSON). */
@EnableKubernetesMockClient(crud = true)
class FleetDiscoveryActivitiesImplTest {
  KubernetesClient client;
  private FleetDiscoveryActivitiesImpl discovery;

  @BeforeEach
  void setUp() {
    discovery = new FleetDiscoveryActivitiesImpl(ClusterAccess.of("eu-1", client));
    statefulSet("orders", "dg", Map.of("tier", "gold"), "quay.io/infinispan/server:15.0.21.Final");
    statefulSet("orders", "hz", Map.of("tier", "silver"), "hazelcast/hazelcast:5.3.8");
    statefulSet("billing", "dg2", Map.of(), "registry.redhat.io/datagrid/datagrid-8-rhel9:8.5.1");
    statefulSet("orders", "pg", Map.of(), "postgres:16");
    client
        .apps()
        .deployments()
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName("hz-web")
                .withNamespace("billing")
                .addToLabels("app", "sessions")
                .endMetadata()
                .withNewSpec()
                .withNewTemplate()
                .withNewSpec()
                .addNewContainer()
                .withName("sidecar")
                .withImage("envoy:1.30")
                .endContainer()
                .addNewContainer()
                .withName("hazelcast")
                .withImage("hazelcast/hazelcast:latest")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();
  }

  @Test
  void everyGridOfAKnownKindWithItsVersionLabelsAndTheAgentsIdentity() {
    ClusterInventory inventory = discovery.discover("eu-1", List.of(), List.of());

    assertThat(inventory.cluster()).isEqualTo("eu-1");
    assertThat(inventory.agent()).isEqualTo(ManagementFactory.getRuntimeMXBean().getName());
    assertThat(inventory.grids())
        .containsExactly(
            new DiscoveredGrid(
                new GridId("eu-1", "billing", "dg2", "infinispan"), "8.5.1", Map.of()),
            new DiscoveredGrid(
                new GridId("eu-1", "billing", "hz-web", "hazelcast"),
                null, // "latest" names no version: the child's plan refuses it, with the reason
                Map.of("app", "sessions")),
            new DiscoveredGrid(
                new GridId("eu-1", "orders", "dg", "infinispan"),
                "15.0.21.Final",
                Map.of("tier", "gold")),
            new DiscoveredGrid(
                new GridId("eu-1", "orders", "hz", "hazelcast"),
                "5.3.8",
                Map.of("tier", "silver")));
  }

  @Test
  void onlyTheNamespacesAndKindsAskedFor() {
    ClusterInventory inventory =
        discovery.discover("eu-1", List.of("orders"), List.of("hazelcast"));

    assertThat(inventory.grids()).extracting(g -> g.id().path()).containsExactly("eu-1/orders/hz");
  }

  @Test
  void aKindTheAgentDoesNotKnowFindsNothing() {
    assertThat(discovery.discover("eu-1", List.of(), List.of("echo")).grids()).isEmpty();
  }

  @Test
  void aCallForAnotherClusterIsRefusedNamingTheQueue() {
    assertThatThrownBy(() -> discovery.discover("us-2", List.of(), List.of()))
        .isInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("serves cluster eu-1, not us-2")
        .hasMessageContaining("gridshift-cluster-eu-1");
  }

  private void statefulSet(String ns, String name, Map<String, String> labels, String image) {
    client
        .apps()
        .statefulSets()
        .resource(
            new StatefulSetBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(ns)
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .withReplicas(2)
                .withNewTemplate()
                .withNewSpec()
                .addNewContainer()
                .withName("main")
                .withImage(image)
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();
  }
}
