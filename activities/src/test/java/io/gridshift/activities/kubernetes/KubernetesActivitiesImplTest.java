package io.gridshift.activities.kubernetes;

import static io.gridshift.activities.kubernetes.Fixtures.CLUSTER;
import static io.gridshift.activities.kubernetes.Fixtures.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.openshift.api.model.Route;
import io.fabric8.openshift.api.model.RouteBuilder;
import io.fabric8.openshift.client.OpenShiftClient;
import io.gridshift.activities.ClusterAccess;
import io.gridshift.workflows.activities.PartitionRequest;
import io.gridshift.workflows.activities.PodTemplatePatch;
import io.gridshift.workflows.activities.RolloutStatus;
import io.gridshift.workflows.activities.RouteRequest;
import io.gridshift.workflows.activities.ServiceSelectorRequest;
import io.gridshift.workflows.activities.WorkloadKind;
import io.gridshift.workflows.activities.WorkloadRef;
import io.gridshift.workflows.common.FailureTypes;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reads and writes against the fabric8 mock server in CRUD mode (real HTTP, real JSON). */
@EnableKubernetesMockClient(crud = true)
class KubernetesActivitiesImplTest {
  private static final WorkloadRef DG = new WorkloadRef(CLUSTER, WorkloadKind.STATEFULSET, "dg");

  KubernetesMockServer server;
  KubernetesClient client;
  private KubernetesActivitiesImpl activities;

  @BeforeEach
  void setUp() {
    activities = new KubernetesActivitiesImpl(ClusterAccess.of(Fixtures.CLUSTER.cluster(), client));
    client
        .apps()
        .statefulSets()
        .resource(Fixtures.grid("dg", "infinispan/server:14.0.28.Final", 3))
        .create();
  }

  @Test
  void rolloutStatusReadsTheStoredStatefulSet() {
    setStatus(3, 3, "r1", "r1");

    RolloutStatus status = activities.rolloutStatus(DG);

    assertThat(status)
        .extracting(RolloutStatus::replicas, RolloutStatus::readyReplicas)
        .containsExactly(3, 3);
    assertThat(status.done()).as(status.message()).isTrue();
  }

  @Test
  void rolloutStatusOfAnUnobservedSpecChangeIsNotDone() {
    setStatus(3, 3, "r1", "r1");
    activities.setPartition(new PartitionRequest(DG, 2, null)); // bumps metadata.generation

    RolloutStatus status = activities.rolloutStatus(DG);

    assertThat(status.done()).isFalse();
    assertThat(status.message()).contains("spec update to be observed");
  }

  @Test
  void rolloutStatusOfADeployment() {
    client.apps().deployments().resource(deployment("web")).create();
    WorkloadRef web = new WorkloadRef(CLUSTER, WorkloadKind.DEPLOYMENT, "web");

    RolloutStatus status = activities.rolloutStatus(web);

    assertThat(status.replicas()).isEqualTo(2);
    assertThat(status.done()).isFalse();
  }

