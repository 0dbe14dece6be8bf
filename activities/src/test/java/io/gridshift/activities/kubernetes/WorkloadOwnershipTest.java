package io.gridshift.activities.kubernetes;

import static io.gridshift.activities.kubernetes.Fixtures.CLUSTER;
import static io.gridshift.activities.kubernetes.Fixtures.SOURCE_SELECTOR;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.openshift.api.model.Route;
import io.fabric8.openshift.api.model.RouteBuilder;
import io.fabric8.openshift.client.OpenShiftClient;
import io.gridshift.activities.ClusterAccess;
import io.gridshift.workflows.common.WorkloadOwner;
import io.gridshift.workflows.common.WorkloadOwner.Type;
import io.gridshift.workflows.infinispan.activities.InspectSourceRequest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * inspect-source reads who manages the grid from the metadata of the StatefulSet, the client
 * Service and the Route, on the Kubernetes mock. The metadata rules one by one: {@link
 * WorkloadOwnershipRulesTest}.
 */
@EnableKubernetesMockClient(crud = true)
class WorkloadOwnershipTest {
  KubernetesClient client;
  private InfinispanDeployActivitiesImpl activities;
  private StatefulSet grid;
  private Service service;

  @BeforeEach
  void setUp() {
    activities = new InfinispanDeployActivitiesImpl(ClusterAccess.of(CLUSTER.cluster(), client));
    client.configMaps().resource(Fixtures.scripts()).create();
    client.configMaps().resource(Fixtures.gridConfig("dg")).create();
    grid = Fixtures.grid("dg", "quay.io/infinispan/server:14.0.28.Final", 3);
    service = Fixtures.service("dg", SOURCE_SELECTOR);
  }

  @Test
  void aGridNobodyManagesHasNoOwner() {
    assertThat(inspect(null)).isNull();
  }

  @Test
  void theInfinispanOperatorOwnsAStatefulSetItsResourceOwns() {
    grid.getMetadata()
        .getOwnerReferences()
        .add(
            new OwnerReferenceBuilder()
                .withApiVersion("infinispan.org/v1")
                .withKind("Infinispan")
                .withName("dg")
                .withUid("u-1")
                .withController(true)
                .build());

    WorkloadOwner owner = inspect(null);

    assertThat(owner.type()).isEqualTo(Type.OPERATOR);
    assertThat(owner.manager()).isEqualTo("Infinispan Operator");
    assertThat(owner.object()).isEqualTo("StatefulSet demo/dg");
    assertThat(owner.resource()).isEqualTo("Infinispan demo/dg");
    assertThat(owner.evidence())
        .isEqualTo("ownerReference to Infinispan demo/dg, infinispan.org/v1");
  }

  @Test
  void helmsReleaseAnnotationsOnTheClientServiceMakeTheGridOwned() {
    service
        .getMetadata()
        .setAnnotations(
            Map.of(
                "meta.helm.sh/release-name", "dg-svc",
                "meta.helm.sh/release-namespace", "platform"));

    WorkloadOwner owner = inspect(null);

    assertThat(owner.type()).isEqualTo(Type.HELM);
    assertThat(owner.object()).isEqualTo("Service demo/dg");
    assertThat(owner.resource()).isEqualTo("Helm release platform/dg-svc");
  }

  @Test
  void argoCdIsReadFromItsTrackingIdOnTheRouteAndWinsOverHelmLabels() {
    grid.getMetadata().getLabels().put("app.kubernetes.io/instance", "grids");
    Route route = route();
    route
        .getMetadata()
        .setAnnotations(
            Map.of("argocd.argoproj.io/tracking-id", "grids:route.openshift.io/Route:demo/dg"));
    route.getMetadata().setLabels(Map.of("app.kubernetes.io/managed-by", "Helm"));
    client.adapt(OpenShiftClient.class).routes().resource(route).create();

    WorkloadOwner owner = inspect("dg");

    assertThat(owner.type()).isEqualTo(Type.GITOPS);
    assertThat(owner.manager()).isEqualTo("Argo CD");
    assertThat(owner.object()).isEqualTo("Route demo/dg");
    assertThat(owner.resource()).isEqualTo("Argo CD application grids");
  }

  private WorkloadOwner inspect(String route) {
    client.apps().statefulSets().resource(grid).create();
    client.services().resource(service).create();
    return activities
        .inspectSource(new InspectSourceRequest(CLUSTER, "dg", "dg", route, null, null))
        .owner();
  }

  private static Route route() {
    return new RouteBuilder()
        .withNewMetadata()
        .withName("dg")
        .withNamespace(Fixtures.NS)
        .endMetadata()
        .withNewSpec()
        .withNewTo()
        .withKind("Service")
        .withName("dg")
        .endTo()
        .endSpec()
        .build();
  }
}
