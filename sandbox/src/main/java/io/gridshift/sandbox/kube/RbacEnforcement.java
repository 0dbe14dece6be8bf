package io.gridshift.sandbox.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which RBAC manifests a sandbox API server enforces, and for whom: requests that carry {@link
 * #AGENT_TOKEN} act as {@link #user()} and are checked against the manifests; every other request
 * (the sandbox's controllers and kubelet, a test's setup, the {@code -admin} kubeconfig context)
 * acts as cluster-admin, as a real cluster's controllers do.
 *
 * <p>The manifests are read as a person applies them: {@code clusterManifests} as they are, and
 * {@code namespaceManifests} (the per-namespace template, {@code
 * deploy/rbac/grid-namespace-role.yaml}) once per grid namespace with that namespace written into
 * its Roles and RoleBindings, as a person does who copies the file and changes its namespace.
 *
 * @param clusterManifests applied as they are (the ServiceAccount, ClusterRoles and their bindings)
 * @param namespaceManifests copied into each of {@code gridNamespaces}
 * @param gridNamespaces where grids live ({@code default} in the sandbox)
 * @param user the identity the agent's token stands for, {@code system:serviceaccount:<ns>:<name>}
 */
public record RbacEnforcement(
    List<Path> clusterManifests,
    List<Path> namespaceManifests,
    List<String> gridNamespaces,
    String user) {
  /** The bearer token of the agent identity in the sandbox's kubeconfigs. */
  public static final String AGENT_TOKEN = "gridshift-agent-sandbox-token";

  /** The agent's identity in {@code deploy/rbac/agent/agent.yaml}. */
  public static final String AGENT_USER = "system:serviceaccount:gridshift:gridshift-agent";

  public RbacEnforcement {
    clusterManifests = List.copyOf(clusterManifests);
    namespaceManifests = List.copyOf(namespaceManifests);
    gridNamespaces =
        gridNamespaces == null || gridNamespaces.isEmpty()
            ? List.of(LocalKubernetesApi.NAMESPACE)
            : List.copyOf(gridNamespaces);
    Objects.requireNonNull(user, "the agent's user name");
    for (Path p : clusterManifests) {
      requireReadable(p);
    }
    for (Path p : namespaceManifests) {
      requireReadable(p);
    }
  }

  /**
   * The project's own RBAC, {@code <deployDir>/rbac/agent/agent.yaml} as it is and {@code
   * <deployDir>/rbac/grid-namespace-role.yaml} in namespace {@code default}, for the agent {@value
   * #AGENT_USER}.
   */
  public static RbacEnforcement fromDeploy(Path deployDir) {
    Path rbac = deployDir.resolve("rbac");
    return new RbacEnforcement(
        List.of(rbac.resolve("agent").resolve("agent.yaml")),
        List.of(rbac.resolve("grid-namespace-role.yaml")),
        List.of(LocalKubernetesApi.NAMESPACE),
        AGENT_USER);
  }

  /** The same manifests, with the per-namespace ones copied into these namespaces. */
  public RbacEnforcement inNamespaces(String... namespaces) {
    return new RbacEnforcement(clusterManifests, namespaceManifests, List.of(namespaces), user);
  }

  /** The policy the API server enforces: the manifests read and the template copied. */
  public RbacPolicy policy() throws IOException {
    List<HasMetadata> objects = new ArrayList<>();
    for (Path file : clusterManifests) {
      objects.addAll(RbacPolicy.parse(Files.readString(file), file.toString()));
    }
    for (Path file : namespaceManifests) {
      List<HasMetadata> template = RbacPolicy.parse(Files.readString(file), file.toString());
      for (String namespace : gridNamespaces) {
        for (HasMetadata o : template) {
          if (o instanceof Role || o instanceof RoleBinding) {
            HasMetadata copy = Serialization.clone(o);
            copy.getMetadata().setNamespace(namespace);
            objects.add(copy);
          } else {
            objects.add(o);
          }
        }
      }
    }
    return RbacPolicy.of(objects);
  }

  private static void requireReadable(Path file) {
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException(
          "RBAC manifest "
              + file.toAbsolutePath()
              + " is not readable; pass the project's deploy/ folder (RbacEnforcement.fromDeploy)"
              + " or existing manifest files");
    }
  }
}
