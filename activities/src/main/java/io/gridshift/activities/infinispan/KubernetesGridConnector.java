package io.gridshift.activities.infinispan;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.infinispan.activities.GridEndpoint;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves grids through the Kubernetes API: the Service's cluster IP (the address the seed runbook
 * uses; its DNS name {@code <svc>.<ns>.svc.cluster.local} when the Service is headless), and the
 * {@code username}/{@code password} keys of the Secret the endpoint names.
 */
public final class KubernetesGridConnector implements GridConnector {
  private static final Logger LOG = LoggerFactory.getLogger(KubernetesGridConnector.class);

  private final KubernetesClient kube;

  public KubernetesGridConnector(KubernetesClient kube) {
    this.kube = kube;
  }

  @Override
  public GridAddress resolve(GridEndpoint endpoint) {
    String namespace = endpoint.cluster().namespace();
    String name = namespace + "/" + endpoint.service();
    try {
      String host = host(namespace, endpoint.service());
      if (endpoint.credentialsSecret() == null) {
        return GridAddress.anonymous(name, host, endpoint.port());
      }
      Secret secret =
          kube.secrets().inNamespace(namespace).withName(endpoint.credentialsSecret()).get();
      String secretName = namespace + "/" + endpoint.credentialsSecret();
      String username = key(secret, secretName, "username", name);
      String password = key(secret, secretName, "password", name);
      return new GridAddress(name, host, endpoint.port(), username, password, secretName);
    } catch (KubernetesClientException e) {
      throw ApplicationFailure.newFailureWithCause(
          "reading Service/Secret of grid " + name + " from Kubernetes failed: " + e.getMessage(),
          FailureTypes.KUBERNETES_UNAVAILABLE,
          e);
    }
  }

  private String host(String namespace, String service) {
    Service svc = kube.services().inNamespace(namespace).withName(service).get();
    String clusterIp = svc == null || svc.getSpec() == null ? null : svc.getSpec().getClusterIP();
    if (clusterIp != null && !clusterIp.isBlank() && !"None".equals(clusterIp)) {
      return clusterIp;
    }
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
    // Headless (or not yet allocated): cluster DNS resolves it from inside the cluster.
    String dns = service + "." + namespace + ".svc.cluster.local";
    LOG.debug("Service {}/{} has no cluster IP, using {}", namespace, service, dns);
    return dns;
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
    String value = decoded(secret.getData(), key);
    if (value == null && secret.getStringData() != null) {
      value = secret.getStringData().get(key);
    }
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
