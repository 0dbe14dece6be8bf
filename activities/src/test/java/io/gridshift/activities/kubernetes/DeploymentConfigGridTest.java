package io.gridshift.activities.kubernetes;

import static io.gridshift.activities.kubernetes.Fixtures.CLUSTER;
import static io.gridshift.activities.kubernetes.Fixtures.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.openshift.api.model.DeploymentConfig;
import io.fabric8.openshift.api.model.DeploymentConfigBuilder;
import io.fabric8.openshift.client.OpenShiftClient;
import io.gridshift.activities.ClusterAccess;
import io.gridshift.workflows.activities.ClaimRequest;
import io.gridshift.workflows.activities.ClaimedObject;
import io.gridshift.workflows.activities.PodTemplatePatch;
import io.gridshift.workflows.activities.WorkloadKind;
import io.gridshift.workflows.activities.WorkloadRef;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.infinispan.activities.DeleteGridRequest;
import io.gridshift.workflows.infinispan.activities.DeployTargetRequest;
import io.gridshift.workflows.infinispan.activities.InspectSourceRequest;
import io.gridshift.workflows.infinispan.activities.SourceGrid;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An Infinispan grid that runs as an OpenShift DeploymentConfig, through the same activities as a
 * StatefulSet grid, against the mock: inspect, deploy-target (a DeploymentConfig target), claims,
 * template patch, delete.
 */
@EnableKubernetesMockClient(crud = true)
class DeploymentConfigGridTest {
  static final String TARGET = "dg-15-0-21";
  static final String TARGET_IMAGE = "quay.io/infinispan/server:15.0.21.Final";
  static final Map<String, String> DC_SELECTOR = Map.of("deploymentconfig", "dg");

  KubernetesClient client;
  private InfinispanDeployActivitiesImpl deploy;
  private KubernetesActivitiesImpl kube;

  @BeforeEach
  void setUp() {
    ClusterAccess access = ClusterAccess.of(CLUSTER.cluster(), client);
    deploy = new InfinispanDeployActivitiesImpl(access);
    kube = new KubernetesActivitiesImpl(access);
    dcs().resource(dcGrid("dg", "quay.io/infinispan/server:14.0.28.Final", 2)).create();
    client.configMaps().resource(Fixtures.scripts()).create();
    client.configMaps().resource(Fixtures.gridConfig("dg")).create();
    client.services().resource(Fixtures.service("dg", DC_SELECTOR)).create();
  }

  @Test
  void inspectReadsADeploymentConfigGridLikeAStatefulSet() {
    SourceGrid grid = deploy.inspectSource(inspect("dg"));

    assertThat(grid.kind()).isEqualTo(WorkloadKind.DEPLOYMENT_CONFIG);
    assertThat(grid.version()).isEqualTo("14.0.28.Final");
    assertThat(grid.replicas()).isEqualTo(2);
    assertThat(grid.minReadySeconds()).isEqualTo(15);
    assertThat(grid.podSelector()).isEqualTo(DC_SELECTOR);
    assertThat(grid.configMap()).isEqualTo("dg-config");
  }

