package io.gridshift.sandbox.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's Kubernetes API: fabric8's mock server in CRUD mode, standalone on {@code
 * 127.0.0.1:<port>}, with {@link SandboxApiDispatcher} adding what kube-apiserver does on writes
 * (generation, defaults, cluster IPs, graceful pod deletion). It writes a kubeconfig whose context
 * ({@value #CONTEXT} unless named) points at it, so separate components connect the way they would
 * to a cluster.
 *
 * <p>Limits that remain (see RUNTIME.md): no strategic merge patch or server-side apply, no
 * admission or validation, no garbage collection (the sandbox controllers delete what they own),
 * and kubectl cannot talk to it.
 */
public final class LocalKubernetesApi implements AutoCloseable {
  /** The kubeconfig context (and cluster and user) name, unless the starter names another. */
  public static final String CONTEXT = "sandbox";

  /** The namespace the kubeconfig context uses. */
  public static final String NAMESPACE = "default";

  private static final Logger log = LoggerFactory.getLogger(LocalKubernetesApi.class);

  /**
   * The mock logs every request at INFO through java.util.logging; held here so the level sticks
   * (JUL keeps loggers weakly).
   */
  private static final java.util.logging.Logger MOCK_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver.MockWebServer");

  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final String context;
  private final Path kubeconfig;
  private final ScheduledExecutorService housekeeping;
  private final RbacAuthorizer authorizer;

  private LocalKubernetesApi(
      KubernetesMockServer server, String context, Path kubeconfig, RbacAuthorizer authorizer) {
    this.server = server;
    this.authorizer = authorizer;
    this.context = context;
    this.kubeconfig = kubeconfig;
    this.client = new KubernetesClientBuilder().withConfig(config(url())).build();
    this.housekeeping =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "sandbox-kube-api-housekeeping");
              t.setDaemon(true);
              return t;
            });
    // The mock records every request for test assertions; a long-lived sandbox must drop them.
    housekeeping.scheduleWithFixedDelay(this::dropRecordedRequests, 5, 5, TimeUnit.SECONDS);
  }

  /**
   * Starts the API server on {@code 127.0.0.1:port} (0: any free port) and writes the kubeconfig.
   *
   * @param port the port, or 0 for an ephemeral one
   * @param kubeconfig where to write the kubeconfig file (parent folders are created)
   */
  public static LocalKubernetesApi start(int port, Path kubeconfig) throws IOException {
    return start(port, kubeconfig, "127.0.3.");
  }

  /**
   * Starts the API server; Services get cluster IPs {@code <servicePrefix>1..254}.
   *
   * @param servicePrefix three octets and a dot, e.g. {@code 127.0.3.}
   */
  public static LocalKubernetesApi start(int port, Path kubeconfig, String servicePrefix)
      throws IOException {
    return start(CONTEXT, port, kubeconfig, servicePrefix);
  }

  /**
   * Starts the API server with a kubeconfig whose context is named {@code context} (a sandbox with
   * several clusters names each context after its cluster).
   */
  public static LocalKubernetesApi start(
      String context, int port, Path kubeconfig, String servicePrefix) throws IOException {
    return start(context, port, kubeconfig, servicePrefix, null);
  }

  /**
   * Starts the API server enforcing {@code rbac} (null: none) for the agent identity: the
   * kubeconfig's context {@code context} then carries the agent's token ({@link
   * RbacEnforcement#AGENT_TOKEN}), and a second context {@code <context>-admin} the token that may
   * do anything, for setup by hand.
   */
  public static LocalKubernetesApi start(
      String context, int port, Path kubeconfig, String servicePrefix, RbacEnforcement rbac)
      throws IOException {
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    RbacAuthorizer authorizer =
        rbac == null
            ? null
            : new RbacAuthorizer(rbac.policy(), Map.of(RbacEnforcement.AGENT_TOKEN, rbac.user()));
    SandboxApiDispatcher dispatcher =
        new SandboxApiDispatcher(new LoopbackPool(servicePrefix), authorizer);
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    try {
      server.init(InetAddress.getByName("127.0.0.1"), port);
    } catch (RuntimeException e) {
      throw new IOException(
          "could not start the sandbox Kubernetes API on 127.0.0.1:"
              + port
              + " (is the port taken? pass another one or 0)",
          e);
    }
    LocalKubernetesApi api = new LocalKubernetesApi(server, context, kubeconfig, authorizer);
    try {
      KubeconfigFile.write(kubeconfig, api.kubeconfigContexts());
    } catch (IOException | RuntimeException e) {
      api.close();
      throw e;
    }
    log.info(
        "Kubernetes API (fabric8 mock, CRUD) on {}; kubeconfig {}, context {}{}",
        api.url(),
        kubeconfig,
        context,
        rbac == null ? "" : " (RBAC enforced for " + rbac.user() + ")");
    return api;
  }

  /** A client for the API server (namespace {@value #NAMESPACE}); closed with this server. */
  public KubernetesClient client() {
    return client;
  }

  /** The kubeconfig file, with one context: {@link #context()}. */
  public Path kubeconfig() {
    return kubeconfig;
  }

  /** The kubeconfig context's name ({@value #CONTEXT} unless the starter named it). */
  public String context() {
    return context;
  }

  /**
   * This server as a kubeconfig context, for a file that lists several servers: with RBAC enforced,
   * as the agent identity.
   */
  public KubeconfigFile.Context kubeconfigContext() {
    return authorizer == null
        ? new KubeconfigFile.Context(context, url(), NAMESPACE)
        : new KubeconfigFile.Context(context, url(), NAMESPACE, RbacEnforcement.AGENT_TOKEN);
  }

  /**
   * Its kubeconfig contexts: {@link #kubeconfigContext()}, and with RBAC enforced also {@code
   * <context>-admin}, which may do anything.
   */
  public List<KubeconfigFile.Context> kubeconfigContexts() {
    return authorizer == null
        ? List.of(kubeconfigContext())
        : List.of(
            kubeconfigContext(), new KubeconfigFile.Context(context + "-admin", url(), NAMESPACE));
  }

  /** Whether this server enforces RBAC for the agent identity. */
  public boolean rbacEnforced() {
    return authorizer != null;
  }

  /** How many requests RBAC refused (403) since the start; 0 when RBAC is not enforced. */
  public long rbacDenials() {
    return authorizer == null ? 0 : authorizer.denials();
  }

  /** The messages of the last RBAC refusals, oldest first; empty when RBAC is not enforced. */
  public List<String> recentRbacDenials() {
    return authorizer == null ? List.of() : authorizer.recentDenials();
  }

  /** The API server's URL, {@code http://127.0.0.1:<port>}. */
  public String url() {
    return "http://127.0.0.1:" + server.getPort();
  }

  public int port() {
    return server.getPort();
  }

  /** A fresh client configuration for this server (for components that want their own client). */
  public Config config() {
    return config(url());
  }

  /**
   * The client configuration for a sandbox API server at {@code url}, as every sandbox client has
   * it (namespace {@value #NAMESPACE}); for a process that reaches a sandbox run by another.
   */
  public static Config config(String url) {
    return new ConfigBuilder(Config.empty())
        .withMasterUrl(url)
        .withNamespace(NAMESPACE)
        .withTrustCerts(true)
        .withRequestTimeout(30_000)
        .build();
  }

  private void dropRecordedRequests() {
    try {
      while (server.takeRequest(0, TimeUnit.MILLISECONDS) != null) {
        // dropped
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.debug("could not drain the mock server's request log", e);
    }
  }

  @Override
  public void close() {
    housekeeping.shutdownNow();
    client.close();
    server.shutdown();
    log.info("Kubernetes API on port {} stopped", server.getPort());
  }
}
