package io.gridshift.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Kubernetes' RBAC matching, rule by rule, on manifests written as a person writes them. */
class RbacPolicyTest {
  private static final String AGENT = "system:serviceaccount:gridshift:gridshift-agent";
  private static final String OTHER = "system:serviceaccount:gridshift:someone-else";

  private static final String MANIFESTS =
      """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata: {name: grids, namespace: prod}
      rules:
        - apiGroups: ["apps"]
          resources: ["statefulsets"]
          verbs: ["get", "list", "patch"]
        - apiGroups: ["apps"]
          resources: ["statefulsets/scale"]
          verbs: ["update"]
        - apiGroups: [""]
          resources: ["secrets"]
          verbs: ["get"]
          resourceNames: ["dg-credentials"]
        - apiGroups: [""]
          resources: ["pods"]
          verbs: ["delete"]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: grids, namespace: prod}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: grids}
      subjects:
        - {kind: ServiceAccount, name: gridshift-agent, namespace: gridshift}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata: {name: discovery}
      rules:
        - apiGroups: ["apps"]
          resources: ["deployments"]
          verbs: ["list"]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: discovery}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: discovery}
      subjects:
        - {kind: ServiceAccount, name: gridshift-agent, namespace: gridshift}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata: {name: everything-in-configmaps}
      rules:
        - apiGroups: ["*"]
          resources: ["*"]
          verbs: ["*"]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: all-in-staging, namespace: staging}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: everything-in-configmaps}
      subjects:
        - {kind: Group, name: "system:serviceaccounts:gridshift"}
      """;

  private final RbacPolicy policy = RbacPolicy.of(objects());

  private static List<HasMetadata> objects() {
    return RbacPolicy.parse(MANIFESTS, "test");
  }

  private boolean allows(String method, String path) {
    return policy.allows(AGENT, ApiRequest.of(method, path));
  }

  @Test
  void readsEveryDocumentOfAManifest() {
    assertThat(objects()).hasSize(6);
  }

  @Test
  void aRoleGrantsItsVerbsInItsNamespaceOnly() {
    assertThat(allows("GET", "/apis/apps/v1/namespaces/prod/statefulsets/dg")).isTrue();
    assertThat(allows("GET", "/apis/apps/v1/namespaces/prod/statefulsets")).isTrue();
    assertThat(allows("PATCH", "/apis/apps/v1/namespaces/prod/statefulsets/dg")).isTrue();
    assertThat(allows("DELETE", "/apis/apps/v1/namespaces/prod/statefulsets/dg")).isFalse();
    assertThat(allows("PUT", "/apis/apps/v1/namespaces/prod/statefulsets/dg")).isFalse();
    assertThat(allows("GET", "/apis/apps/v1/namespaces/qa/statefulsets/dg")).isFalse();
    assertThat(allows("GET", "/apis/apps/v1/statefulsets")).as("cluster scope").isFalse();
  }

  @Test
  void watchAndDeleteCollectionAreVerbsOfTheirOwn() {
    assertThat(allows("GET", "/apis/apps/v1/namespaces/prod/statefulsets?watch=true")).isFalse();
    assertThat(allows("DELETE", "/api/v1/namespaces/prod/pods/dg-0")).isTrue();
    assertThat(allows("DELETE", "/api/v1/namespaces/prod/pods?labelSelector=app%3Ddg")).isFalse();
  }

  @Test
  void aSubresourceNeedsARuleForItAndTheResourceRuleDoesNotCoverIt() {
    assertThat(allows("PUT", "/apis/apps/v1/namespaces/prod/statefulsets/dg/scale")).isTrue();
    assertThat(allows("GET", "/apis/apps/v1/namespaces/prod/statefulsets/dg/status")).isFalse();
    assertThat(allows("POST", "/api/v1/namespaces/prod/pods/dg-0/exec")).isFalse();
  }

  /** kube-apiserver authorizes exec's websocket upgrade (a GET) as create on pods/exec. */
  @Test
  void execIsCreateOnPodsExecWhateverTheMethod() {
    assertThat(ApiRequest.of("GET", "/api/v1/namespaces/prod/pods/dg-0/exec?command=ls").verb())
        .isEqualTo("create");
    assertThat(ApiRequest.of("POST", "/api/v1/namespaces/prod/pods/dg-0/exec").verb())
        .isEqualTo("create");
    assertThat(ApiRequest.of("GET", "/api/v1/namespaces/prod/pods/dg-0/log").verb())
        .isEqualTo("get");
  }