  @Test
  void aStatefulSetAndADeploymentConfigOfTheSameNameAreRefused() {
    StatefulSet sts = Fixtures.grid("dg", "quay.io/infinispan/server:14.0.28.Final", 2);
    client.apps().statefulSets().resource(sts).create();

    assertThatThrownBy(() -> deploy.inspectSource(inspect("dg")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> assertThat(f.getType()).isEqualTo(FailureTypes.INVALID_REQUEST))
        .hasMessageContaining("both a StatefulSet and a DeploymentConfig are named demo/dg");
  }

  @Test
  void aMissingGridNamesTheDeploymentConfigsThatExist() {
    assertThatThrownBy(() -> deploy.inspectSource(inspect("dgg")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> assertThat(f.getType()).isEqualTo(FailureTypes.GRID_NOT_FOUND))
        .hasMessageContaining("DeploymentConfigs in demo: dg");
  }

  @Test
  void theTargetIsADeploymentConfigThatRollsOnePodAtATimeAndARetryChangesNothing() {
    deploy.deployTarget(target());
    DeploymentConfig created = dcs().withName(TARGET).get();
    deploy.deployTarget(target());

    DeploymentConfig dc = dcs().withName(TARGET).get();
    assertThat(dc.getMetadata().getResourceVersion())
        .isEqualTo(created.getMetadata().getResourceVersion());
    assertThat(client.apps().statefulSets().inNamespace(NS).withName(TARGET).get()).isNull();
    assertThat(dc.getMetadata().getLabels())
        .containsEntry("gridshift.io/source", "dg")
        .containsEntry("gridshift.io/grid", TARGET);
    assertThat(dc.getSpec().getSelector()).isEqualTo(Map.of("gridshift.io/grid", TARGET));
    assertThat(dc.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("gridshift.io/grid", TARGET)
        .doesNotContainKey("deploymentconfig");
    assertThat(dc.getSpec().getTriggers())
        .extracting(t -> t.getType())
        .containsExactly("ConfigChange");
    assertThat(dc.getSpec().getStrategy().getType()).isEqualTo("Rolling");
    assertThat(dc.getSpec().getStrategy().getRollingParams().getMaxSurge().getIntVal())
        .isEqualTo(1);
    assertThat(dc.getSpec().getStrategy().getRollingParams().getMaxUnavailable().getIntVal())
        .isZero();
    assertThat(dc.getSpec().getMinReadySeconds()).isEqualTo(30);
    assertThat(GridPods.infinispanContainer(dc.getSpec().getTemplate().getSpec()).getImage())
        .isEqualTo(TARGET_IMAGE);
    assertThat(dc.getSpec().getTemplate().getSpec().getVolumes())
        .anyMatch(
            v -> v.getConfigMap() != null && v.getConfigMap().getName().equals(TARGET + "-config"));
    assertThat(
            client.services().inNamespace(NS).withName("dg-source").get().getSpec().getSelector())
        .isEqualTo(DC_SELECTOR);
  }

  @Test
  void claimsPatchesAndDeletesADeploymentConfig() {
    String id = "upgrade-dc";
    ClaimedObject source = new ClaimedObject(ClaimedObject.Kind.DEPLOYMENT_CONFIG, "dg");
    kube.claim(new ClaimRequest(CLUSTER, id, List.of(source)));
    assertThat(dcs().withName("dg").get().getMetadata().getAnnotations())
        .containsEntry(ClaimRequest.ANNOTATION, id);

    WorkloadRef ref = new WorkloadRef(CLUSTER, WorkloadKind.DEPLOYMENT_CONFIG, "dg");
    kube.patchPodTemplate(new PodTemplatePatch(ref, null, null, Map.of("restartedAt", "now"), id));
    DeploymentConfig patched = dcs().withName("dg").get();
    assertThat(patched.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("restartedAt", "now");
    assertThat(kube.rolloutStatus(ref).done()).as("no controller has observed it").isFalse();

    assertThatThrownBy(
            () -> deploy.deleteGrid(new DeleteGridRequest(CLUSTER, "dg", List.of(), true, "other")))
        .isInstanceOf(ApplicationFailure.class);
    assertThat(dcs().withName("dg").get()).as("a refusal deletes nothing").isNotNull();
    deploy.deleteGrid(new DeleteGridRequest(CLUSTER, "dg", List.of(), true, id));
    assertThat(dcs().withName("dg").get()).isNull();
    assertThat(client.configMaps().inNamespace(NS).withName("dg-config").get()).isNull();
  }

  private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<
          DeploymentConfig,
          io.fabric8.openshift.api.model.DeploymentConfigList,
          io.fabric8.openshift.client.dsl.DeployableScalableResource<DeploymentConfig>>
      dcs() {
    return client.adapt(OpenShiftClient.class).deploymentConfigs().inNamespace(NS);
  }

  private static InspectSourceRequest inspect(String grid) {
    return new InspectSourceRequest(CLUSTER, grid, "dg", null, TARGET, null);
  }

  private static DeployTargetRequest target() {
    return new DeployTargetRequest(
        CLUSTER, "dg", TARGET, "dg-source", TARGET_IMAGE, 30, 11222, List.of(), null, null, null);
  }

  /**
   * The fixture grid's pod template as a seed-style DeploymentConfig (Rolling, minReadySeconds).
   */
  static DeploymentConfig dcGrid(String name, String image, int replicas) {
    StatefulSet sts = Fixtures.grid(name, image, replicas);
    sts.getSpec().getTemplate().getMetadata().getLabels().put("deploymentconfig", name);
    return new DeploymentConfigBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withSelector(Map.of("deploymentconfig", name))
        .withMinReadySeconds(15)
        .addNewTrigger()
        .withType("ConfigChange")
        .endTrigger()
        .withNewStrategy()
        .withType("Rolling")
        .endStrategy()
        .withTemplate(sts.getSpec().getTemplate())
        .endSpec()
        .build();
  }
}
