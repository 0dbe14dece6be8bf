package io.gridshift.activities.kubernetes;

import static io.gridshift.activities.kubernetes.Fixtures.CLUSTER;
import static io.gridshift.activities.kubernetes.Fixtures.NS;
import static io.gridshift.activities.kubernetes.Fixtures.SOURCE_SELECTOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.openshift.api.model.RouteBuilder;
import io.fabric8.openshift.client.OpenShiftClient;
import io.gridshift.activities.ClusterAccess;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.infinispan.activities.InspectSourceRequest;
import io.gridshift.workflows.infinispan.activities.SourceGrid;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class InspectSourceTest {
  KubernetesClient client;
  private InfinispanDeployActivitiesImpl activities;

  @BeforeEach
  void setUp() {
    activities =
        new InfinispanDeployActivitiesImpl(ClusterAccess.of(Fixtures.CLUSTER.cluster(), client));
    StatefulSet dg =
        client
            .apps()
            .statefulSets()
            .resource(Fixtures.grid("dg", "quay.io/infinispan/server:14.0.28.Final", 3))
            .create();
    dg.getStatus().setReadyReplicas(2);
    client.apps().statefulSets().resource(dg).updateStatus();
    client.configMaps().resource(Fixtures.scripts()).create();
    client.configMaps().resource(Fixtures.gridConfig("dg")).create();
    client.services().resource(Fixtures.service("dg", SOURCE_SELECTOR)).create();
  }

  @Test
  void readsTheGridItsConfigMapAndService() {
    SourceGrid grid = activities.inspectSource(request("dg", "dg", null, "dg-15-0-21"));

    assertThat(grid.name()).isEqualTo("dg");
    assertThat(grid.image()).isEqualTo("quay.io/infinispan/server:14.0.28.Final");
    assertThat(grid.version()).isEqualTo("14.0.28.Final");
    assertThat(grid.replicas()).isEqualTo(3);
    assertThat(grid.readyReplicas()).isEqualTo(2);
    assertThat(grid.minReadySeconds()).isZero();
    // The first ConfigMap volume ("scripts") has no infinispan.xml: the second one is the config.
    assertThat(grid.configMap()).isEqualTo("dg-config");
    assertThat(grid.podSelector()).isEqualTo(SOURCE_SELECTOR);
    assertThat(grid.service()).isEqualTo("dg");
    assertThat(grid.serviceSelector()).isEqualTo(SOURCE_SELECTOR);
    assertThat(grid.serviceExists()).isTrue();
    assertThat(grid.route()).isNull();
    assertThat(grid.routeService()).isNull();
  }

  /** A Data Grid image's tag names the product: the one table maps it to its Infinispan family. */
  @Test
  void aDataGridImageTagIsReadAsItsInfinispanFamily() {
    client
        .apps()
        .statefulSets()
        .resource(Fixtures.grid("dg8", "registry.redhat.io/datagrid/datagrid-8-rhel8:1.4", 3))
        .create();
    client
        .services()
        .resource(Fixtures.service("dg8", Map.of("app", "infinispan", "grid", "dg8")))
        .create();

    SourceGrid grid = activities.inspectSource(request("dg8", "dg8", null, null));

    assertThat(grid.version()).isEqualTo("14.0.x");
  }

  @Test
  void readsTheRouteThroughTheOpenShiftAdapter() {
    client.adapt(OpenShiftClient.class).routes().resource(route("dg-route", "dg")).create();

    SourceGrid grid = activities.inspectSource(request("dg", "dg", "dg-route", null));

    assertThat(grid.route()).isEqualTo("dg-route");
    assertThat(grid.routeService()).isEqualTo("dg");
  }

  @Test
  void aMissingGridIsGridNotFoundAndNamesTheGridsThatExist() {
    client
        .apps()
        .statefulSets()
        .resource(Fixtures.grid("cache", "infinispan/server:14.0", 1))
        .create();

    assertThatThrownBy(() -> activities.inspectSource(request("dgg", "dg", null, null)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo(FailureTypes.GRID_NOT_FOUND);
              assertThat(f.isNonRetryable()).isTrue();
            })
        .hasMessageContaining(
            "StatefulSet demo/dgg not found in cluster test; check the grid name"
                + " (kubectl get statefulsets -n demo)")
        .hasMessageContaining("StatefulSets in demo: cache, dg");
  }

  @Test
  void aMissingServiceOrRouteIsAnInvalidRequest() {
    assertThatThrownBy(() -> activities.inspectSource(request("dg", "dg-client", null, null)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> assertThat(f.getType()).isEqualTo(FailureTypes.INVALID_REQUEST))
        .hasMessageContaining("Service demo/dg-client not found in cluster test");
    assertThatThrownBy(() -> activities.inspectSource(request("dg", "dg", "web", null)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> assertThat(f.getType()).isEqualTo(FailureTypes.INVALID_REQUEST))
        .hasMessageContaining("Route demo/web not found in cluster test");
  }

  @Test
  void anImageWithoutVersionTagIsAnInvalidRequest() {
    client
        .apps()
        .statefulSets()
        .resource(Fixtures.grid("latest", "quay.io/infinispan/server:latest", 1))
        .create();

    assertThatThrownBy(() -> activities.inspectSource(request("latest", "dg", null, null)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> assertThat(f.getType()).isEqualTo(FailureTypes.INVALID_REQUEST))
        .hasMessageContaining("image quay.io/infinispan/server:latest of container server");
  }

  @Test
  void aTargetNameTakenBySomethingElseIsRefused() {
    client.apps().statefulSets().resource(Fixtures.grid("dg-new", "nginx:1.27", 1)).create();

    assertThatThrownBy(() -> activities.inspectSource(request("dg", "dg", null, "dg-new")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> assertThat(f.getType()).isEqualTo(FailureTypes.INVALID_REQUEST))
        .hasMessageContaining(
            "targetGrid dg-new already exists and was not created by gridshift for grid dg")
        .hasMessageContaining("choose another targetGrid");
  }

  @Test
  void aTargetLeftByAnEarlierAttemptForTheSameGridIsAccepted() {
    StatefulSet ours =
        new StatefulSetBuilder(Fixtures.grid("dg-new", "infinispan/server:15.0.21.Final", 3))
            .editMetadata()
            .withLabels(Map.of("gridshift.io/source", "dg", "gridshift.io/managed-by", "gridshift"))
            .endMetadata()
            .build();
    client.apps().statefulSets().resource(ours).create();

    assertThat(activities.inspectSource(request("dg", "dg", null, "dg-new")).name())
        .isEqualTo("dg");
  }

  private static InspectSourceRequest request(
      String grid, String service, String route, String targetGrid) {
    return new InspectSourceRequest(CLUSTER, grid, service, route, targetGrid, null);
  }

  private static io.fabric8.openshift.api.model.Route route(String name, String service) {
    return new RouteBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .endMetadata()
        .withNewSpec()
        .withNewTo()
        .withKind("Service")
        .withName(service)
        .endTo()
        .endSpec()
        .build();
  }
}