  @Test
  void resourceNamesAllowOnlyThoseObjectsAndNeverAList() {
    assertThat(allows("GET", "/api/v1/namespaces/prod/secrets/dg-credentials")).isTrue();
    assertThat(allows("GET", "/api/v1/namespaces/prod/secrets/other")).isFalse();
    assertThat(allows("GET", "/api/v1/namespaces/prod/secrets")).isFalse();
  }

  @Test
  void aClusterRoleBindingGrantsEverywhereAndAtTheClusterScope() {
    assertThat(allows("GET", "/apis/apps/v1/deployments")).isTrue();
    assertThat(allows("GET", "/apis/apps/v1/namespaces/anywhere/deployments")).isTrue();
    assertThat(allows("GET", "/apis/apps/v1/namespaces/anywhere/deployments/web")).isFalse();
  }

  @Test
  void aClusterRoleBoundByARoleBindingGrantsInThatNamespaceOnlyWildcardsIncluded() {
    assertThat(allows("DELETE", "/api/v1/namespaces/staging/secrets/x")).isTrue();
    assertThat(allows("POST", "/api/v1/namespaces/staging/pods/p/exec"))
        .as("* covers exec")
        .isTrue();
    assertThat(allows("POST", "/apis/route.openshift.io/v1/namespaces/staging/routes")).isTrue();
    assertThat(allows("DELETE", "/api/v1/namespaces/prod/secrets/x")).isFalse();
    assertThat(allows("GET", "/api/v1/namespaces")).isFalse();
  }

  @Test
  void bindingsNameTheirSubjects() {
    ApiRequest get = ApiRequest.of("GET", "/apis/apps/v1/namespaces/prod/statefulsets/dg");
    assertThat(policy.allows(OTHER, get)).isFalse();
    assertThat(policy.allows(OTHER, ApiRequest.of("GET", "/api/v1/namespaces/staging/pods")))
        .as("the group system:serviceaccounts:gridshift")
        .isTrue();
    assertThat(policy.allows("jane", ApiRequest.of("GET", "/api/v1/namespaces/staging/pods")))
        .isFalse();
  }

  @Test
  void discoveryAndVersionNeedNoRule() {
    assertThat(allows("GET", "/version")).isTrue();
    assertThat(allows("GET", "/apis/apps/v1")).isTrue();
    assertThat(allows("GET", "/api")).isTrue();
  }

  @Test
  void theMessageIsKubeApiserversWordForWord() {
    assertThat(
            ApiRequest.of("DELETE", "/apis/apps/v1/namespaces/prod/statefulsets/dg")
                .forbiddenMessage(AGENT))
        .isEqualTo(
            "statefulsets.apps \"dg\" is forbidden: User"
                + " \"system:serviceaccount:gridshift:gridshift-agent\" cannot delete resource"
                + " \"statefulsets\" in API group \"apps\" in the namespace \"prod\"");
    assertThat(
            ApiRequest.of("GET", "/api/v1/namespaces/prod/pods?labelSelector=a%3Db")
                .forbiddenMessage("u"))
        .isEqualTo(
            "pods is forbidden: User \"u\" cannot list resource \"pods\" in API group \"\" in the"
                + " namespace \"prod\"");
    assertThat(ApiRequest.of("GET", "/apis/apps/v1/statefulsets").forbiddenMessage("u"))
        .isEqualTo(
            "statefulsets.apps is forbidden: User \"u\" cannot list resource \"statefulsets\" in"
                + " API group \"apps\" at the cluster scope");
    assertThat(
            ApiRequest.of("PUT", "/apis/apps/v1/namespaces/prod/statefulsets/dg/scale")
                .forbiddenMessage("u"))
        .isEqualTo(
            "statefulsets.apps \"dg\" is forbidden: User \"u\" cannot update resource"
                + " \"statefulsets/scale\" in API group \"apps\" in the namespace \"prod\"");
  }
}
