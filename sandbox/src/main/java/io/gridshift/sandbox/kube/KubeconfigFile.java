package io.gridshift.sandbox.kube;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a kubeconfig with one context per sandbox API server, each with a cluster and a user of
 * the same name, so that a component connects to a sandbox cluster exactly as to a real one: a file
 * and a context name. The first context is the current one.
 */
public final class KubeconfigFile {
  private KubeconfigFile() {}

  /**
   * One context.
   *
   * @param name the context's (and its cluster's and user's) name
   * @param server the API server's URL
   * @param namespace the context's namespace
   * @param token the bearer token its user sends (who the API server takes it for)
   */
  public record Context(String name, String server, String namespace, String token) {
    /** A context whose user sends {@value #ADMIN_TOKEN}: cluster-admin in the sandbox. */
    public Context(String name, String server, String namespace) {
      this(name, server, namespace, ADMIN_TOKEN);
    }
  }

  /**
   * The token of the sandbox's kubeconfig users unless RBAC is enforced: the sandbox API server
   * lets it do anything, as it does a request with no token.
   */
  public static final String ADMIN_TOKEN = "sandbox";

  /** Writes {@code contexts} to {@code file}, creating its folder; the first is current. */
  public static void write(Path file, List<Context> contexts) throws IOException {
    if (contexts.isEmpty()) {
      throw new IllegalArgumentException("a kubeconfig needs at least one context");
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, yaml(contexts));
  }

  static String yaml(List<Context> contexts) {
    StringBuilder clusters = new StringBuilder("clusters:\n");
    StringBuilder users = new StringBuilder("users:\n");
    StringBuilder named = new StringBuilder("contexts:\n");
    for (Context c : contexts) {
      clusters.append(
          """
          - name: %s
            cluster:
              server: %s
              insecure-skip-tls-verify: true
          """
              .formatted(c.name(), c.server()));
      // Only an enforced identity's token is checked (RbacAuthorizer); any other acts as admin.
      users.append(
          """
          - name: %s
            user:
              token: %s
          """
              .formatted(c.name(), c.token()));
      named.append(
          """
          - name: %1$s
            context:
              cluster: %1$s
              user: %1$s
              namespace: %2$s
          """
              .formatted(c.name(), c.namespace()));
    }
    return "apiVersion: v1\nkind: Config\n"
        + clusters
        + users
        + named
        + "current-context: "
        + contexts.get(0).name()
        + "\n";
  }
}
