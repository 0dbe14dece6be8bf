package io.gridshift.activities.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.gridshift.activities.Failures;
import io.gridshift.workflows.common.FailureTypes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a command in a grid's server container through the Kubernetes exec API ({@code pods/exec},
 * {@code create} in the agent's Role), as a person would with {@code kubectl exec}: the output is
 * captured, the exit code read from the API's status channel, and a command that outlives its
 * timeout is abandoned (its websocket closed) and reported.
 */
public final class PodExec {
  private final KubernetesClient client;

  public PodExec(KubernetesClient client) {
    this.client = client;
  }

  /**
   * What a command did.
   *
   * @param pod the pod it ran in
   * @param exitCode its exit code
   * @param stdout its standard output
   * @param stderr its standard error
   */
  public record Result(String pod, int exitCode, String stdout, String stderr) {
    /** Output and error together, trimmed, for messages. */
    public String output() {
      return (stdout.strip() + "\n" + stderr.strip()).strip();
    }
  }

  /**
   * Runs {@code command} in the Infinispan container of one ready pod the Service {@code service}
   * selects (the lowest-named, so a retry picks the same one).
   *
   * @throws io.temporal.failure.ApplicationFailure retryable when no pod is ready or the exec call
   *     fails or times out; non-retryable {@code KubernetesForbidden} when RBAC refuses pods/exec
   */
  public Result inServicePod(
      String namespace, String service, List<String> command, Duration timeout) {
    Pod pod = readyPod(namespace, service);
    Container container = GridPods.infinispanContainer(pod.getSpec());
    return run(namespace, pod.getMetadata().getName(), container.getName(), command, timeout);
  }

  /** Runs {@code command} in container {@code container} of pod {@code pod}. */
  public Result run(
      String namespace, String pod, String container, List<String> command, Duration timeout) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String where = "pod " + namespace + "/" + pod + " container " + container;
    try (ExecWatch watch =
        client
            .pods()
            .inNamespace(namespace)
            .withName(pod)
            .inContainer(container)
            .writingOutput(out)
            .writingError(err)
            .exec(command.toArray(String[]::new))) {
      int exit = watch.exitCode().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return new Result(pod, exit, text(out), text(err));
    } catch (TimeoutException e) {
      throw Failures.retryable(
          "exec in "
              + where
              + " did not end within "
              + timeout.toSeconds()
              + " s; output so far: "
              + text(out).strip(),
          FailureTypes.GRID_UNREACHABLE);
    } catch (ExecutionException e) {
      throw failure(where, e.getCause());
    } catch (KubernetesClientException e) {
      throw failure(where, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Failures.retryable(
          "interrupted during exec in " + where, FailureTypes.GRID_UNREACHABLE);
    }
  }

  private Pod readyPod(String namespace, String service) {
    var svc = client.services().inNamespace(namespace).withName(service).get();
    Map<String, String> selector = svc == null ? null : svc.getSpec().getSelector();
    if (selector == null || selector.isEmpty()) {
      throw Failures.retryable(
          "Service "
              + namespace
              + "/"
              + service
              + " is missing or selects no pods; cannot exec"
              + " into a pod of it",
          FailureTypes.SERVICE_NOT_FOUND);
    }
    List<Pod> pods = client.pods().inNamespace(namespace).withLabels(selector).list().getItems();
    return pods.stream()
        .filter(PodExec::ready)
        .min(Comparator.comparing(p -> p.getMetadata().getName()))
        .orElseThrow(
            () ->
                Failures.retryable(
                    "no ready pod behind Service "
                        + namespace
                        + "/"
                        + service
                        + " (selector "
                        + selector
                        + ") to exec into; pods seen: "
                        + pods.stream().map(p -> p.getMetadata().getName()).toList(),
                    FailureTypes.NOT_READY));
  }

  private static boolean ready(Pod pod) {
    if (pod.getMetadata().getDeletionTimestamp() != null || pod.getStatus() == null) {
      return false;
    }
    List<PodCondition> conditions = pod.getStatus().getConditions();
    return conditions != null
        && conditions.stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static RuntimeException failure(String where, Throwable cause) {
    if (cause instanceof KubernetesClientException k && k.getCode() == 403) {
      return Failures.nonRetryable(
          "exec in "
              + where
              + " was refused (403): the agent's Role needs pods/exec create in this namespace"
              + " (deploy/rbac/grid-namespace-role.yaml); "
              + k.getMessage(),
          FailureTypes.KUBERNETES_FORBIDDEN);
    }
    return Failures.retryable(
        "exec in " + where + " failed: " + cause, FailureTypes.KUBERNETES_UNAVAILABLE, cause);
  }

  private static String text(ByteArrayOutputStream bytes) {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
