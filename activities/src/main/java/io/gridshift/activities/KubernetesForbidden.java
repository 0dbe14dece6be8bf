package io.gridshift.activities;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.gridshift.workflows.common.FailureTypes;
import io.temporal.failure.ApplicationFailure;
import java.net.HttpURLConnection;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A 403 from the Kubernetes API: the agent's RBAC does not allow a call an activity makes. No retry
 * can fix it, so it becomes a non-retryable {@link FailureTypes#KUBERNETES_FORBIDDEN} whose message
 * names the verb, resource and namespace, and the rule to add to the agent's RBAC in {@code
 * deploy/rbac}: an upgrade then stops at once with that message instead of retrying for minutes.
 */
public final class KubernetesForbidden {
  /** kube-apiserver's wording: {@code User "u" cannot delete resource "pods" in API group ""}. */
  private static final Pattern DENIAL =
      Pattern.compile(
          "User \"([^\"]*)\" cannot (\\S+) resource \"([^\"]+)\" in API group \"([^\"]*)\""
              + "(?: in the namespace \"([^\"]+)\")?");

  private KubernetesForbidden() {}

  /** The 403 in {@code failure}'s causes, if it has one. */
  public static Optional<KubernetesClientException> in(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof KubernetesClientException k
          && k.getCode() == HttpURLConnection.HTTP_FORBIDDEN) {
        return Optional.of(k);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Optional.empty();
  }

  /** Throws the non-retryable failure when {@code e} is a 403; returns otherwise. */
  public static void rethrowIfForbidden(KubernetesClientException e) {
    if (e.getCode() == HttpURLConnection.HTTP_FORBIDDEN) {
      throw failure(e);
    }
  }

  /** The non-retryable failure for a 403, with the rule that would allow the call. */
  public static ApplicationFailure failure(KubernetesClientException e) {
    String denial =
        e.getStatus() != null && e.getStatus().getMessage() != null
            ? e.getStatus().getMessage()
            : e.getMessage();
    return ApplicationFailure.newNonRetryableFailureWithCause(
        message(denial), FailureTypes.KUBERNETES_FORBIDDEN, e);
  }

  /** The message for kube-apiserver's {@code denial}: what was refused and the rule to add. */
  static String message(String denial) {
    Matcher m = DENIAL.matcher(denial == null ? "" : denial);
    if (!m.find()) {
      return "Kubernetes refused a call of gridshift's agent (403 Forbidden): "
          + denial
          + "; grant it in the agent's RBAC (deploy/rbac/grid-namespace-role.yaml for a grid's"
          + " namespace)";
    }
    String user = m.group(1);
    String verb = m.group(2);
    String resource = m.group(3);
    String group = m.group(4);
    String namespace = m.group(5);
    String where = namespace == null ? "at the cluster scope" : "in namespace " + namespace;
    String grant =
        namespace == null
            ? "add it to the agent's ClusterRole (deploy/rbac/agent/agent.yaml)"
            : "add it to the agent's Role in namespace "
                + namespace
                + " (deploy/rbac/grid-namespace-role.yaml)";
    return ("Kubernetes RBAC refused %s %s %s (403 Forbidden for %s): the agent's RBAC lacks the"
            + " rule {apiGroups: [\"%s\"], resources: [\"%s\"], verbs: [\"%s\"]}; %s and apply"
            + " it, then retry. Kubernetes said: %s")
        .formatted(verb, resource, where, user, group, resource, verb, grant, denial);
  }
}
