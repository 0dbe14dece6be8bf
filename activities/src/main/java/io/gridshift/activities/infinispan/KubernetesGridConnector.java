package io.gridshift.activities.infinispan;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.gridshift.activities.ClusterAccess;
import io.gridshift.activities.KubernetesForbidden;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.infinispan.activities.GridEndpoint;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Resolves a {@link GridEndpoint} (names and references) through the Kubernetes API: the Service's
 * address ({@link ClusterAccess#hostOf}), the {@code username}/{@code password} keys of the
 * credentials Secret and the {@code ca.crt} key of the TLS Secret the endpoint names.
 */
final class KubernetesGridConnector {
  private final KubernetesClient kube;

  KubernetesGridConnector(KubernetesClient kube) {
    this.kube = kube;
  }

  /**
   * Resolves the grid's Service to a host and reads its credentials, at call time, so a rotated
   * Secret or a moved Service is picked up by the next activity attempt.
   *
   * @throws ApplicationFailure non-retryable {@code SecretNotFound} when the named Secret or one of
   *     its keys is missing; retryable when the Service is missing or the Kubernetes API fails
   */
  GridAddress resolve(GridEndpoint endpoint) {
    String namespace = endpoint.cluster().namespace();
    String name = namespace + "/" + endpoint.service();
    try {
      String host = host(namespace, endpoint.service());
      GridTrust trust = trust(namespace, endpoint.tlsSecret(), name);
      if (endpoint.credentialsSecret() == null) {
        return GridAddress.anonymous(name, host, endpoint.port()).withTrust(trust);
      }
      Secret secret =
          kube.secrets().inNamespace(namespace).withName(endpoint.credentialsSecret()).get();
      String secretName = namespace + "/" + endpoint.credentialsSecret();
      String username = key(secret, secretName, "username", name);
      String password = key(secret, secretName, "password", name);
      return new GridAddress(name, host, endpoint.port(), username, password, secretName, trust);
    } catch (KubernetesClientException e) {
      KubernetesForbidden.rethrowIfForbidden(e);
      throw ApplicationFailure.newFailureWithCause(
          "reading Service/Secret of grid " + name + " from Kubernetes failed: " + e.getMessage(),
          FailureTypes.KUBERNETES_UNAVAILABLE,
          e);
    }
  }

  /** The CAs of the endpoint's {@code tlsSecret} ({@code ca.crt}), or null for a plain grid. */
  private GridTrust trust(String namespace, String tlsSecret, String grid) {
    if (tlsSecret == null) {
      return null;
    }
    String secretName = namespace + "/" + tlsSecret;
    Secret secret = kube.secrets().inNamespace(namespace).withName(tlsSecret).get();
    if (secret == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Secret "
              + secretName
              + " (TLS trust of grid "
              + grid
              + ") does not exist: create it with the grid's CA certificate (PEM) in key '"
              + GridTrust.CA_KEY
              + "'",
          FailureTypes.SECRET_NOT_FOUND);
    }
    String pem = value(secret, GridTrust.CA_KEY);
    if (pem == null || pem.isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Secret "
              + secretName
              + " (TLS trust of grid "
              + grid
              + ") has no key '"
              + GridTrust.CA_KEY
              + "': add the grid's CA certificate (PEM) under that key",
          FailureTypes.SECRET_NOT_FOUND);
    }
    try {
      return new GridTrust(secretName, pem);
    } catch (IllegalArgumentException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Secret " + secretName + " (TLS trust of grid " + grid + "): " + e.getMessage(),
          FailureTypes.SECRET_NOT_FOUND);
    }
  }

  private static String value(Secret secret, String key) {
    String value = decoded(secret.getData(), key);
    if (value == null && secret.getStringData() != null) {
      value = secret.getStringData().get(key);
    }
    return value;
  }

  private String host(String namespace, String service) {
    Service svc = kube.services().inNamespace(namespace).withName(service).get();
    if (svc == null) {
      throw ApplicationFailure.newFailure(
          "Service "
              + namespace
              + "/"
              + service
              + " does not exist (yet): the grid cannot be reached; create the Service or fix"
              + " the request",
          FailureTypes.SERVICE_NOT_FOUND);
    }
    return ClusterAccess.hostOf(svc);
  }

  private static String key(Secret secret, String secretName, String key, String grid) {
    if (secret == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Secret "
              + secretName
              + " (credentials of grid "
              + grid
              + ") does not exist: create it with keys 'username' and 'password'",
          FailureTypes.SECRET_NOT_FOUND);
    }
    String value = value(secret, key);
    if (value == null || value.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Secret "
              + secretName
              + " (credentials of grid "
              + grid
              + ") has no key '"
              + key
              + "': add it (keys 'username' and 'password')",
          FailureTypes.SECRET_NOT_FOUND);
    }
    return value;
  }

  private static String decoded(Map<String, String> data, String key) {
    String encoded = data == null ? null : data.get(key);
    if (encoded == null) {
      return null;
    }
    return new String(Base64.getDecoder().decode(encoded.trim()), StandardCharsets.UTF_8);
  }
}
