package io.gridshift.worker;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.gridshift.activities.notify.WebhookSignature;
import io.gridshift.workflows.client.TemporalAccess;
import io.gridshift.workflows.common.Names;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
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
 * temporal:                   # TLS, API key, payload encryption: see TemporalAccess
 *   target: temporal-frontend.temporal:7233
 *   namespace: default
 * hostWorkflows: true          # also poll the shared workflow task queue
 * clusters:
 *   - name: prod-eu-1          # task queue gridshift-cluster-prod-eu-1
 *     context: prod-eu-1       # kubeconfig context (kubeconfig: file, default $KUBECONFIG or ~/.kube/config)
 *   - name: local
 *     inCluster: true          # the cluster this worker runs in (service account)
 * notifications:               # only read by workers that host workflows
 *   webhooks:                  # each gets a JSON POST with a Slack-compatible "text"
 *     - ${SLACK_WEBHOOK}       # secrets from the environment; an empty value is ignored
 *   signingKeyFile: /etc/gridshift-webhook/key   # optional: sign each POST (HMAC-SHA256)
 * approvals:                   # only read by workers that host workflows
 *   mode: signed               # open (default): anyone who can signal a workflow decides;
 *                              # signed: only decisions the REST service signed
 *   keys:                      # key id -> key file (a mounted Secret), the REST service's keys
 *     k1: /etc/gridshift/approvals/k1
 *   fourEyes: required         # required: no requester approves their own upgrade;
 *                              # per-request (default): as each request says
 * observability:               # optional: /healthz, /readyz and /metrics over HTTP
 *   port: 9464                 # 0: any free port (logged at start)
 *   bindHost: 0.0.0.0          # default 0.0.0.0
 * </pre>
 *
 * <p>The same file runs the three roles: a worker that hosts workflows and serves clusters (the
 * demo's), a central worker ({@code hostWorkflows: true}, no clusters) and a cluster's agent
 * ({@code ./gridshift agent}: {@code hostWorkflows: false} and its own cluster, usually {@code
 * inCluster: true}).
 *
 * @param temporal how to reach Temporal (TLS, API key, payload encryption: {@link TemporalAccess})
 * @param hostWorkflows whether this worker also runs workflow tasks (default true)
 * @param clusters the clusters whose activities this worker runs
 * @param notifications where notifications about upgrades go (default: nowhere)
 * @param approvals who may decide the gates of the workflows this worker hosts (default: open)
 * @param observability where health and metrics are served (default: not at all)
 */
public record WorkerConfig(
    TemporalAccess temporal,
    Boolean hostWorkflows,
    List<Cluster> clusters,
    Notifications notifications,
    ApprovalSettings approvals,
    Observability observability) {
  private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");

  public WorkerConfig {
    temporal = temporal == null ? TemporalAccess.plain(null) : temporal;
    hostWorkflows = hostWorkflows == null || hostWorkflows;
    clusters = clusters == null ? List.of() : List.copyOf(clusters);
    notifications = notifications == null ? new Notifications(null) : notifications;
    approvals = approvals == null ? new ApprovalSettings(null, null, null) : approvals;
  }

  /** A configuration with no health and metrics endpoint. */
  public WorkerConfig(
      TemporalAccess temporal,
      Boolean hostWorkflows,
      List<Cluster> clusters,
      Notifications notifications,
      ApprovalSettings approvals) {
    this(temporal, hostWorkflows, clusters, notifications, approvals, null);
  }

  /** A configuration with open approvals. */
  public WorkerConfig(
      TemporalAccess temporal,
      Boolean hostWorkflows,
      List<Cluster> clusters,
      Notifications notifications) {
    this(temporal, hostWorkflows, clusters, notifications, null);
  }

  /** A configuration without notifications. */
  public WorkerConfig(TemporalAccess temporal, Boolean hostWorkflows, List<Cluster> clusters) {
    this(temporal, hostWorkflows, clusters, null, null);
  }

  /** This configuration with {@code approvals} instead of its own. */
  public WorkerConfig withApprovals(ApprovalSettings approvals) {
    return new WorkerConfig(
        temporal, hostWorkflows, clusters, notifications, approvals, observability);
  }

  /** This configuration serving health and metrics as {@code observability} says. */
  public WorkerConfig withObservability(Observability observability) {
    return new WorkerConfig(
        temporal, hostWorkflows, clusters, notifications, approvals, observability);
  }

  /**
   * Where {@code /healthz}, {@code /readyz} and {@code /metrics} are served.
   *
   * @param port the TCP port; 0 picks a free one (tests, demos: the worker logs the URL)
   * @param bindHost the address to listen on (default 0.0.0.0: a pod's probes and Prometheus come
   *     from outside the container)
   */
  public record Observability(Integer port, String bindHost) {
    /** The port the manifests use, named {@code metrics}. */
    public static final int DEFAULT_PORT = 9464;

    public Observability {
      port = port == null ? DEFAULT_PORT : port;
      bindHost = bindHost == null || bindHost.isBlank() ? "0.0.0.0" : bindHost.strip();
    }

    /** Any free port on loopback: for tests and demos. */
    public static Observability ephemeralLoopback() {
      return new Observability(0, "127.0.0.1");
    }

    List<String> problems() {
      return port < 0 || port > 65535
          ? List.of("observability.port " + port + " must be 0 (any free port) to 65535")
          : List.of();
    }
  }

  /**
   * Where notifications go.
   *
   * @param webhooks URLs that receive a JSON POST per notification; blank entries (an unset
   *     environment variable) are dropped
   * @param signingKeyFile a file holding the key that signs every POST ({@link WebhookSignature}),
   *     usually a mounted Secret; none (or blank): unsigned
   */
  public record Notifications(List<String> webhooks, String signingKeyFile) {
    public Notifications {
      webhooks =
          webhooks == null
              ? List.of()
              : webhooks.stream()
                  .filter(w -> w != null && !w.isBlank())
                  .map(String::strip)
                  .toList();
      signingKeyFile =
          signingKeyFile == null || signingKeyFile.isBlank() ? null : signingKeyFile.strip();
    }

    /** Unsigned notifications to {@code webhooks}. */
    public Notifications(List<String> webhooks) {
      this(webhooks, null);
    }

    /** The signature every POST carries, or null when unsigned. */
    public WebhookSignature signature() {
      return signingKeyFile == null ? null : new WebhookSignature(Path.of(signingKeyFile));
    }

    /** The webhooks as URIs (valid once {@link WorkerConfig#problems()} is empty). */
    public List<URI> urls() {
      return webhooks.stream().map(URI::create).toList();
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

  /** Reads and validates a worker's config file, substituting environment variables. */
  public static WorkerConfig load(Path file) throws IOException {
    WorkerConfig config = read(file);
    requireValid("worker", file, config.problems());
    return config;
  }

  /**
   * Reads and validates an agent's config file ({@code gridshift agent}): as {@link #load}, plus
   * the rules of {@link #agentProblems()}.
   */
  public static WorkerConfig loadAgent(Path file) throws IOException {
    WorkerConfig config = read(file);
    requireValid("agent", file, config.agentProblems());
    return config;
  }

  private static WorkerConfig read(Path file) throws IOException {
    String text = substituteEnv(Files.readString(file));
    ObjectMapper yaml =
        new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    return yaml.readValue(text, WorkerConfig.class);
  }

  private static void requireValid(String role, Path file, List<String> problems) {
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          role + " config " + file + " is invalid: " + String.join("; ", problems));
    }
  }

  /**
   * Every problem with this configuration for a worker, empty when valid. A central worker hosts
   * workflows and may serve no cluster (its clusters' agents run their activities).
   */
  public List<String> problems() {
    List<String> problems = new ArrayList<>(temporal.problems());
    if (clusters.isEmpty() && !hostWorkflows) {
      problems.add("the worker serves no cluster and hosts no workflows: add clusters");
    }
    problems.addAll(clusterProblems());
    problems.addAll(webhookProblems());
    problems.addAll(observabilityProblems());
    if (hostWorkflows) {
      problems.addAll(approvals.problems());
    }
    return problems;
  }

  /**
   * Every problem with this configuration for an agent, empty when valid: an agent runs inside its
   * clusters and only their activities, polling their task queues outward, so it must say {@code
   * hostWorkflows: false} (not leave the default) and list at least one cluster.
   */
  public List<String> agentProblems() {
    List<String> problems = new ArrayList<>(temporal.problems());
    if (hostWorkflows) {
      problems.add(
          "an agent hosts no workflows: set hostWorkflows: false (workflows run on central"
              + " workers: ./gridshift worker --config worker.yaml)");
    }
    if (clusters.isEmpty()) {
      problems.add(
          "an agent serves at least one cluster: list it under clusters (name, and kubeconfig"
              + " and context, or inCluster: true)");
    }
    problems.addAll(clusterProblems());
    problems.addAll(webhookProblems());
    problems.addAll(observabilityProblems());
    return problems;
  }

  private List<String> observabilityProblems() {
    return observability == null ? List.of() : observability.problems();
  }

  private List<String> clusterProblems() {
    List<String> problems = new ArrayList<>();
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

  private List<String> webhookProblems() {
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < notifications.webhooks().size(); i++) {
      String problem = webhookProblem(notifications.webhooks().get(i));
      if (problem != null) {
        // The URL itself is not repeated: webhook URLs usually carry a secret.
        problems.add("notifications.webhooks[" + i + "] " + problem);
      }
    }
    if (notifications.signingKeyFile() != null) {
      String problem = WebhookSignature.problem(Path.of(notifications.signingKeyFile()));
      if (problem != null) {
        problems.add(
            "notifications.signingKeyFile " + notifications.signingKeyFile() + " " + problem);
      }
    }
    return problems;
  }

  private static String webhookProblem(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme();
      if (!"http".equals(scheme) && !"https".equals(scheme)) {
        return "must be an http(s) URL";
      }
      return uri.getHost() == null ? "has no host" : null;
    } catch (URISyntaxException e) {
      return "is not a valid URL (" + e.getReason() + ")";
    }
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
