package io.gridshift.demo.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.gridshift.sandbox.Sandbox;
import io.gridshift.sandbox.SandboxOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watch on a real sandbox cluster: its StatefulSet controller recreates deleted pods under the
 * same names, and its kubelet's finalizer makes a pod deletion a deletionTimestamp first and a
 * disappearance later, as in a cluster. Pods run an image no sandbox runtime knows, so they stay
 * Pending (no process) and the test controls every deletion itself (updateStrategy OnDelete).
 */
class DestructiveActionWatchTest {
  @TempDir static Path dir;
  private static Sandbox sandbox;
  private static KubernetesClient client;

  @BeforeAll
  static void start() throws IOException {
    sandbox = Sandbox.start(SandboxOptions.ephemeral(dir));
    client = sandbox.client();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void aNormalUpgradeAndRollbackCountNoDuplicate() throws Exception {
    String ns = "normal";
    statefulSet(ns, "web", 2, "example/web:1", null);
    awaitPod(ns, "web-0", null);
    String web1 = awaitPod(ns, "web-1", null);
    try (DestructiveActionWatch watch = DestructiveActionWatch.start(client, List.of(ns))) {
      // roll to :2 pod by pod, highest ordinal first, then roll back to :1 the same way
      setImage(ns, "web", "example/web:2");
      web1 = replace(ns, "web-1", web1);
      replace(ns, "web-0", uid(ns, "web-0"));
      setImage(ns, "web", "example/web:1");
      replace(ns, "web-1", web1);
      replace(ns, "web-0", uid(ns, "web-0"));
      // a cutover and its compensation
      service(ns, "svc", "a");
      switchSelector(ns, "svc", "b");
      switchSelector(ns, "svc", "a");
      // a partitioned roll
      statefulSet(ns, "db", 0, "example/db:1", 3);
      setPartition(ns, "db", 2);
      setPartition(ns, "db", 1);
      setPartition(ns, "db", 0);
      // source objects removed once each
      client
          .configMaps()
          .inNamespace(ns)
          .resource(new ConfigMapBuilder().withNewMetadata().withName("cfg").endMetadata().build())
          .create();
      client.configMaps().inNamespace(ns).withName("cfg").delete();
      client.apps().deployments().inNamespace(ns).resource(deployment("app")).create();
      client.apps().deployments().inNamespace(ns).withName("app").delete();
      client.apps().statefulSets().inNamespace(ns).withName("web").delete();

      Map<String, Integer> expected =
          Map.of(
              "delete Pod", 6,
              "switch-selector Service", 2,
              "lower-partition StatefulSet", 3,
              "delete ConfigMap", 1,
              "delete Deployment", 1,
              "delete StatefulSet", 1);
      await(() -> watch.counts().equals(expected), "counts " + expected);
      assertThat(watch.duplicates()).isEmpty();
      assertThat(watch.actions())
          .filteredOn(a -> a.verb().equals(DestructiveAction.SWITCH_SELECTOR))
          .extracting(DestructiveAction::detail)
          .containsExactly("app=b", "app=a");
      assertThat(watch.actions())
          .filteredOn(a -> a.verb().equals(DestructiveAction.LOWER_PARTITION))
          .extracting(DestructiveAction::detail)
          .containsExactly("2", "1", "0");
    }
  }

  @Test
  void eachRepeatedActionCountsAsADuplicate() throws Exception {
    String ns = "repeats";
    statefulSet(ns, "web", 1, "example/web:1", null);
    String web0 = awaitPod(ns, "web-0", null);
    service(ns, "svc", "a");
    statefulSet(ns, "db", 0, "example/db:1", 3);
    try (DestructiveActionWatch watch = DestructiveActionWatch.start(client, List.of(ns))) {
      setImage(ns, "web", "example/web:2");
      web0 = replace(ns, "web-0", web0);
      replace(ns, "web-0", web0); // the same pod replaced twice in one rollout
      switchSelector(ns, "svc", "b");
      switchSelector(ns, "svc", "a");
      switchSelector(ns, "svc", "b"); // switched to b a second time
      setPartition(ns, "db", 2);
      setPartition(ns, "db", 3);
      setPartition(ns, "db", 2); // lowered to 2 twice with the same template
      for (int i = 0; i < 2; i++) {
        client
            .configMaps()
            .inNamespace(ns)
            .resource(
                new ConfigMapBuilder().withNewMetadata().withName("cfg").endMetadata().build())
            .create();
        client.configMaps().inNamespace(ns).withName("cfg").delete();
        await(
            () -> watch.counts().getOrDefault("delete ConfigMap", 0) >= 1, "a ConfigMap deletion");
      }

      await(() -> watch.duplicates().size() >= 4, "4 duplicates");
      assertThat(watch.duplicates())
          .satisfiesExactlyInAnyOrder(
              d -> assertThat(d).startsWith("Pod repeats/web-0 deleted again"),
              d ->
                  assertThat(d)
                      .isEqualTo("Service repeats/svc switched to selector app=b a 2nd time"),
              d -> assertThat(d).startsWith("StatefulSet repeats/db partition lowered to 2 a 2nd"),
              d -> assertThat(d).isEqualTo("ConfigMap repeats/cfg deleted 2nd time"));
    }
  }

  private static void statefulSet(
      String ns, String name, int replicas, String image, Integer partition) {
    StatefulSetBuilder b =
        new StatefulSetBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(ns)
            .endMetadata()
            .withNewSpec()
            .withReplicas(replicas)
            .withServiceName(name)
            // pods of an unknown image never get ready: Parallel, or web-1 waits for web-0
            .withPodManagementPolicy("Parallel")
            .withNewSelector()
            .addToMatchLabels("app", name)
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .addToLabels("app", name)
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName(name)
            .withImage(image)
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec();
    if (partition == null) {
      b.editSpec().withNewUpdateStrategy().withType("OnDelete").endUpdateStrategy().endSpec();
    } else {
      b.editSpec()
          .withNewUpdateStrategy()
          .withType("RollingUpdate")
          .withNewRollingUpdate()
          .withPartition(partition)
          .endRollingUpdate()
          .endUpdateStrategy()
          .endSpec();
    }
    client.apps().statefulSets().inNamespace(ns).resource(b.build()).create();
  }

  private static io.fabric8.kubernetes.api.model.apps.Deployment deployment(String name) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withReplicas(0)
        .withNewSelector()
        .addToMatchLabels("app", name)
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", name)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName(name)
        .withImage("example/app:1")
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static void setImage(String ns, String sts, String image) throws InterruptedException {
    editStatefulSet(
        ns, sts, s -> s.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image));
  }

