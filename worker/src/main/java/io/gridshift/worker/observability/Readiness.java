package io.gridshift.worker.observability;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.gridshift.activities.ClusterAccess;
import io.gridshift.workflows.client.TemporalAccess;
import io.gridshift.workflows.client.TemporalConnectionCheck;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Whether a worker or agent can do its work, for {@code /readyz}.
 *
 * <ol>
 *   <li>Temporal answers a cheap call ({@link TemporalConnectionCheck}: GetSystemInfo).
 *   <li>For each served cluster, its Kubernetes API answers {@code GET /version} with anything but
 *       401 or a server error (a 403 still proves the API is there and knows us).
 *   <li>The checks run at once: a probe waits for the slowest (about 3.5 s at most), not the sum.
 *   <li>The verdict is kept {@link #CACHE_FOR}, so probes from several kubelets and Prometheus do
 *       not turn into a call per probe.
 * </ol>
 */
public final class Readiness {
  /** How long a verdict is reused. */
  public static final Duration CACHE_FOR = Duration.ofSeconds(5);

  /** How long each Kubernetes API may take to answer. */
  static final Duration KUBERNETES_DEADLINE = Duration.ofSeconds(3);

  /** One dependency's check: null when it answers, else one sentence on what is wrong. */
  @FunctionalInterface
  public interface Check extends Supplier<String> {}

  /** Daemon threads for the checks, made as needed and dropped when idle. */
  private static final ExecutorService POOL =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "gridshift-readiness");
            t.setDaemon(true);
            return t;
          });

  private final Map<String, Check> checks;
  private final LongSupplier nanoTime;
  private long checkedAt;
  private String verdict;
  private boolean checked;

  /**
   * @param checks name (for the reason) -> check, in the order they run
   * @param nanoTime the clock of the cache
   */
  Readiness(Map<String, Check> checks, LongSupplier nanoTime) {
    this.checks = new LinkedHashMap<>(checks);
    this.nanoTime = nanoTime;
  }

  /** Temporal through {@code stubs}, and the Kubernetes API of each of {@code clusters}. */
  public static Readiness of(
      WorkflowServiceStubs stubs, TemporalAccess access, List<ClusterAccess> clusters) {
    Map<String, Check> checks = new LinkedHashMap<>();
    checks.put("temporal " + access.target(), temporal(stubs, access));
    for (ClusterAccess cluster : clusters) {
      checks.put("cluster " + cluster.name(), kubernetes(cluster.kubernetes()));
    }
    return new Readiness(checks, System::nanoTime);
  }

  /**
   * Null when everything answers, else the problems in one line ({@code temporal 127.0.0.1:7233:
   * ...; cluster a: ...}). Reuses the last verdict for {@link #CACHE_FOR}.
   */
  public synchronized String problem() {
    long now = nanoTime.getAsLong();
    if (!checked || now - checkedAt >= CACHE_FOR.toNanos()) {
      verdict = check();
      checkedAt = now;
      checked = true;
    }
    return verdict;
  }

  /** Runs the checks at once (a probe waits for the slowest, not the sum), reports in order. */
  private String check() {
    Map<String, CompletableFuture<String>> running = new LinkedHashMap<>();
    checks.forEach((name, check) -> running.put(name, CompletableFuture.supplyAsync(check, POOL)));
    List<String> problems = new ArrayList<>();
    running.forEach(
        (name, answer) -> {
          String problem;
          try {
            problem = answer.join();
          } catch (CompletionException e) {
            problem = String.valueOf(e.getCause());
          }
          if (problem != null) {
            problems.add(name + ": " + problem);
          }
        });
    return problems.isEmpty() ? null : String.join("; ", problems);
  }

  static Check temporal(WorkflowServiceStubs stubs, TemporalAccess access) {
    return () -> TemporalConnectionCheck.ask(stubs, access).problem();
  }

  static Check kubernetes(KubernetesClient kubernetes) {
    return () -> {
      String url = kubernetes.getMasterUrl().toString().replaceAll("/+$", "") + "/version";
      try {
        HttpResponse<String> response =
            kubernetes
                .getHttpClient()
                .sendAsync(
                    kubernetes
                        .getHttpClient()
                        .newHttpRequestBuilder()
                        .uri(url)
                        .timeout(KUBERNETES_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                        .build(),
                    String.class)
                .get(KUBERNETES_DEADLINE.toMillis() + 500, TimeUnit.MILLISECONDS);
        int code = response.code();
        if (code == 401) {
          return "the Kubernetes API at " + url + " refuses our credentials (401)";
        }
        return code >= 500 ? "the Kubernetes API at " + url + " answers " + code : null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "interrupted";
      } catch (ExecutionException | TimeoutException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return "the Kubernetes API at " + url + " does not answer (" + cause + ")";
      }
    };
  }
}
