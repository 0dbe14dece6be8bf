package io.gridshift.activities.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.gridshift.activities.ClusterAccess;
import io.gridshift.workflows.activities.ClaimRequest;
import io.gridshift.workflows.common.FailureTypes;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ApplySafeSettingsTest {
  KubernetesClient client;
  private HazelcastActivitiesImpl activities;

  @BeforeEach
  void setUp() {
    activities =
        new HazelcastActivitiesImpl(ClusterAccess.of(HzFixtures.CLUSTER.cluster(), client));
  }

  @Test
  void replacesExistingValuesKeepsOtherOptionsAndRaisesTheGracePeriod() {
    create(
        HzFixtures.statefulSet(
            "hz",
            3,
            HzFixtures.javaOpts(
                "-Xmx1g -Dhazelcast.shutdownhook.policy=TERMINATE"
                    + " -Dhazelcast.graceful.shutdown.max.wait=60 -Dother=x")));

    activities.applySafeSettings(HzFixtures.sts("hz"), "member", 600, null);

    PodSpec pod = read("hz").getSpec().getTemplate().getSpec();
    assertThat(javaOpts(pod.getContainers().get(1)))
        .isEqualTo(
            "-Xmx1g -Dhazelcast.shutdownhook.policy=GRACEFUL"
                + " -Dhazelcast.graceful.shutdown.max.wait=600 -Dother=x");
    assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(630L);
    // The sidecar is untouched.
    assertThat(pod.getContainers().get(0).getEnv()).isEmpty();
  }

  @Test
  void anotherUpgradesClaimLeavesTheSettingsAsTheyAre() {
    StatefulSet sts = HzFixtures.statefulSet("hz", 3, HzFixtures.javaOpts("-Xmx1g"));
    sts.getMetadata().setAnnotations(java.util.Map.of(ClaimRequest.ANNOTATION, "upgrade-a"));
    create(sts);

    assertThatThrownBy(
            () -> activities.applySafeSettings(HzFixtures.sts("hz"), null, 120, "upgrade-b"))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> assertThat(f.getType()).isEqualTo(FailureTypes.CLAIM_CONFLICT));

    assertThat(javaOpts(read("hz").getSpec().getTemplate().getSpec().getContainers().get(1)))
        .isEqualTo("-Xmx1g");
  }

  @Test
  void isIdempotentAndKeepsALongerGracePeriod() {
    StatefulSet sts = HzFixtures.statefulSet("hz", 3, null);
    sts.getSpec().getTemplate().getSpec().setTerminationGracePeriodSeconds(900L);
    create(sts);

    activities.applySafeSettings(HzFixtures.sts("hz"), null, 120, null);
    StatefulSet first = read("hz");
    activities.applySafeSettings(HzFixtures.sts("hz"), null, 120, null);
    StatefulSet second = read("hz");

    PodSpec pod = first.getSpec().getTemplate().getSpec();
    assertThat(javaOpts(pod.getContainers().get(1)))
        .isEqualTo(
            "-Dhazelcast.shutdownhook.policy=GRACEFUL -Dhazelcast.graceful.shutdown.max.wait=120");
    assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(900L);
    assertThat(second.getMetadata().getResourceVersion())
        .as("a second call writes nothing (a write would roll the pods again)")
        .isEqualTo(first.getMetadata().getResourceVersion());
    assertThat(second.getMetadata().getGeneration()).isEqualTo(first.getMetadata().getGeneration());
  }

  @Test
  void updatesADeploymentToo() {
    client.apps().deployments().resource(HzFixtures.deploymentOf("d", 2, "1", "1")).create();

    activities.applySafeSettings(HzFixtures.deployment("d"), "member", 60, null);

    PodSpec pod =
        client
            .apps()
            .deployments()
            .inNamespace(HzFixtures.NS)
            .withName("d")
            .get()
            .getSpec()
            .getTemplate()
            .getSpec();
    assertThat(javaOpts(pod.getContainers().get(1))).contains("max.wait=60");
    assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(90L);
  }

  @Test
  void unknownContainerIsAnInvalidRequestListingTheContainers() {
    create(HzFixtures.statefulSet("hz", 1, null));

    assertThatThrownBy(
            () -> activities.applySafeSettings(HzFixtures.sts("hz"), "hazelcast", 60, null))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo(FailureTypes.INVALID_REQUEST);
              assertThat(f.getOriginalMessage())
                  .contains("no container named 'hazelcast'")
                  .contains("[logs, member]");
            });
  }

  private static String javaOpts(Container container) {
    return container.getEnv().stream()
        .filter(e -> e.getName().equals("JAVA_OPTS"))
        .map(EnvVar::getValue)
        .findFirst()
        .orElse(null);
  }

  private void create(StatefulSet sts) {
    client.apps().statefulSets().resource(sts).create();
  }

  private StatefulSet read(String name) {
    return client.apps().statefulSets().inNamespace(HzFixtures.NS).withName(name).get();
  }
}
