package io.gridshift.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.gridshift.workflows.common.FailureTypes;
import io.temporal.failure.ApplicationFailure;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class KubernetesForbiddenTest {
  private static final String DENIAL =
      "pods \"dg-2\" is forbidden: User \"system:serviceaccount:gridshift:gridshift-agent\" cannot"
          + " delete resource \"pods\" in API group \"\" in the namespace \"prod\"";

  private static KubernetesClientException exception(int code, String message) {
    return new KubernetesClientException(
        new StatusBuilder().withCode(code).withMessage(message).withReason("Forbidden").build());
  }

  @Test
  void aDenialBecomesANonRetryableFailureNamingTheRuleToAdd() {
    ApplicationFailure failure = KubernetesForbidden.failure(exception(403, DENIAL));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getType()).isEqualTo(FailureTypes.KUBERNETES_FORBIDDEN);
    assertThat(failure.getOriginalMessage())
        .startsWith("Kubernetes RBAC refused delete pods in namespace prod (403 Forbidden for")
        .contains("system:serviceaccount:gridshift:gridshift-agent")
        .contains("{apiGroups: [\"\"], resources: [\"pods\"], verbs: [\"delete\"]}")
        .contains("Role in namespace prod (deploy/rbac/grid-namespace-role.yaml)")
        .endsWith("Kubernetes said: " + DENIAL);
  }

  @Test
  void aClusterScopeDenialPointsAtTheClusterRole() {
    String denial =
        "statefulsets.apps is forbidden: User \"u\" cannot list resource \"statefulsets\" in API"
            + " group \"apps\" at the cluster scope";
    assertThat(KubernetesForbidden.message(denial))
        .contains("refused list statefulsets at the cluster scope")
        .contains("{apiGroups: [\"apps\"], resources: [\"statefulsets\"], verbs: [\"list\"]}")
        .contains("ClusterRole (deploy/rbac/agent/agent.yaml)");
  }

  @Test
  void aMessageInAnotherWordingIsKeptWhole() {
    assertThat(KubernetesForbidden.message("no way")).contains("no way").contains("deploy/rbac");
  }

  @Test
  void onlyA403IsOneAndItIsFoundAmongTheCauses() {
    assertThat(KubernetesForbidden.in(new CompletionException(exception(403, DENIAL)))).isPresent();
    assertThat(KubernetesForbidden.in(exception(409, "conflict"))).isEmpty();
    assertThat(KubernetesForbidden.in(new IllegalStateException("x"))).isEmpty();
    KubernetesForbidden.rethrowIfForbidden(exception(500, "boom")); // returns: Temporal retries
    assertThatThrownBy(() -> KubernetesForbidden.rethrowIfForbidden(exception(403, DENIAL)))
        .isInstanceOf(ApplicationFailure.class);
  }
}
