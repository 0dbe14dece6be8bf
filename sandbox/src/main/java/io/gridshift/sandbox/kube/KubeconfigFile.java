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
   */
  public record Context(String name, String server, String namespace) {}

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
      // The mock accepts any token; a real client still wants one to send.
      users.append(
          """
          - name: %s
            user:
              token: sandbox
          """
              .formatted(c.name()));
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
