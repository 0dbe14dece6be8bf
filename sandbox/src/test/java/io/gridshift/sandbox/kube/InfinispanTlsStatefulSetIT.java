package io.gridshift.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.activities.ClusterAccess;
import io.gridshift.activities.infinispan.InfinispanDataActivitiesImpl;
import io.gridshift.sandbox.Sandbox;
import io.gridshift.sandbox.SandboxOptions;
import io.gridshift.sandbox.infinispan.GridTlsSecrets;
import io.gridshift.sandbox.tls.SandboxPki;
import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.infinispan.activities.GridEndpoint;
import io.gridshift.workflows.infinispan.activities.GridInventory;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sandbox Infinispan StatefulSet over TLS, set up the way the Infinispan Operator's users do it:
 * the pods mount a keystore Secret ({@link GridTlsSecrets}), and nothing else tells the sandbox to
 * use TLS. gridshift learns it from the request's {@code tlsSecret} only: with the grid's CA it
 * reads the grid through the Service; with another CA it is refused, naming the Secret.
 */
class InfinispanTlsStatefulSetIT {
  private static final String VERSION =
      System.getProperty("gridshift.infinispan.target", "15.0.21.Final");

  @TempDir Path dir;

  @Test
  void aPodMountingAKeystoreSecretServesTlsAndGridshiftTrustsOnlyTheNamedCa() throws Exception {
    assumeTrue(
        System.getProperty("gridshift.infinispan.target") != null,
        "real-server IT: run it with failsafe (mvn verify -Dit.test=InfinispanTlsStatefulSetIT)");
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.ephemeral(dir))) {
      KubernetesClient client = sandbox.client();
      GridTlsSecrets tls =
          GridTlsSecrets.create(
              client, "default", SandboxPki.create(dir.resolve("pki"), "grid-ca"), "sdg", "sdg");
      GridTlsSecrets other =
          GridTlsSecrets.create(
              client, "default", SandboxPki.create(dir.resolve("other"), "other"), "odg", "sdg");
      StatefulSet sts = KubeFixtures.statefulSet("sdg", "quay.io/infinispan/server:" + VERSION, 1);
      var pod = sts.getSpec().getTemplate().getSpec();
      pod.getContainers()
          .get(0)
          .setPorts(
              List.of(
                  new ContainerPortBuilder().withName("hotrod").withContainerPort(11222).build()));
      pod.setTerminationGracePeriodSeconds(30L);
      tls.mountInto(pod);
      client.apps().statefulSets().resource(sts).create();
      client
          .services()
          .resource(
              new ServiceBuilder()
                  .withNewMetadata()
                  .withName("sdg")
                  .endMetadata()
                  .withNewSpec()
                  .addToSelector("app", "sdg")
                  .addNewPort()
                  .withName("hotrod")
                  .withPort(11222)
                  .withTargetPort(new IntOrString("hotrod"))
                  .endPort()
                  .endSpec()
                  .build())
          .create();
      KubeWorld.await(
          "StatefulSet sdg ready (HTTPS readiness probe)",
          Duration.ofMinutes(10),
          () -> RolloutRules.done(client.apps().statefulSets().withName("sdg").get()));

      ClusterRef cluster = new ClusterRef("sandbox", "default");
      try (ClusterAccess access = ClusterAccess.of("sandbox", client)) {
        InfinispanDataActivitiesImpl activities =
            new InfinispanDataActivitiesImpl(access, Duration.ofMillis(100));
        GridInventory inventory =
            activities.inventory(new GridEndpoint(cluster, "sdg", 11222, null, tls.trustSecret()));
        assertThat(inventory).isNotNull();
        assertThatThrownBy(
                () ->
                    activities.inventory(
                        new GridEndpoint(cluster, "sdg", 11222, null, other.trustSecret())))
            .isInstanceOfSatisfying(
                ApplicationFailure.class,
                f ->
                    assertThat(f.getOriginalMessage())
                        .contains("the TLS certificate of grid default/sdg at")
                        .contains("is not signed by a CA in Secret default/odg-ca"));
      }
    }
  }
}
