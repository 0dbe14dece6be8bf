package io.gridshift.sandbox.it.infinispan;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.sandbox.infinispan.InfinispanServer;
import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.infinispan.activities.GridEndpoint;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Puts grids into the fabric8 mock the way a cluster holds them: a Service whose cluster IP is the
 * server's loopback address, and a Secret with its credentials. The activities resolve both through
 * the Kubernetes API, as in production.
 */
final class ItKube {
  static final ClusterRef CLUSTER = new ClusterRef("it", "grids");

  private ItKube() {}

  static void service(KubernetesClient kube, String name, InfinispanServer server) {
    kube.services()
        .inNamespace(CLUSTER.namespace())
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withClusterIP(server.bindAddress())
                .addNewPort()
                .withName("hotrod")
                .withPort(server.port())
                .endPort()
                .endSpec()
                .build())
        .createOr(existing -> existing.update());
  }

  static void secret(KubernetesClient kube, String name, String username, String password) {
    kube.secrets()
        .inNamespace(CLUSTER.namespace())
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .addToData("username", b64(username))
                .addToData("password", b64(password))
                .build())
        .createOr(existing -> existing.update());
  }

  /** A Service (and, when {@code secret} is set, a Secret with the IT credentials). */
  static GridEndpoint endpoint(
      KubernetesClient kube, String service, InfinispanServer server, String secret) {
    service(kube, service, server);
    if (secret != null) {
      secret(kube, secret, ItGrids.USER, ItGrids.PASSWORD);
    }
    return new GridEndpoint(CLUSTER, service, server.port(), secret);
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
