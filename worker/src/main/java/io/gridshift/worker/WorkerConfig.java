package io.gridshift.worker;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.gridshift.workflows.common.Names;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The worker's configuration file (YAML). Values may reference environment variables as {@code
 * ${NAME}} or {@code ${NAME:-default}}.
 *
 * <pre>
 * temporal:
 *   target: temporal-frontend.temporal:7233
 *   namespace: default
 * hostWorkflows: true          # also poll the shared workflow task queue
 * clusters:
 *   - name: prod-eu-1          # task queue gridshift-cluster-prod-eu-1
 *     context: prod-eu-1       # kubeconfig context (kubeconfig: file, default $KUBECONFIG or ~/.kube/config)
 *   - name: local
 *     inCluster: true          # the cluster this worker runs in (service account)
 * </pre>
 *
 * @param temporal how to reach Temporal
 * @param hostWorkflows whether this worker also runs workflow tasks (default true)
 * @param clusters the clusters whose activities this worker runs
 */
public record WorkerConfig(Temporal temporal, Boolean hostWorkflows, List<Cluster> clusters) {
  private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");

  public WorkerConfig {
    temporal = temporal == null ? new Temporal(null, null) : temporal;
    hostWorkflows = hostWorkflows == null || hostWorkflows;
    clusters = clusters == null ? List.of() : List.copyOf(clusters);
  }

  /**
   * Connection to the Temporal frontend.
   *
   * @param target host:port (default 127.0.0.1:7233)
   * @param namespace Temporal namespace (default {@code default})
   */
  public record Temporal(String target, String namespace) {
    public Temporal {
      target = target == null || target.isBlank() ? "127.0.0.1:7233" : target;
      namespace = namespace == null || namespace.isBlank() ? "default" : namespace;
    }
  }

  /**
   * One Kubernetes cluster served by this worker.
   *
   * @param name the cluster name requests use ({@code cluster.cluster})
   * @param kubeconfig kubeconfig file; default {@code $KUBECONFIG} or {@code ~/.kube/config}
   * @param context kubeconfig context; default the file's current context
   * @param inCluster use the pod's service account instead of a kubeconfig
   */
  public record Cluster(String name, String kubeconfig, String context, Boolean inCluster) {
    public Cluster {
      inCluster = inCluster != null && inCluster;
    }
  }

  /** Reads and validates a config file, substituting environment variables. */
  public static WorkerConfig load(Path file) throws IOException {
    String text = substituteEnv(Files.readString(file));
    ObjectMapper yaml =
        new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    WorkerConfig config = yaml.readValue(text, WorkerConfig.class);
    List<String> problems = config.problems();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "worker config " + file + " is invalid: " + String.join("; ", problems));
    }
    return config;
  }

  /** Every problem with this configuration, empty when valid. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (clusters.isEmpty() && !hostWorkflows) {
      problems.add("the worker serves no cluster and hosts no workflows: add clusters");
    }
    Set<String> names = new HashSet<>();
    for (Cluster c : clusters) {
      if (!Names.isDnsLabel(c.name())) {
        problems.add("cluster name '" + c.name() + "' must be a DNS label (a-z, 0-9, '-')");
      } else if (!names.add(c.name())) {
        problems.add("cluster '" + c.name() + "' is listed twice");
      }
      if (c.inCluster() && (c.kubeconfig() != null || c.context() != null)) {
        problems.add("cluster '" + c.name() + "': inCluster excludes kubeconfig and context");
      }
    }
    return problems;
  }

  static String substituteEnv(String text) {
    Matcher m = ENV.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = System.getenv(m.group(1));
      if (value == null) {
        value = m.group(3) == null ? "" : m.group(3);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
