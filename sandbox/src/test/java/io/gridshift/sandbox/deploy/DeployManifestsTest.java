package io.gridshift.sandbox.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.gridshift.sandbox.kube.ApiRequest;
import io.gridshift.sandbox.kube.LocalKubernetesApi;
import io.gridshift.sandbox.kube.RbacEnforcement;
import io.gridshift.sandbox.kube.RbacPolicy;
import io.gridshift.worker.WorkerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/overlays/central and deploy/overlays/agent as {@code kubectl apply -k} sends them:
 * composed by kubectl's kustomize, parsed by fabric8 with no unknown field, and every object
 * accepted by the sandbox's Kubernetes API, both overlays into one cluster (a single-cluster
 * install applies both). Then what an SRE relies on: the image, the args per role, probes,
 * resources, the security context, /tmp, JSON logs, references that resolve, the NetworkPolicies'
 * ports, and the agent's RBAC being the one the sandbox enforces in the end-to-end tests.
 */
class DeployManifestsTest {
  private static final Path DEPLOY = Path.of("..", "deploy");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** The Secrets the user creates (deploy/base/kustomization.yaml lists them). */
  private static final Set<String> USER_SECRETS =
      Set.of(
          "gridshift-payload-keys",
          "gridshift-approval-keys",
          "gridshift-webhook-signing",
          "gridshift-server-credentials");

  @TempDir static Path dir;
  static LocalKubernetesApi api;
  static Overlay central;
  static Overlay agent;

