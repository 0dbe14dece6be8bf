package io.gridshift.sandbox.process;

import io.gridshift.workflows.client.TemporalAccess;
import io.gridshift.workflows.client.TemporalTls;
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

  /** Writes the worker config of a sandbox whose Temporal is plain text to {@code file}. */
  public static void write(
      Path file, String temporalTarget, String kubeconfig, List<Cluster> clusters)
      throws IOException {
    write(file, TemporalAccess.plain(temporalTarget), kubeconfig, clusters);
  }

  /**
   * Writes the worker config of a sandbox to {@code file}: its Temporal as {@code temporal} says
   * (target, and the {@code tls} section when it runs over TLS).
   */
  public static void write(
      Path file, TemporalAccess temporal, String kubeconfig, List<Cluster> clusters)
      throws IOException {
    Files.writeString(file, yaml(file, temporal, kubeconfig, clusters));
  }

  /**
   * One cluster the worker serves.
   *
   * @param name the cluster's name (the task queue's suffix)
   * @param context its context in the kubeconfig
   */
  public record Cluster(String name, String context) {}

  static String yaml(
      Path file, TemporalAccess temporal, String kubeconfig, List<Cluster> clusters) {
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
            %shostWorkflows: true
            clusters:
            """
                .formatted(
                    file.toAbsolutePath().getParent(),
                    file.toAbsolutePath(),
                    quoted(temporal.target()),
                    tls(temporal.tls())));
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

  /** The {@code tls:} lines under {@code temporal:}, empty for plain text. */
  private static String tls(TemporalTls tls) {
    if (!tls.enabled()) {
      return "";
    }
    StringBuilder lines =
        new StringBuilder(
            "  tls:                      # the sandbox's Temporal runs behind a TLS front\n");
    lines.append("    caFile: ").append(quoted(tls.caFile())).append('\n');
    if (tls.mutual()) {
      lines.append("    certFile: ").append(quoted(tls.certFile())).append('\n');
      lines.append("    keyFile: ").append(quoted(tls.keyFile())).append('\n');
    }
    return lines.toString();
  }

  /** A YAML double-quoted scalar (JSON string rules), so any path reads back as written. */
  private static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
