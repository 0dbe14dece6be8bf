package io.gridshift.sandbox.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A sandbox Kubernetes for unit tests: API server, controllers, kubelet and router with short
 * intervals, and the {@link FakePodRuntime} (plus any runtimes a test adds).
 */
final class KubeWorld implements AutoCloseable {
  static final Duration INTERVAL = Duration.ofMillis(50);

  final LocalKubernetesApi api;
  final KubernetesClient client;
  final FakePodRuntime fake = new FakePodRuntime();
  private final List<AutoCloseable> parts = new ArrayList<>();

  KubeWorld(Path dir, PodRuntime... more) throws Exception {
    api = LocalKubernetesApi.start(0, dir.resolve("kubeconfig"));
    client = api.client();
    Kubelet kubelet = new Kubelet(client, dir, INTERVAL, Duration.ofSeconds(2)).register(fake);
    for (PodRuntime runtime : more) {
      kubelet.register(runtime);
    }
    parts.add(kubelet.start());
    parts.add(new StatefulSetController(client, INTERVAL).start());
    parts.add(new DeploymentController(client, INTERVAL).start());
    parts.add(new DeploymentConfigController(client, INTERVAL).start());
  }

  /** Adds a part to close with the world. */
  <T extends AutoCloseable> T add(T part) {
    parts.add(part);
    return part;
  }

  List<Pod> pods() {
    return client.pods().list().getItems();
  }

  Pod pod(String name) {
    return client.pods().withName(name).get();
  }

  static void await(String what, Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  @Override
  public void close() throws Exception {
    for (int i = parts.size() - 1; i >= 0; i--) {
      parts.get(i).close();
    }
    api.close();
  }
}