  @Test
  void missingWorkloadIsGridNotFound() {
    WorkloadRef missing = new WorkloadRef(CLUSTER, WorkloadKind.STATEFULSET, "nope");

    assertThatThrownBy(() -> activities.rolloutStatus(missing))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo(FailureTypes.GRID_NOT_FOUND);
              assertThat(f.isNonRetryable()).isTrue();
            })
        .hasMessageContaining("StatefulSet demo/nope not found in cluster test");
  }

  @Test
  void setServiceSelectorReplacesTheWholeSelectorAndIsIdempotent() {
    client
        .services()
        .resource(Fixtures.service("dg", Map.of("app", "infinispan", "grid", "dg")))
        .create();
    Map<String, String> target = Map.of("gridshift.io/grid", "dg-15-0-21");
    ServiceSelectorRequest request = new ServiceSelectorRequest(CLUSTER, "dg", target, null);

    activities.setServiceSelector(request);
    Service first = client.services().inNamespace(NS).withName("dg").get();
    List<String> again =
        Fixtures.requestsDuring(server, () -> activities.setServiceSelector(request));

    assertThat(first.getSpec().getSelector()).isEqualTo(target);
    assertThat(first.getSpec().getPorts()).hasSize(1);
    assertThat(again).containsExactly("GET /api/v1/namespaces/demo/services/dg");
  }

  @Test
  void setServiceSelectorOnAMissingServiceIsAnInvalidRequest() {
    ServiceSelectorRequest request =
        new ServiceSelectorRequest(CLUSTER, "nope", Map.of("a", "b"), null);

    assertThatThrownBy(() -> activities.setServiceSelector(request))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> assertThat(f.getType()).isEqualTo(FailureTypes.INVALID_REQUEST))
        .hasMessageContaining("Service demo/nope not found in cluster test");
  }

  @Test
  void setRouteServiceThroughTheOpenShiftAdapter() {
    OpenShiftClient openShift = client.adapt(OpenShiftClient.class);
    openShift.routes().resource(route("dg", "dg")).create();

    activities.setRouteService(new RouteRequest(CLUSTER, "dg", "dg-15-0-21", null));
    Route first = openShift.routes().inNamespace(NS).withName("dg").get();
    List<String> again =
        Fixtures.requestsDuring(
            server,
            () -> activities.setRouteService(new RouteRequest(CLUSTER, "dg", "dg-15-0-21", null)));

    assertThat(first.getSpec().getTo().getName()).isEqualTo("dg-15-0-21");
    assertThat(first.getSpec().getTo().getKind()).isEqualTo("Service");
    assertThat(first.getSpec().getTo().getWeight()).isEqualTo(100);
    assertThat(again).allMatch(r -> r.startsWith("GET "));
    assertThatThrownBy(() -> activities.setRouteService(new RouteRequest(CLUSTER, "x", "dg", null)))
        .hasMessageContaining("Route demo/x not found");
  }

  @Test
  void setPartitionCreatesTheStrategyWhenAbsentAndIsIdempotent() {
    StatefulSet bare =
        new StatefulSetBuilder(Fixtures.grid("hz", "hazelcast/hazelcast:5.3.6", 3))
            .editSpec()
            .withUpdateStrategy(null)
            .endSpec()
            .build();
    client.apps().statefulSets().resource(bare).create();
    WorkloadRef hz = new WorkloadRef(CLUSTER, WorkloadKind.STATEFULSET, "hz");

    activities.setPartition(new PartitionRequest(hz, 2, null));
    StatefulSet first = client.apps().statefulSets().inNamespace(NS).withName("hz").get();
    List<String> again =
        Fixtures.requestsDuring(
            server, () -> activities.setPartition(new PartitionRequest(hz, 2, null)));
    activities.setPartition(new PartitionRequest(hz, 1, null));
    StatefulSet third = client.apps().statefulSets().inNamespace(NS).withName("hz").get();

    assertThat(first.getSpec().getUpdateStrategy().getType()).isEqualTo("RollingUpdate");
    assertThat(first.getSpec().getUpdateStrategy().getRollingUpdate().getPartition()).isEqualTo(2);
    assertThat(again).allMatch(r -> r.startsWith("GET "));
    assertThat(third.getSpec().getUpdateStrategy().getRollingUpdate().getPartition()).isEqualTo(1);
  }

  @Test
  void setPartitionOnADeploymentIsAnInvalidRequest() {
    WorkloadRef web = new WorkloadRef(CLUSTER, WorkloadKind.DEPLOYMENT, "web");

    assertThatThrownBy(() -> activities.setPartition(new PartitionRequest(web, 1, null)))
        .hasMessageContaining("only on StatefulSets");
  }

  @Test
  void patchPodTemplateChangesOnlyTheNamedContainerAndIsIdempotent() {
    PodTemplatePatch patch =
        new PodTemplatePatch(
            DG,
            "server",
            "infinispan/server:15.0.21.Final",
            Map.of("gridshift.io/restart", "1"),
            null);

    activities.patchPodTemplate(patch);
    StatefulSet first = client.apps().statefulSets().inNamespace(NS).withName("dg").get();
    List<String> again = Fixtures.requestsDuring(server, () -> activities.patchPodTemplate(patch));
    StatefulSet second = client.apps().statefulSets().inNamespace(NS).withName("dg").get();

    var template = first.getSpec().getTemplate();
    assertThat(template.getSpec().getContainers())
        .extracting(c -> c.getImage())
        .containsExactly(
            "quay.io/prometheus/jmx-exporter:1.0.1", "infinispan/server:15.0.21.Final");
    assertThat(template.getMetadata().getAnnotations())
        .containsEntry("gridshift.io/restart", "1")
        .containsEntry("team", "payments");
    assertThat(again).containsExactly("GET /apis/apps/v1/namespaces/demo/statefulsets/dg");
    assertThat(second.getMetadata().getResourceVersion())
        .isEqualTo(first.getMetadata().getResourceVersion());
  }

  @Test
  void patchPodTemplateWithoutContainerNameTakesTheFirstOfADeployment() {
    client.apps().deployments().resource(deployment("web")).create();
    WorkloadRef web = new WorkloadRef(CLUSTER, WorkloadKind.DEPLOYMENT, "web");

    activities.patchPodTemplate(new PodTemplatePatch(web, null, "nginx:1.27", Map.of(), null));

    Deployment stored = client.apps().deployments().inNamespace(NS).withName("web").get();
    assertThat(stored.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("nginx:1.27");
  }

  @Test
  void patchPodTemplateNamingAnUnknownContainerListsTheContainersAndWritesNothing() {
    String before =
        client
            .apps()
            .statefulSets()
            .inNamespace(NS)
            .withName("dg")
            .get()
            .getMetadata()
            .getResourceVersion();
    PodTemplatePatch patch = new PodTemplatePatch(DG, "infinispan", "x:1", Map.of(), null);

    assertThatThrownBy(() -> activities.patchPodTemplate(patch))
        .hasMessageContaining("no container named 'infinispan'")
        .hasMessageContaining("[metrics, server]");
    assertThat(
            client
                .apps()
                .statefulSets()
                .inNamespace(NS)
                .withName("dg")
                .get()
                .getMetadata()
                .getResourceVersion())
        .isEqualTo(before);
  }

  @Test
  void deleteStuckPodsDeletesOnlyPodsNotReadyOffTheUpdateRevisionAndIsIdempotent() {
    // The template was reverted to r1: dg-1 never became Ready on r2, dg-2 is Ready on r2.
    setStatus(2, 1, "r1", "r1");
    pod("dg-0", "r1", true);
    pod("dg-1", "r2", false);
    pod("dg-2", "r2", true);
    pod("dg-3", "r1", false); // on the update revision, still starting: left alone

    assertThat(activities.deleteStuckPods(DG, null)).containsExactly("dg-1");

    assertThat(client.pods().inNamespace(NS).withName("dg-1").get()).isNull();
    assertThat(client.pods().inNamespace(NS).list().getItems())
        .extracting(p -> p.getMetadata().getName())
        .containsExactlyInAnyOrder("dg-0", "dg-2", "dg-3");
    assertThat(activities.deleteStuckPods(DG, null)).isEmpty();
  }

  @Test
  void deleteStuckPodsWaitsForTheControllerToSeeTheRevertedTemplate() {
    setStatus(2, 1, "r1", "r2");
    activities.patchPodTemplate(
        new PodTemplatePatch(DG, null, "infinispan/server:14.0.28.Final-old", Map.of(), null));
    pod("dg-1", "r2", false);

    assertThatThrownBy(() -> activities.deleteStuckPods(DG, null))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.isNonRetryable()).isFalse();
              assertThat(f.getOriginalMessage())
                  .contains("the controller has not yet seen the reverted template");
            });
    assertThat(client.pods().inNamespace(NS).withName("dg-1").get()).isNotNull();
  }

  @Test
  void anotherUpgradesClaimStopsTheForcedRollbackAndThePauseAndChangesNothing() {
    setStatus(2, 1, "r1", "r1");
    pod("dg-1", "r2", false);
    claimedBy("upgrade-a", client.apps().statefulSets().inNamespace(NS).withName("dg"));
    client.apps().deployments().resource(deployment("web")).create();
    claimedBy("upgrade-a", client.apps().deployments().inNamespace(NS).withName("web"));
    WorkloadRef web = new WorkloadRef(CLUSTER, WorkloadKind.DEPLOYMENT, "web");

    assertClaimConflict(() -> activities.deleteStuckPods(DG, "upgrade-b"));
    assertClaimConflict(() -> activities.setRolloutPaused(web, true, "upgrade-b"));

    assertThat(client.pods().inNamespace(NS).withName("dg-1").get()).as("not deleted").isNotNull();
    assertThat(
            client.apps().deployments().inNamespace(NS).withName("web").get().getSpec().getPaused())
        .as("not paused")
        .isNotEqualTo(Boolean.TRUE);
    assertThat(activities.deleteStuckPods(DG, "upgrade-a")).containsExactly("dg-1");
  }

  private static void claimedBy(
      String upgrade,
      io.fabric8.kubernetes.client.dsl.Resource<
              ? extends io.fabric8.kubernetes.api.model.HasMetadata>
          resource) {
    resource.edit(
        o -> {
          o.getMetadata()
              .setAnnotations(
                  Map.of(io.gridshift.workflows.activities.ClaimRequest.ANNOTATION, upgrade));
          return o;
        });
  }

  private static void assertClaimConflict(Runnable call) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo(FailureTypes.CLAIM_CONFLICT);
              assertThat(f.getOriginalMessage()).contains("upgrade-a");
            });
  }

  @Test
  void setRolloutPausedPausesAndResumesADeploymentIdempotently() {
    client.apps().deployments().resource(deployment("web")).create();
    WorkloadRef web = new WorkloadRef(CLUSTER, WorkloadKind.DEPLOYMENT, "web");

    activities.setRolloutPaused(web, true, null);
    activities.setRolloutPaused(web, true, null);
    Deployment paused = client.apps().deployments().inNamespace(NS).withName("web").get();
    assertThat(paused.getSpec().getPaused()).isTrue();

    activities.setRolloutPaused(web, false, null);
    assertThat(
            client.apps().deployments().inNamespace(NS).withName("web").get().getSpec().getPaused())
        .isFalse();
    assertThatThrownBy(() -> activities.setRolloutPaused(DG, true, null))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f ->
                assertThat(f.getOriginalMessage())
                    .contains("only a Deployment pauses its rollout"));
  }

  private void pod(String name, String revision, boolean ready) {
    client
        .pods()
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .withLabels(
                    Map.of("app", "infinispan", "grid", "dg", StuckPods.REVISION_LABEL, revision))
                .endMetadata()
                .withNewStatus()
                .withPhase(ready ? "Running" : "Pending")
                .addNewCondition()
                .withType("Ready")
                .withStatus(ready ? "True" : "False")
                .endCondition()
                .endStatus()
                .build())
        .create();
  }

  private void setStatus(int ready, int updated, String current, String update) {
    StatefulSet sts = client.apps().statefulSets().inNamespace(NS).withName("dg").get();
    if (sts.getStatus() == null) {
      sts.setStatus(new StatefulSetStatus());
    }
    sts.getStatus().setObservedGeneration(sts.getMetadata().getGeneration());
    sts.getStatus().setReadyReplicas(ready);
    sts.getStatus().setUpdatedReplicas(updated);
    sts.getStatus().setCurrentRevision(current);
    sts.getStatus().setUpdateRevision(update);
    client.apps().statefulSets().resource(sts).updateStatus();
  }

  private static Deployment deployment(String name) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .endMetadata()
        .withNewSpec()
        .withReplicas(2)
        .withNewSelector()
        .addToMatchLabels("app", name)
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", name)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("web")
        .withImage("nginx:1.25")
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static Route route(String name, String service) {
    return new RouteBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .endMetadata()
        .withNewSpec()
        .withHost("dg.apps.example.com")
        .withNewTo()
        .withKind("Service")
        .withName(service)
        .withWeight(100)
        .endTo()
        .endSpec()
        .build();
  }
}
