package io.gridshift.sandbox.infinispan;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.sandbox.tls.IssuedCertificate;
import io.gridshift.sandbox.tls.SandboxPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The two Secrets a grid over TLS needs in the sandbox, made the way the Infinispan Operator's
 * users make them: a keystore Secret the grid's pods mount ({@code keystore.p12}, {@code password};
 * the sandbox's pod runtime then serves TLS with it, see {@code InfinispanPodRuntime}), and a trust
 * Secret with the CA in {@code ca.crt}, the one an upgrade request names as {@code tlsSecret}. The
 * server certificate names every Service given in all its DNS forms ({@code <svc>}, {@code
 * <svc>.<ns>}, {@code <svc>.<ns>.svc}, {@code <svc>.<ns>.svc.cluster.local}), plus loopback.
 *
 * @param keystoreSecret name of the Secret the pods mount
 * @param trustSecret name of the Secret with {@code ca.crt}, for the request's {@code tlsSecret}
 */
public record GridTlsSecrets(String keystoreSecret, String trustSecret) {
  /** Where the Infinispan Operator mounts a grid's keystore; the sandbox reads the Secret only. */
  public static final String MOUNT_PATH = "/etc/encrypt";

  /**
   * Issues a server certificate from {@code pki} for {@code services} and creates (or replaces)
   * Secrets {@code <grid>-keystore} and {@code <grid>-ca} in {@code namespace}.
   */
  public static GridTlsSecrets create(
      KubernetesClient kube, String namespace, SandboxPki pki, String grid, String... services) {
    List<String> names = new ArrayList<>();
    for (String service : services) {
      String base = service + "." + namespace;
      names.addAll(List.of(service, base, base + ".svc", base + ".svc.cluster.local"));
    }
    IssuedCertificate cert = pki.server(grid, names.toArray(String[]::new));
    GridTlsSecrets secrets = new GridTlsSecrets(grid + "-keystore", grid + "-ca");
    try {
      apply(
          kube,
          namespace,
          new SecretBuilder()
              .withNewMetadata()
              .withName(secrets.keystoreSecret())
              .endMetadata()
              .addToData(ServerTls.SECRET_KEYSTORE_KEY, b64(Files.readAllBytes(cert.keyStore())))
              .addToData(ServerTls.SECRET_PASSWORD_KEY, b64(bytes(cert.password())))
              .build());
      apply(
          kube,
          namespace,
          new SecretBuilder()
              .withNewMetadata()
              .withName(secrets.trustSecret())
              .endMetadata()
              .addToData("ca.crt", b64(Files.readAllBytes(pki.caCertificatePem())))
              .build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return secrets;
  }

  /** Mounts the keystore Secret into {@code pod}'s first container, as the Operator does. */
  public void mountInto(PodSpec pod) {
    pod.getVolumes()
        .add(
            new VolumeBuilder()
                .withName("gridshift-keystore")
                .withNewSecret()
                .withSecretName(keystoreSecret)
                .endSecret()
                .build());
    pod.getContainers()
        .get(0)
        .getVolumeMounts()
        .add(
            new VolumeMountBuilder()
                .withName("gridshift-keystore")
                .withMountPath(MOUNT_PATH)
                .withReadOnly(true)
                .build());
  }

  private static void apply(KubernetesClient kube, String namespace, Secret secret) {
    kube.secrets().inNamespace(namespace).resource(secret).createOr(s -> s.update());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
