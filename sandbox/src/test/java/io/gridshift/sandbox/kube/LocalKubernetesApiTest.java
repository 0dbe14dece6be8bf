package io.gridshift.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.openshift.api.model.Route;
import io.fabric8.openshift.api.model.RouteBuilder;
import io.fabric8.openshift.client.OpenShiftClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKubernetesApiTest {
  @TempDir static Path dir;
  static LocalKubernetesApi api;
  static KubernetesClient client;

  @BeforeAll
  static void start() throws Exception {
    api = LocalKubernetesApi.start(0, dir.resolve("kubeconfig"));
    client = api.client();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void generationCountsSpecChangesOnly() {
    StatefulSet sts =
        client
            .apps()
            .statefulSets()
            .resource(KubeFixtures.statefulSet("gen", "fake/app:1", 1))
            .create();
    assertThat(sts.getMetadata().getGeneration()).isEqualTo(1L);
    var resource = client.apps().statefulSets().withName("gen");

    resource.edit(
        s -> new StatefulSetBuilder(s).editMetadata().addToLabels("x", "y").endMetadata().build());
    assertThat(resource.get().getMetadata().getGeneration()).isEqualTo(1L);

    resource.edit(
        s ->
            new StatefulSetBuilder(s)
                .editSpec()
                .editTemplate()
                .editSpec()
                .editFirstContainer()
                .withImage("fake/app:2")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build());
    assertThat(resource.get().getMetadata().getGeneration()).isEqualTo(2L);

    resource.editStatus(
        s ->
            new StatefulSetBuilder(s)
                .withStatus(
                    new StatefulSetStatusBuilder()
                        .withReplicas(1)
                        .withObservedGeneration(2L)
                        .build())
                .build());
    StatefulSet afterStatus = resource.get();
    assertThat(afterStatus.getMetadata().getGeneration()).isEqualTo(2L);
    assertThat(afterStatus.getStatus().getObservedGeneration()).isEqualTo(2L);

    StatefulSet replaced = resource.get();
    replaced.getSpec().setReplicas(3);
    client.apps().statefulSets().resource(replaced).update();
    assertThat(resource.get().getMetadata().getGeneration()).isEqualTo(3L);

    resource.scale(4);
    StatefulSet scaled = resource.get();
    assertThat(scaled.getSpec().getReplicas()).isEqualTo(4);
    assertThat(scaled.getMetadata().getGeneration()).isEqualTo(4L);
  }

  @Test
  void statefulSetGetsApiServerDefaults() {
    StatefulSet sts =
        client
            .apps()
            .statefulSets()
            .resource(withoutGracePeriod(KubeFixtures.statefulSet("defaults", "fake/app:1", 2)))
            .create();
    assertThat(sts.getSpec().getUpdateStrategy().getType()).isEqualTo("RollingUpdate");
    assertThat(sts.getSpec().getUpdateStrategy().getRollingUpdate().getPartition()).isZero();
    assertThat(sts.getSpec().getPodManagementPolicy()).isEqualTo("OrderedReady");
    assertThat(sts.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
        .isEqualTo(30L);
  }

  @Test
  void servicesGetLoopbackClusterIpsAndHeadlessStaysNone() {
    Service a = client.services().resource(service("svc-a", null)).create();
    Service b = client.services().resource(service("svc-b", null)).create();
    Service headless = client.services().resource(service("svc-h", "None")).create();

    assertThat(a.getSpec().getClusterIP()).startsWith("127.0.3.");
    assertThat(b.getSpec().getClusterIP())
        .startsWith("127.0.3.")
        .isNotEqualTo(a.getSpec().getClusterIP());
    assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
    assertThat(a.getSpec().getPorts().get(0).getTargetPort().getIntVal()).isEqualTo(11222);

    // Selector edits keep the address, like an immutable field.
    client
        .services()
        .withName("svc-a")
        .edit(s -> new ServiceBuilder(s).editSpec().addToSelector("v", "2").endSpec().build());
    assertThat(client.services().withName("svc-a").get().getSpec().getClusterIP())
        .isEqualTo(a.getSpec().getClusterIP());

    // A deleted Service's address is handed out again.
    String freed = b.getSpec().getClusterIP();
    client.services().withName("svc-b").delete();
    Service c = client.services().resource(service("svc-c", null)).create();
    assertThat(c.getSpec().getClusterIP()).isEqualTo(freed);
  }

  @Test
  void podDeletionWaitsForTheKubeletFinalizer() {
    Pod pod =
        client
            .pods()
            .resource(
                new PodBuilder()
                    .withNewMetadata()
                    .withName("graceful")
                    .endMetadata()
                    .withNewSpec()
                    .addNewContainer()
                    .withName("c")
                    .withImage("fake/app:1")
                    .endContainer()
                    .endSpec()
                    .build())
            .create();
    assertThat(pod.getMetadata().getFinalizers()).contains(SandboxApiDispatcher.KUBELET_FINALIZER);
    assertThat(pod.getStatus().getPhase()).isEqualTo("Pending");

    client.pods().withName("graceful").delete();
    Pod marked = client.pods().withName("graceful").get();
    assertThat(marked).isNotNull();
    assertThat(marked.getMetadata().getDeletionTimestamp()).endsWith("Z");

    client
        .pods()
        .withName("graceful")
        .edit(p -> new PodBuilder(p).editMetadata().withFinalizers().endMetadata().build());
    assertThat(client.pods().withName("graceful").get()).isNull();
  }

  @Test
  void secretStringDataIsStoredAsBase64Data() {
    client
        .secrets()
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("creds")
                .endMetadata()
                .addToStringData("password", "s3cret")
                .build())
        .create();
    Secret secret = client.secrets().withName("creds").get();
    assertThat(secret.getStringData()).isNullOrEmpty();
    assertThat(
            new String(
                Base64.getDecoder().decode(secret.getData().get("password")),
                StandardCharsets.UTF_8))
        .isEqualTo("s3cret");
  }

  @Test
  void kubeconfigContextReachesTheServer() throws Exception {
    String yaml = Files.readString(api.kubeconfig());
    Config config =
        Config.fromKubeconfig(LocalKubernetesApi.CONTEXT, yaml, api.kubeconfig().toString());
    try (KubernetesClient other = new KubernetesClientBuilder().withConfig(config).build()) {
      other
          .configMaps()
          .resource(
              new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                  .withNewMetadata()
                  .withName("via-kubeconfig")
                  .endMetadata()
                  .build())
          .create();
      assertThat(other.getNamespace()).isEqualTo("default");
      assertThat(client.configMaps().withName("via-kubeconfig").get()).isNotNull();
      assertThat(other.getKubernetesVersion().getGitVersion()).contains("sandbox");
    }
  }

  @Test
  void aTakenPortFailsWithAMessageThatSaysSo() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> LocalKubernetesApi.start(api.port(), dir.resolve("other")))
        .isInstanceOf(java.io.IOException.class)
        .hasMessageContaining("127.0.0.1:" + api.port())
        .hasMessageContaining("port");
  }

  @Test
  void routesAreServedThroughTheOpenShiftAdapter() {
    OpenShiftClient openShift = client.adapt(OpenShiftClient.class);
    openShift
        .routes()
        .resource(
            new RouteBuilder()
                .withNewMetadata()
                .withName("grid")
                .endMetadata()
                .withNewSpec()
                .withHost("grid.example")
                .withNewTo()
                .withKind("Service")
                .withName("source")
                .endTo()
                .endSpec()
                .build())
        .create();
    openShift
        .routes()
        .withName("grid")
        .edit(
            r ->
                new RouteBuilder(r)
                    .editSpec()
                    .editTo()
                    .withName("target")
                    .endTo()
                    .endSpec()
                    .build());
    Route route = openShift.routes().withName("grid").get();
    assertThat(route.getSpec().getTo().getName()).isEqualTo("target");
  }

  private static StatefulSet withoutGracePeriod(StatefulSet sts) {
    sts.getSpec().getTemplate().getSpec().setTerminationGracePeriodSeconds(null);
    return sts;
  }

  private static Service service(String name, String clusterIp) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withClusterIP(clusterIp)
        .addToSelector("app", name)
        .addNewPort()
        .withPort(11222)
        .endPort()
        .endSpec()
        .build();
  }
}
