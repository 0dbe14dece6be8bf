package io.gridshift.sandbox.hazelcast;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.gridshift.activities.hazelcast.MemberTls;
import io.gridshift.sandbox.kube.PodContext;
import io.gridshift.sandbox.tls.IssuedCertificate;
import io.gridshift.sandbox.tls.SandboxPki;
import io.gridshift.sandbox.tls.TlsSidecar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The sandbox's stand-in for a service mesh in front of Hazelcast's open source members, which
 * cannot serve TLS themselves (TLS is a Hazelcast Enterprise feature). A pod whose template carries
 * the annotation {@value MemberTls#SIDECAR_PORT_ANNOTATION} gets a {@link TlsSidecar} on that port
 * (the mesh's injection, decided from Kubernetes alone, like {@code sidecar.istio.io/inject}):
 *
 * <ol>
 *   <li>the mesh's CA is made once per runtime, under {@code <sandbox>/mesh-ca};
 *   <li>its certificate is published, as a mesh publishes its root (Istio's {@code
 *       istio-ca-root-cert}), in the pod's namespace as Secret {@value #CA_SECRET} key {@value
 *       MemberTls#CA_KEY}: what the pod template's {@value MemberTls#CA_SECRET_ANNOTATION} names so
 *       that gridshift trusts it;
 *   <li>the pod gets a certificate of its own for its IP, and its sidecar serves the member port
 *       (REST and client protocol) over TLS.
 * </ol>
 *
 * Members still talk to each other in plain text on the member port, and so do applications that
 * connect there: only what comes through the sidecar port is TLS.
 */
public final class HazelcastMeshTls {
  /** The Secret holding the mesh's CA certificate, in every namespace with a TLS pod. */
  public static final String CA_SECRET = "sandbox-mesh-ca";

  /** The TLS port the demos give the sidecar. */
  public static final int DEFAULT_PORT = 5443;

  private SandboxPki ca;

  HazelcastMeshTls() {}

  /**
   * The pod template annotations that have the sandbox's mesh put a TLS sidecar on {@code port} in
   * front of every member and have gridshift trust the mesh's CA ({@value #CA_SECRET}): what a
   * StatefulSet adds to run its Hazelcast grid over TLS in the sandbox.
   */
  public static Map<String, String> annotations(int port) {
    return Map.of(
        MemberTls.SIDECAR_PORT_ANNOTATION,
        String.valueOf(port),
        MemberTls.CA_SECRET_ANNOTATION,
        CA_SECRET);
  }

  /** The sidecar port the pod asks for, or empty when it asks for none. */
  static OptionalInt requestedPort(Pod pod) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    String value = annotations == null ? null : annotations.get(MemberTls.SIDECAR_PORT_ANNOTATION);
    if (value == null || value.isBlank()) {
      return OptionalInt.empty();
    }
    try {
      return OptionalInt.of(Integer.parseInt(value.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          "pod %s/%s: annotation %s is '%s', not a port number"
              .formatted(
                  pod.getMetadata().getNamespace(),
                  pod.getMetadata().getName(),
                  MemberTls.SIDECAR_PORT_ANNOTATION,
                  value));
    }
  }

  /** Starts the sidecar of the pod in {@code context}: TLS on {@code tlsPort}, to {@code port}. */
  TlsSidecar inject(PodContext context, int tlsPort, int memberPort) throws IOException {
    if (tlsPort == memberPort) {
      throw new IllegalStateException(
          "pod %s/%s: annotation %s is the member port %d; give the sidecar a port of its own"
              .formatted(
                  context.namespace(),
                  context.name(),
                  MemberTls.SIDECAR_PORT_ANNOTATION,
                  memberPort));
    }
    SandboxPki mesh = ca(context.sandboxDir());
    publish(context, mesh);
    IssuedCertificate identity =
        mesh.server(context.namespace() + "." + context.name(), context.podIp());
    return TlsSidecar.start(mesh.context(identity), context.podIp(), tlsPort, memberPort);
  }

  private synchronized SandboxPki ca(Path sandboxDir) throws IOException {
    if (ca == null) {
      ca =
          SandboxPki.create(Files.createDirectories(sandboxDir.resolve("mesh-ca")), "sandbox-mesh");
    }
    return ca;
  }

  private static void publish(PodContext context, SandboxPki mesh) throws IOException {
    Secret secret =
        new SecretBuilder()
            .withNewMetadata()
            .withName(CA_SECRET)
            .withNamespace(context.namespace())
            .endMetadata()
            .addToData(
                MemberTls.CA_KEY,
                Base64.getEncoder().encodeToString(Files.readAllBytes(mesh.caCertificatePem())))
            .build();
    context
        .client()
        .secrets()
        .inNamespace(context.namespace())
        .resource(secret)
        .createOr(NonDeletingOperation::update);
  }
}
