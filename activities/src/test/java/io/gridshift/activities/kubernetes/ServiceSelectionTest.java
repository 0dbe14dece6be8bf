package io.gridshift.activities.kubernetes;

import static io.gridshift.activities.kubernetes.Fixtures.CLUSTER;
import static io.gridshift.activities.kubernetes.Fixtures.NS;
import static io.gridshift.activities.kubernetes.Fixtures.SOURCE_SELECTOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.gridshift.activities.ClusterAccess;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.infinispan.activities.InspectSourceRequest;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The plan refuses a Service that does not select exactly the grid's pods, and a workload of
 * another grid kind (issue 10), against the fabric8 mock server.
 */
@EnableKubernetesMockClient(crud = true)
class ServiceSelectionTest {
  KubernetesClient client;
  private InfinispanDeployActivitiesImpl deploy;

  @BeforeEach
  void setUp() {
    deploy =
        new InfinispanDeployActivitiesImpl(ClusterAccess.of(Fixtures.CLUSTER.cluster(), client));
    client
        .apps()
        .statefulSets()
        .resource(Fixtures.grid("dg", "quay.io/infinispan/server:14.0.28.Final", 3))
        .create();
    client.configMaps().resource(Fixtures.gridConfig("dg")).create();
  }

  @Test
  void aServiceSelectingExactlyTheGridsPodsIsAccepted() {
    client.services().resource(Fixtures.service("dg", SOURCE_SELECTOR)).create();
    client.pods().resource(pod("dg-0", "dg", SOURCE_SELECTOR)).create();

    assertThat(deploy.inspectSource(request("dg")).serviceSelector()).isEqualTo(SOURCE_SELECTOR);
  }

  @Test
  void aServiceThatAlsoSelectsAnotherGridIsRefused() {
    client
        .apps()
        .statefulSets()
        .resource(Fixtures.grid("dg2", "quay.io/infinispan/server:14.0.28.Final", 1))
        .create();
    client.services().resource(Fixtures.service("all", Map.of("app", "infinispan"))).create();

    assertRefused(
        request("all"),
        "Service demo/all (selector {app=infinispan}) also selects the pods of StatefulSet dg2,"
            + " not only grid dg",
        "set 'service' to the Service that selects exactly grid dg's pods");
  }

  @Test
  void aServiceOfAnotherGridIsRefused() {
    client.services().resource(Fixtures.service("dg2", Map.of("grid", "dg2"))).create();

    assertRefused(
        request("dg2"),
        "Service demo/dg2 selects {grid=dg2}, which the pods of StatefulSet demo/dg do not carry");
  }

  @Test
  void aServiceWithoutASelectorIsRefused() {
    client.services().resource(Fixtures.service("bare", null)).create();

    assertRefused(request("bare"), "Service demo/bare has no selector");
  }

  @Test
  void aStrayPodTheServiceSelectsIsRefused() {
    client.services().resource(Fixtures.service("dg", SOURCE_SELECTOR)).create();
    client.pods().resource(pod("dg-0", "dg", SOURCE_SELECTOR)).create();
    client.pods().resource(pod("debug", "someone-else", SOURCE_SELECTOR)).create();

    assertRefused(request("dg"), "also selects pod debug, not only grid dg");
  }

  @Test
  void aHazelcastStatefulSetIsRefusedByAnInfinispanUpgradeNamingWhatWasFound() {
    client
        .apps()
        .statefulSets()
        .resource(Fixtures.grid("hz", "hazelcast/hazelcast:5.3.6", 3))
        .create();
    client.services().resource(Fixtures.service("hz", Map.of("grid", "hz"))).create();

    assertThatThrownBy(
            () ->
                deploy.inspectSource(
                    new InspectSourceRequest(CLUSTER, "hz", "hz", null, null, null)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f ->
                assertThat(f.getOriginalMessage())
                    .contains(
                        "StatefulSet demo/hz runs Hazelcast (container server, image"
                            + " hazelcast/hazelcast:5.3.6), not Infinispan")
                    .contains("set \"kind\": \"hazelcast\""));
  }

  private static InspectSourceRequest request(String service) {
    return new InspectSourceRequest(CLUSTER, "dg", service, null, null, null);
  }

  private static io.fabric8.kubernetes.api.model.Pod pod(
      String name, String owner, Map<String, String> labels) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .withLabels(labels)
        .addNewOwnerReference()
        .withApiVersion("apps/v1")
        .withKind("StatefulSet")
        .withName(owner)
        .withUid(owner + "-uid")
        .withController(true)
        .endOwnerReference()
        .endMetadata()
        .build();
  }

  private void assertRefused(InspectSourceRequest request, String... parts) {
    assertThatThrownBy(() -> deploy.inspectSource(request))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo(FailureTypes.INVALID_REQUEST);
              for (String part : parts) {
                assertThat(f.getOriginalMessage()).contains(part);
              }
            });
  }
}