  @BeforeAll
  static void composeAndApply() throws Exception {
    central = Overlay.build(DEPLOY.resolve("overlays/central"));
    agent = Overlay.build(DEPLOY.resolve("overlays/agent"));
    api = LocalKubernetesApi.start(0, dir.resolve("kubeconfig"));
    apply(api.client(), central);
    apply(api.client(), agent);
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  /** Creates each object; one the other overlay already created (the base) must be the same. */
  private static void apply(KubernetesClient client, Overlay overlay) {
    for (HasMetadata o : overlay.objects()) {
      HasMetadata existing = client.resource(o).get();
      if (existing == null) {
        assertThat(client.resource(o).create()).as(id(o)).isNotNull();
      } else {
        assertThat(strip(existing)).as("%s in both overlays", id(o)).isEqualTo(strip(o));
      }
    }
  }

  @Test
  void everyObjectIsAKnownKindWithNoUnknownFieldAndIsStoredByTheApi() {
    for (HasMetadata o : all()) {
      assertThat(o).as(id(o)).isNotInstanceOf(GenericKubernetesResource.class);
      assertThat(UnknownFields.in(o)).as("unknown fields in %s", id(o)).isEmpty();
      assertThat(api.client().resource(o).get()).as(id(o)).isNotNull();
    }
    assertThat(central.kinds())
        .contains("Namespace", "Deployment", "Service", "PodDisruptionBudget", "NetworkPolicy");
    assertThat(agent.kinds())
        .contains("Deployment", "ServiceAccount", "ClusterRole", "Role", "RoleBinding");
  }

  @Test
  void eachRoleRunsTheProjectImageWithItsArgsAsNonRootWithJsonLogs() throws Exception {
    String image = "gridshift/gridshift:" + projectVersion();
    assertThat(central.container("gridshift-worker").getArgs())
        .containsExactly("worker", "--config", "/etc/gridshift/worker.yaml");
    assertThat(agent.container("gridshift-agent").getArgs())
        .containsExactly("agent", "--config", "/etc/gridshift/agent.yaml");
    assertThat(central.container("gridshift-server").getArgs())
        .containsExactly("server", "/etc/gridshift/server.yaml");
    for (Deployment d : deployments()) {
      String name = d.getMetadata().getName();
      PodSpec pod = d.getSpec().getTemplate().getSpec();
      assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
      assertThat(pod.getSecurityContext().getRunAsUser()).as(name).isEqualTo(65532L);
      assertThat(pod.getSecurityContext().getSeccompProfile().getType())
          .isEqualTo("RuntimeDefault");
      Container c = pod.getContainers().get(0);
      assertThat(c.getImage()).as(name).isEqualTo(image);
      var security = c.getSecurityContext();
      assertThat(security.getRunAsNonRoot()).as(name).isTrue();
      assertThat(security.getRunAsUser()).as(name).isEqualTo(65532L);
      assertThat(security.getReadOnlyRootFilesystem()).as(name).isTrue();
      assertThat(security.getAllowPrivilegeEscalation()).as(name).isFalse();
      assertThat(security.getCapabilities().getDrop()).as(name).containsExactly("ALL");
      assertThat(security.getSeccompProfile().getType()).as(name).isEqualTo("RuntimeDefault");
      assertThat(c.getResources().getRequests()).as(name).containsKeys("cpu", "memory");
      assertThat(c.getResources().getLimits()).as(name).containsKeys("cpu", "memory");
      assertThat(c.getEnv()).as(name).contains(new EnvVar("GRIDSHIFT_LOG_FORMAT", "json", null));
      String tmpVolume =
          c.getVolumeMounts().stream()
              .filter(m -> m.getMountPath().equals("/tmp"))
              .findFirst()
              .orElseThrow(() -> new AssertionError(name + " mounts nothing at /tmp"))
              .getName();
      assertThat(pod.getVolumes())
          .as(name)
          .anySatisfy(v -> assertThat(v.getName()).isEqualTo(tmpVolume))
          .filteredOn(v -> v.getName().equals(tmpVolume))
          .allSatisfy(v -> assertThat(v.getEmptyDir()).isNotNull());
    }
  }

  @Test
  void probesAskHealthzAndReadyzOnTheContractPorts() {
    assertProbes(central.container("gridshift-worker"), "metrics", 9464);
    assertProbes(agent.container("gridshift-agent"), "metrics", 9464);
    assertProbes(central.container("gridshift-server"), "admin", 8081);
    assertThat(central.container("gridshift-server").getPorts())
        .extracting(ContainerPort::getContainerPort)
        .contains(8080);
  }

  private static void assertProbes(Container c, String portName, int port) {
    assertThat(c.getPorts()).contains(new ContainerPort(port, null, null, portName, null));
    Probe live = c.getLivenessProbe();
    Probe ready = c.getReadinessProbe();
    assertThat(live).as("%s liveness probe", c.getName()).isNotNull();
    assertThat(ready).as("%s readiness probe", c.getName()).isNotNull();
    assertThat(live.getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(live.getHttpGet().getPort().getStrVal()).isEqualTo(portName);
    assertThat(ready.getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(ready.getHttpGet().getPort().getStrVal()).isEqualTo(portName);
  }

  @Test
  void everyReferenceResolves() {
    for (Overlay overlay : List.of(central, agent)) {
      Set<String> configMaps = overlay.names(ConfigMap.class);
      for (Deployment d : overlay.of(Deployment.class)) {
        PodSpec pod = d.getSpec().getTemplate().getSpec();
        Container c = pod.getContainers().get(0);
        Set<String> portNames =
            c.getPorts().stream().map(ContainerPort::getName).collect(Collectors.toSet());
        pod.getVolumes().stream()
            .filter(v -> v.getConfigMap() != null)
            .forEach(v -> assertThat(configMaps).contains(v.getConfigMap().getName()));
        pod.getVolumes().stream()
            .filter(v -> v.getSecret() != null)
            .forEach(v -> assertThat(USER_SECRETS).contains(v.getSecret().getSecretName()));
        c.getEnvFrom().stream()
            .filter(e -> e.getConfigMapRef() != null)
            .forEach(e -> assertThat(configMaps).contains(e.getConfigMapRef().getName()));
        c.getEnvFrom().stream()
            .filter(e -> e.getSecretRef() != null)
            .forEach(e -> assertThat(USER_SECRETS).contains(e.getSecretRef().getName()));
        String sa = pod.getServiceAccountName();
        if (sa != null) {
          assertThat(overlay.names(io.fabric8.kubernetes.api.model.ServiceAccount.class))
              .contains(sa);
        }
        Map<String, String> podLabels = d.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(podLabels).containsAllEntriesOf(d.getSpec().getSelector().getMatchLabels());
        overlay.of(io.fabric8.kubernetes.api.model.Service.class).stream()
            .filter(s -> podLabels.entrySet().containsAll(s.getSpec().getSelector().entrySet()))
            .flatMap(s -> s.getSpec().getPorts().stream())
            .forEach(p -> assertThat(portNames).contains(p.getTargetPort().getStrVal()));
      }
    }
    PodDisruptionBudget pdb = central.of(PodDisruptionBudget.class).get(0);
    assertThat(central.deployment("gridshift-worker").getSpec().getTemplate().getMetadata())
        .satisfies(
            m ->
                assertThat(m.getLabels())
                    .containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels()));
    assertThat(central.deployment("gridshift-worker").getSpec().getReplicas())
        .isGreaterThan(pdb.getSpec().getMinAvailable().getIntVal());
  }

  @Test
  void theWorkerConfigsServeTheirRoleWithHealthOnPort9464() throws Exception {
    JsonNode worker = config(central, "gridshift-worker", "worker.yaml");
    assertThat(worker.path("hostWorkflows").asBoolean()).isTrue();
    assertThat(worker.path("clusters").isMissingNode()).isTrue();
    JsonNode agentConfig = config(agent, "gridshift-agent", "agent.yaml");
    assertThat(agentConfig.path("hostWorkflows").asBoolean(true)).isFalse();
    assertThat(agentConfig.path("clusters").get(0).path("name").asText())
        .isEqualTo("${GRIDSHIFT_CLUSTER_NAME}");
    assertThat(agent.configMap("gridshift-agent-cluster").getData())
        .containsKey("GRIDSHIFT_CLUSTER_NAME");
    for (JsonNode config : List.of(worker, agentConfig)) {
      assertThat(config.path("observability").path("port").asInt()).isEqualTo(9464);
      assertThat(config.path("observability").path("bindHost").asText()).isEqualTo("0.0.0.0");
    }
  }

  @Test
  void theAgentConfigIsOneTheAgentAccepts() throws Exception {
    ConfigMap file = agent.mounted("gridshift-agent", "config");
    String clusterName =
        agent.configMap("gridshift-agent-cluster").getData().get("GRIDSHIFT_CLUSTER_NAME");
    // As the container sees it: GRIDSHIFT_CLUSTER_NAME from the ConfigMap (envFrom), the payload
    // key from the mounted Secret.
    Path key = Files.writeString(dir.resolve("k1"), "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
    String yaml =
        file.getData()
            .get("agent.yaml")
            .replace("${GRIDSHIFT_CLUSTER_NAME}", clusterName)
            .replace("/etc/gridshift-payload-keys/k1", key.toString());
    WorkerConfig config =
        WorkerConfig.loadAgent(Files.writeString(dir.resolve("agent.yaml"), yaml));
    assertThat(config.hostWorkflows()).isFalse();
    assertThat(config.clusters())
        .singleElement()
        .satisfies(c -> assertThat(c.name()).isEqualTo(clusterName))
        .satisfies(c -> assertThat(c.inCluster()).isTrue());
    // The probes' port: the agent serves /healthz, /readyz and /metrics where the pod says.
    assertThat(config.observability()).isEqualTo(new WorkerConfig.Observability(9464, "0.0.0.0"));
  }

  @Test
  void networkPoliciesOpenOnlyTheNeededPorts() {
    assertThat(central.egressPorts("gridshift-worker")).containsExactlyInAnyOrder(53, 7233, 443);
    assertThat(central.egressPorts("gridshift-server")).containsExactlyInAnyOrder(53, 7233);
    assertThat(agent.egressPorts("gridshift-agent"))
        .containsExactlyInAnyOrder(53, 7233, 443, 6443, 11222, 5701);
  }

  @Test
  void theAgentsRbacIsTheOneTheSandboxEnforces() throws Exception {
    RbacEnforcement enforced = RbacEnforcement.fromDeploy(DEPLOY).inNamespaces("prod");
    RbacPolicy expected = enforced.policy();
    List<HasMetadata> rbac =
        agent.objects().stream()
            .filter(
                o ->
                    o instanceof Role
                        || o instanceof RoleBinding
                        || o instanceof ClusterRole
                        || o.getKind().equals("ClusterRoleBinding"))
            .toList();
    RbacPolicy rendered = RbacPolicy.of(rbac);
    Role role = (Role) rbac.stream().filter(Role.class::isInstance).findFirst().orElseThrow();
    assertThat(role.getMetadata().getNamespace()).isEqualTo("prod");
    String user = RbacEnforcement.AGENT_USER;
    assertThat(user)
        .isEqualTo(
            "system:serviceaccount:gridshift:"
                + agent
                    .deployment("gridshift-agent")
                    .getSpec()
                    .getTemplate()
                    .getSpec()
                    .getServiceAccountName());
    List<ApiRequest> requests =
        List.of(
            ApiRequest.of("PATCH", "/apis/apps/v1/namespaces/prod/statefulsets/dg"),
            ApiRequest.of("DELETE", "/api/v1/namespaces/prod/pods/dg-0"),
            ApiRequest.of("GET", "/api/v1/namespaces/prod/secrets/dg-generated-secret"),
            ApiRequest.of("POST", "/apis/events.k8s.io/v1/namespaces/prod/events"),
            ApiRequest.of("PATCH", "/api/v1/namespaces/prod/events/dg.step"),
            ApiRequest.of("GET", "/apis/apps/v1/statefulsets"),
            ApiRequest.of("GET", "/api/v1/namespaces/prod/secrets"),
            ApiRequest.of("GET", "/api/v1/namespaces/gridshift/secrets/gridshift-payload-keys"),
            ApiRequest.of("PATCH", "/apis/apps/v1/namespaces/elsewhere/statefulsets/dg"),
            ApiRequest.of("DELETE", "/apis/apps/v1/namespaces/prod/deployments/dg"));
    for (ApiRequest r : requests) {
      assertThat(rendered.allows(user, r)).as(r.toString()).isEqualTo(expected.allows(user, r));
    }
    assertThat(requests.subList(0, 6)).allMatch(r -> rendered.allows(user, r));
    assertThat(requests.subList(6, 10)).noneMatch(r -> rendered.allows(user, r));
  }

  private static List<HasMetadata> all() {
    return Stream.concat(central.objects().stream(), agent.objects().stream()).toList();
  }

  private static List<Deployment> deployments() {
    return Stream.concat(central.of(Deployment.class).stream(), agent.of(Deployment.class).stream())
        .toList();
  }

  /** The config file a Deployment mounts from its ConfigMap volume {@code config}. */
  private static JsonNode config(Overlay overlay, String deployment, String key) throws Exception {
    return YAML.readTree(overlay.mounted(deployment, "config").getData().get(key));
  }

  private static String projectVersion() throws Exception {
    String pom = Files.readString(DEPLOY.resolveSibling("pom.xml"));
    String afterArtifact = pom.substring(pom.indexOf("<artifactId>gridshift-parent</artifactId>"));
    return afterArtifact.substring(
        afterArtifact.indexOf("<version>") + 9, afterArtifact.indexOf("</version>"));
  }

  /** An object without what the API server adds (resourceVersion, uid, timestamps). */
  private static HasMetadata strip(HasMetadata o) {
    HasMetadata copy = Serialization.clone(o);
    copy.getMetadata().setResourceVersion(null);
    copy.getMetadata().setUid(null);
    copy.getMetadata().setCreationTimestamp(null);
    copy.getMetadata().setGeneration(null);
    copy.getMetadata().setManagedFields(null);
    return copy;
  }

  private static String id(HasMetadata o) {
    return o.getKind() + " " + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
  }
}
