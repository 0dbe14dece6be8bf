package io.gridshift.sandbox.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The worker config a running sandbox writes for itself ({@code <dir>/}{@value #FILE_NAME}), in the
 * format {@code ./gridshift worker --config} reads: the sandbox's Temporal, {@code hostWorkflows:
 * true}, and one entry per cluster through the sandbox's kubeconfig and the cluster's context. One
 * worker started with it runs everything an upgrade in the sandbox needs.
 *
 * <p>Written as text rather than through the worker's config class, which the sandbox does not
 * depend on: the comment at the top is part of what a newcomer reads. A test loads it with the
 * worker's own loader.
 */
public final class SandboxWorkerConfig {
  /** The file's name in the sandbox directory. */
  public static final String FILE_NAME = "worker.yaml";

  private SandboxWorkerConfig() {}

  /** Writes the worker config of {@code state}'s sandbox to {@code file}. */
  public static void write(
      Path file, String temporalTarget, String kubeconfig, List<Cluster> clusters)
      throws IOException {
    Files.writeString(file, yaml(file, temporalTarget, kubeconfig, clusters));
  }

  /**
   * One cluster the worker serves.
   *
   * @param name the cluster's name (the task queue's suffix)
   * @param context its context in the kubeconfig
   */
  public record Cluster(String name, String context) {}

  static String yaml(Path file, String temporalTarget, String kubeconfig, List<Cluster> clusters) {
    StringBuilder yaml =
        new StringBuilder(
            """
            # A gridshift worker for the sandbox in %s, written by `./gridshift sandbox up`:
            #   ./gridshift worker --config %s
            # It hosts the workflows and runs every cluster's activities through the sandbox's
            # kubeconfig; the sandbox writes it anew each time it starts.
            temporal:
              target: %s
              namespace: default
            hostWorkflows: true
            clusters:
            """
                .formatted(
                    file.toAbsolutePath().getParent(),
                    file.toAbsolutePath(),
                    quoted(temporalTarget)));
    for (Cluster c : clusters) {
      yaml.append(
          """
            - name: %s
              kubeconfig: %s
              context: %s
          """
              .formatted(quoted(c.name()), quoted(kubeconfig), quoted(c.context())));
    }
    return yaml.toString();
  }

  /** A YAML double-quoted scalar (JSON string rules), so any path reads back as written. */
  private static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
