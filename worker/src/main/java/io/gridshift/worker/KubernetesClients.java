package io.gridshift.worker;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds a fabric8 client for one configured cluster. */
final class KubernetesClients {
  private KubernetesClients() {}

  static KubernetesClient forCluster(WorkerConfig.Cluster cluster) throws IOException {
    return new KubernetesClientBuilder().withConfig(config(cluster)).build();
  }

  private static Config config(WorkerConfig.Cluster cluster) throws IOException {
    if (cluster.inCluster()) {
      // No kubeconfig in the worker's pod: fabric8 falls back to the mounted service account.
      return Config.autoConfigure(null);
    }
    if (cluster.kubeconfig() == null) {
      return Config.autoConfigure(cluster.context());
    }
    Path file = Path.of(cluster.kubeconfig());
    if (!Files.isReadable(file)) {
      throw new IOException(
          "cluster '" + cluster.name() + "': kubeconfig " + file + " is not readable");
    }
    return Config.fromKubeconfig(cluster.context(), file.toFile());
  }
}
