package io.gridshift.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.activities.infinispan.GridAddress;
import io.gridshift.activities.infinispan.ServerCli;
import io.gridshift.activities.kubernetes.PodExec;
import io.gridshift.sandbox.Sandbox;
import io.gridshift.sandbox.SandboxOptions;
import io.gridshift.sandbox.infinispan.InfinispanServer;
import io.gridshift.workflows.common.FailureTypes;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI fallback of sync-data and disconnect against real servers in the sandbox: the agent's
 * {@link ServerCli} runs {@code migrate cluster synchronize} and {@code disconnect} in the target
 * pod through the Kubernetes exec API, which the sandbox serves by running the real Infinispan CLI
 * of the pod's version against that pod. One pod of the target version.
 */
class PodExecCliIT {
  private static final String VERSION =
      System.getProperty("gridshift.infinispan.target", "15.0.21.Final");
  private static final String NS = LocalKubernetesApi.NAMESPACE;
  private static final String CACHE = "cli-plain";
  private static final String SOURCE_CACHE = "cli-source";
  private static final int ENTRIES = 200;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;

  @Test
  void theServersCliSynchronizesAndDisconnectsThroughPodExec() throws Exception {
    assumeTrue(
        System.getProperty("gridshift.infinispan.target") != null,
        "real-server IT: run it with failsafe (mvn verify -Dit.test=PodExecCliIT)");
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.ephemeral(dir))) {
      KubernetesClient client = sandbox.client();
      client
          .configMaps()
          .resource(
              new ConfigMapBuilder()
                  .withNewMetadata()
                  .withName("grid-config")
                  .endMetadata()
                  .addToData("infinispan.xml", InfinispanServer.sandboxConfig(false))
                  .build())
          .create();
      String target = grid(client, "tgt");
      KubeWorld.await(
          "StatefulSet tgt ready",
          Duration.ofMinutes(10),
          () -> RolloutRules.done(client.apps().statefulSets().withName("tgt").get()));
      // One server plays both sides (a second grid would double the test's time): cache
      // cli-source holds the data, and cli-plain reads through a remote store to it over Hot Rod.
      String config = "{\"distributed-cache\":{\"encoding\":{\"media-type\":\"text/plain\"}}}";
      rest(target, "POST", "/rest/v2/caches/" + SOURCE_CACHE, config);
      for (int i = 0; i < ENTRIES; i++) {
        rest(target, "PUT", "/rest/v2/caches/" + SOURCE_CACHE + "/k" + i, "v" + i);
      }
      rest(target, "POST", "/rest/v2/caches/" + CACHE, config);
      String podIp = client.pods().withName("tgt-0").get().getStatus().getPodIP();
      rest(
          target,
          "POST",
          "/rest/v2/caches/" + CACHE + "/rolling-upgrade/source-connection",
          ("{\"remote-store\":{\"cache\":\"%s\",\"shared\":true,\"raw-values\":true,"
                  + "\"segmented\":false,\"remote-server\":[{\"host\":\"%s\",\"port\":11222}]}}")
              .formatted(SOURCE_CACHE, podIp));
      GridAddress targetGrid = GridAddress.anonymous(NS + "/tgt", target, 11222);
      ServerCli cli = new ServerCli(new PodExec(client));
      // Creating the connected cache rebalances the target, which its readiness reflects.
      KubeWorld.await(
          "pod tgt-0 ready again",
          Duration.ofMinutes(2),
          () ->
              client.pods().withName("tgt-0").get().getStatus().getConditions().stream()
                  .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True")));

      PodExec.Result direct =
          new PodExec(client)
              .inServicePod(
                  NS,
                  "tgt",
                  ServerCli.command(11222, "migrate cluster source-connection -c " + CACHE),
                  Duration.ofMinutes(2));
      assertThat(direct.exitCode()).as(direct.output()).isZero();
      long synced = cli.synchronize(targetGrid, NS, "tgt", CACHE);
      cli.disconnect(targetGrid, NS, "tgt", CACHE);

      // Disconnected: the target answers from its own memory, so the count is what was copied.
      assertThat(synced).isEqualTo(ENTRIES);
      assertThat(rest(target, "GET", "/rest/v2/caches/" + CACHE + "?action=size", null).strip())
          .isEqualTo(Integer.toString(ENTRIES));
      assertThat(rest(target, "GET", "/rest/v2/caches/" + CACHE + "/k7", null)).isEqualTo("v7");
      // Idempotent: disconnecting again is success.
      cli.disconnect(targetGrid, NS, "tgt", CACHE);
      // With no source connection left the CLI's sync fails (it exits 0: its output says so).
      assertThatThrownBy(() -> cli.synchronize(targetGrid, NS, "tgt", CACHE))
          .isInstanceOfSatisfying(
              ApplicationFailure.class,
              f -> {
                assertThat(f.isNonRetryable()).isTrue();
                assertThat(f.getType()).isEqualTo(FailureTypes.INVALID_REQUEST);
                assertThat(f.getOriginalMessage())
                    .contains("in pod tgt-0")
                    .contains("ISPN000397")
                    .contains("connect the source first");
              });
      assertThatThrownBy(() -> cli.synchronize(targetGrid, NS, "tgt", "nosuchcache"))
          .isInstanceOf(ApplicationFailure.class)
          .hasMessageContaining("Not Found: ISPN012010");
      // The sandbox runs nothing but the server's CLI in its pods.
      PodExec.Result other =
          new PodExec(client).run(NS, "tgt-0", "main", List.of("ls", "/"), Duration.ofSeconds(30));
      assertThat(other.exitCode()).isEqualTo(126);
      assertThat(other.stderr()).contains("runs only the Infinispan CLI");
    }
  }

  /** A one-pod grid of {@link #VERSION} and its Service; returns the Service's cluster IP. */
  private static String grid(KubernetesClient client, String name) {
    StatefulSet sts = KubeFixtures.statefulSet(name, "quay.io/infinispan/server:" + VERSION, 1);
    var container = sts.getSpec().getTemplate().getSpec().getContainers().get(0);
    container.setPorts(
        List.of(new ContainerPortBuilder().withName("hotrod").withContainerPort(11222).build()));
    container.setVolumeMounts(
        List.of(
            new VolumeMountBuilder()
                .withName("config")
                .withMountPath("/opt/infinispan/server/conf/user")
                .build()));
    sts.getSpec()
        .getTemplate()
        .getSpec()
        .setVolumes(
            List.of(
                new VolumeBuilder()
                    .withName("config")
                    .withNewConfigMap()
                    .withName("grid-config")
                    .endConfigMap()
                    .build()));
    client.apps().statefulSets().resource(sts).create();
    return client
        .services()
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .addToSelector("app", name)
                .addNewPort()
                .withName("hotrod")
                .withPort(11222)
                .withTargetPort(new IntOrString("hotrod"))
                .endPort()
                .endSpec()
                .build())
        .create()
        .getSpec()
        .getClusterIP();
  }

  private static String rest(String host, String method, String path, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://" + host + ":11222" + path))
            .timeout(Duration.ofSeconds(30))
            .header(
                "Content-Type",
                body != null && body.startsWith("{") ? "application/json" : "text/plain");
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode())
        .as("%s %s: %s", method, path, response.body())
        .isBetween(200, 299);
    return response.body();
  }
}