  private static void setPartition(String ns, String sts, int partition)
      throws InterruptedException {
    editStatefulSet(
        ns, sts, s -> s.getSpec().getUpdateStrategy().getRollingUpdate().setPartition(partition));
  }

  /**
   * The sandbox's StatefulSet controller writes status meanwhile, so an edit may meet a 409: read
   * again and redo it, as a controller would.
   */
  private static void editStatefulSet(String ns, String sts, Consumer<StatefulSet> change)
      throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        client
            .apps()
            .statefulSets()
            .inNamespace(ns)
            .withName(sts)
            .edit(
                s -> {
                  change.accept(s);
                  return s;
                });
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 10) {
          throw e;
        }
        Thread.sleep(20);
      }
    }
  }

  private static void service(String ns, String name, String app) {
    client
        .services()
        .inNamespace(ns)
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .addToSelector("app", app)
                .addNewPort()
                .withPort(80)
                .endPort()
                .endSpec()
                .build())
        .create();
  }

  private static void switchSelector(String ns, String name, String app) {
    client
        .services()
        .inNamespace(ns)
        .withName(name)
        .edit(
            s -> {
              s.getSpec().setSelector(Map.of("app", app));
              return s;
            });
  }

  /** Deletes the pod and waits until its StatefulSet has recreated it; returns the new uid. */
  private static String replace(String ns, String pod, String uid) throws InterruptedException {
    client.pods().inNamespace(ns).withName(pod).delete();
    return awaitPod(ns, pod, uid);
  }

  private static String uid(String ns, String pod) {
    return client.pods().inNamespace(ns).withName(pod).get().getMetadata().getUid();
  }

  /** Waits for a live pod of that name whose uid is not {@code oldUid}; returns its uid. */
  private static String awaitPod(String ns, String name, String oldUid)
      throws InterruptedException {
    String[] uid = new String[1];
    await(
        () -> {
          Pod p = client.pods().inNamespace(ns).withName(name).get();
          if (p == null
              || p.getMetadata().getDeletionTimestamp() != null
              || p.getMetadata().getUid().equals(oldUid)) {
            return false;
          }
          uid[0] = p.getMetadata().getUid();
          return true;
        },
        "pod " + ns + "/" + name + " recreated");
    return uid[0];
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > until) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }
}
