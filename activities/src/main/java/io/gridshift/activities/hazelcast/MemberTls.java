package io.gridshift.activities.hazelcast;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.activities.Failures;
import io.gridshift.workflows.common.FailureTypes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How a workload's members are reached over TLS, read from its pod template, never from the
 * workflow input: the template's annotations say where TLS is served and which Secret holds the CA
 * to trust.
 *
 * <ol>
 *   <li>{@value #CA_SECRET_ANNOTATION}: the name of a Secret in the grid's namespace whose key
 *       {@value #CA_KEY} (cert-manager's key) holds the PEM CA certificate(s) that issued the
 *       members' TLS certificates. Its presence turns TLS on: gridshift then speaks TLS to every
 *       member (REST over https, the Java client through {@link TlsTunnel}).
 *   <li>{@value #SIDECAR_PORT_ANNOTATION}: the port where a TLS-terminating sidecar in each pod (a
 *       service mesh's, ghostunnel, stunnel...) serves the member port, the way Hazelcast's open
 *       source edition gets TLS on Kubernetes. Without it, the member itself serves TLS on its own
 *       port: Hazelcast Enterprise with {@code network.ssl.enabled}.
 *   <li>A sidecar port without a CA Secret, or a member configuration that enables {@code
 *       network.ssl} without one, is refused: gridshift would otherwise talk plain text to a TLS
 *       port, or trust nothing it could check.
 * </ol>
 *
 * <p>Mutual TLS (members that require a client certificate) is not supported.
 *
 * @param port where each pod serves TLS
 * @param caPem the CA certificates, PEM
 * @param caSource where they came from, for messages ({@code Secret ns/name key ca.crt})
 */
public record MemberTls(int port, String caPem, String caSource) {
  /** Pod template annotation: the Secret (in the grid's namespace) holding the CA to trust. */
  public static final String CA_SECRET_ANNOTATION = "hazelcast.gridshift.io/tls-ca-secret";

  /** Pod template annotation: the port of the TLS-terminating sidecar fronting the member port. */
  public static final String SIDECAR_PORT_ANNOTATION = "hazelcast.gridshift.io/tls-sidecar-port";

  /** The key of the CA certificate in the Secret. */
  public static final String CA_KEY = "ca.crt";

  /**
   * The TLS of {@code workload}, or empty when its members are reached in plain text. Reads the CA
   * Secret (one GET).
   *
   * @param memberPort the member port (where an Enterprise member serves TLS itself)
   * @throws io.temporal.failure.ApplicationFailure InvalidRequest for a sidecar port that is not a
   *     port or has no CA Secret, SecretNotFound when the Secret or its key is missing
   */
  static Optional<MemberTls> read(KubernetesClient client, Workload workload, int memberPort) {
    Map<String, String> annotations =
        workload.template().getMetadata() == null
            ? null
            : workload.template().getMetadata().getAnnotations();
    String secret = annotations == null ? null : annotations.get(CA_SECRET_ANNOTATION);
    String sidecar = annotations == null ? null : annotations.get(SIDECAR_PORT_ANNOTATION);
    if (isBlank(secret)) {
      if (!isBlank(sidecar)) {
        throw Failures.invalidRequest(
            ("%s: its pod template sets %s but not %s; name the Secret (key %s) holding the CA"
                    + " that issued the sidecar's certificates")
                .formatted(
                    workload.describe(), SIDECAR_PORT_ANNOTATION, CA_SECRET_ANNOTATION, CA_KEY));
      }
      return Optional.empty();
    }
    int port = isBlank(sidecar) ? memberPort : port(workload, sidecar.trim());
    String ns = workload.ref().cluster().namespace();
    return Optional.of(
        new MemberTls(
            port,
            caPem(client, ns, secret.trim(), workload),
            "Secret %s/%s key %s".formatted(ns, secret.trim(), CA_KEY)));
  }

  /**
   * Refuses a workload whose members serve TLS themselves (Enterprise {@code network.ssl}) while
   * its template names no CA Secret: every probe would otherwise look like a dead member.
   */
  static void requireCaWhenMembersServeTls(Workload workload, MemberSettings settings) {
    Map<String, String> annotations =
        workload.template().getMetadata() == null
            ? Map.of()
            : Optional.ofNullable(workload.template().getMetadata().getAnnotations())
                .orElse(Map.of());
    if (settings.memberServesTls() && isBlank(annotations.get(CA_SECRET_ANNOTATION))) {
      throw Failures.invalidRequest(
          ("%s: its members serve TLS (network.ssl.enabled) but the pod template has no"
                  + " annotation %s; add it, naming the Secret (key %s) that holds the CA of the"
                  + " members' certificates")
              .formatted(workload.describe(), CA_SECRET_ANNOTATION, CA_KEY));
    }
  }

  /** {@code ip:port} of the TLS endpoint of {@code pod}, or null while it has no IP. */
  String address(Pod pod) {
    return HazelcastMembers.address(pod, port);
  }

  /** A client SSL context that trusts only this CA (and checks the host name as usual). */
  SSLContext sslContext() {
    try {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      Collection<? extends Certificate> certificates =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(
                  new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII)));
      if (certificates.isEmpty()) {
        throw Failures.invalidRequest(caSource + " holds no PEM certificate; put the CA there");
      }
      int i = 0;
      for (Certificate certificate : certificates) {
        trust.setCertificateEntry("ca-" + i++, certificate);
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw Failures.invalidRequest(
          "%s is not a PEM CA certificate (%s); put the CA certificate there"
              .formatted(caSource, e.getMessage()));
    }
  }

  /**
   * Whether {@code failure} (or a cause) is the peer's certificate failing this trust: a wrong CA
   * or a certificate for another name, which no retry fixes, unlike a connection reset.
   */
  static boolean untrusted(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof java.security.cert.CertificateException) {
        return true;
      }
    }
    return false;
  }

  /** The message for a member whose certificate this trust refuses. */
  String untrustedMessage(String member, Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return ("%s: TLS refused: the certificate it presents is not trusted by the CA in %s (%s);"
            + " point annotation %s at the Secret holding the CA that issued the members'"
            + " certificates (and check they name the pod IP)")
        .formatted(member, caSource, root.getMessage(), CA_SECRET_ANNOTATION);
  }

  private static String caPem(KubernetesClient client, String ns, String name, Workload workload) {
    Secret secret = client.secrets().inNamespace(ns).withName(name).get();
    String encoded =
        secret == null || secret.getData() == null ? null : secret.getData().get(CA_KEY);
    String plain =
        secret == null || secret.getStringData() == null
            ? null
            : secret.getStringData().get(CA_KEY);
    if (encoded == null && plain == null) {
      throw Failures.nonRetryable(
          ("%s: annotation %s names Secret %s/%s, which %s; create it with the members' CA"
                  + " certificate under key %s")
              .formatted(
                  workload.describe(),
                  CA_SECRET_ANNOTATION,
                  ns,
                  name,
                  secret == null ? "does not exist" : "has no key " + CA_KEY,
                  CA_KEY),
          FailureTypes.SECRET_NOT_FOUND);
    }
    return encoded != null
        ? new String(Base64.getMimeDecoder().decode(encoded), StandardCharsets.US_ASCII)
        : plain;
  }

  private static int port(Workload workload, String value) {
    try {
      int port = Integer.parseInt(value);
      if (port > 0 && port < 65536) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw Failures.invalidRequest(
        "%s: annotation %s is '%s', not a port number; set the sidecar's TLS port (1-65535)"
            .formatted(workload.describe(), SIDECAR_PORT_ANNOTATION, value));
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
