package io.gridshift.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox API server enforcing the project's own {@code deploy/rbac} for the agent: the agent's
 * kubeconfig context is refused what the manifests do not grant, with kube-apiserver's 403, while
 * the sandbox's own client and the {@code -admin} context may do anything.
 */
class RbacEnforcementTest {
  private static final Path DEPLOY = Path.of("..", "deploy");

  @TempDir static Path dir;
  static LocalKubernetesApi api;
  static KubernetesClient admin;
  static KubernetesClient agent;

  @BeforeAll
  static void start() throws Exception {
    api =
        LocalKubernetesApi.start(
            "rbac", 0, dir.resolve("kubeconfig"), "127.0.3.", RbacEnforcement.fromDeploy(DEPLOY));
    admin = api.client();
    agent = client("rbac");
    admin.pods().resource(pod("dg-0", "default")).create();
    admin.pods().resource(pod("dg-0", "elsewhere")).create();
    admin
        .secrets()
        .inNamespace("default")
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("dg-credentials")
                .endMetadata()
                .addToStringData("username", "u")
                .build())
        .create();
  }

  @AfterAll
  static void stop() {
    agent.close();
    api.close();
  }

  private static KubernetesClient client(String context) throws Exception {
    Config config = Config.fromKubeconfig(context, dir.resolve("kubeconfig").toFile());
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private static Pod pod(String name, String namespace) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .addToLabels("app", "dg")
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("c")
        .withImage("fake/app:1")
        .endContainer()
        .endSpec()
        .build();
  }

  @Test
  void theAgentMayDoWhatTheGridNamespaceRoleGrants() {
    assertThat(agent.pods().inNamespace("default").withLabel("app", "dg").list().getItems())
        .hasSize(1);
    assertThat(agent.secrets().inNamespace("default").withName("dg-credentials").get()).isNotNull();
    assertThat(agent.apps().statefulSets().inAnyNamespace().list().getItems())
        .as("fleet discovery's cluster-wide list")
        .isEmpty();
  }

  @Test
  void theAgentIsRefusedElsewhereWithKubeApiserversStatus() {
    long before = api.rbacDenials();
    assertThatThrownBy(() -> agent.pods().inNamespace("elsewhere").withName("dg-0").delete())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(403);
              assertThat(e.getStatus().getReason()).isEqualTo("Forbidden");
              assertThat(e.getStatus().getMessage())
                  .isEqualTo(
                      "pods \"dg-0\" is forbidden: User"
                          + " \"system:serviceaccount:gridshift:gridshift-agent\" cannot delete"
                          + " resource \"pods\" in API group \"\" in the namespace \"elsewhere\"");
            });
    assertThatThrownBy(() -> agent.secrets().inNamespace("default").list())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
    assertThatThrownBy(
            () ->
                // The grid namespace's Role lets the agent create Secrets (the source trust store
                // of an upgrade over TLS); nowhere else.
                agent
                    .secrets()
                    .inNamespace("elsewhere")
                    .resource(
                        new SecretBuilder().withNewMetadata().withName("x").endMetadata().build())
                    .create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
    assertThat(admin.pods().inNamespace("elsewhere").withName("dg-0").get())
        .as("nothing was deleted")
        .isNotNull();
    assertThat(api.rbacDenials()).isEqualTo(before + 3);
    assertThat(api.recentRbacDenials())
        .last()
        .asString()
        .contains("cannot create resource \"secrets\"");
  }

  @Test
  void theAgentMayDeleteAPodInTheGridNamespaceTheForcedRollbackNeedsIt() {
    admin.pods().resource(pod("stuck-0", "default")).create();
    agent.pods().inNamespace("default").withName("stuck-0").delete();
    assertThat(admin.pods().inNamespace("default").withName("stuck-0").get())
        .satisfies(
            p -> assertThat(p == null || p.getMetadata().getDeletionTimestamp() != null).isTrue());
  }

  @Test
  void theSandboxsOwnClientAndTheAdminContextMayDoAnything() throws Exception {
    long before = api.rbacDenials();
    assertThat(admin.secrets().inNamespace("elsewhere").list().getItems()).isEmpty();
    try (KubernetesClient byHand = client("rbac-admin")) {
      assertThat(byHand.secrets().inAnyNamespace().list().getItems()).hasSize(1);
    }
    assertThat(api.rbacDenials()).isEqualTo(before);
    assertThat(Files.readString(dir.resolve("kubeconfig")))
        .contains("token: " + RbacEnforcement.AGENT_TOKEN)
        .contains("current-context: rbac\n");
  }
}
