package io.gridshift.demo;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.activities.hazelcast.MemberTls;
import io.gridshift.demo.traffic.GridOps;
import io.gridshift.demo.traffic.HazelcastOps;
import io.gridshift.sandbox.hazelcast.HazelcastMember;
import io.gridshift.sandbox.hazelcast.HazelcastMeshTls;
import io.gridshift.sandbox.hazelcast.HazelcastPodConfig;
import io.gridshift.sandbox.hazelcast.HazelcastPodRuntime;
import io.gridshift.workflows.activities.WorkloadKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntConsumer;

/**
 * The Hazelcast demo's grid in the sandbox: by default a 3-member StatefulSet configured as the
 * Hazelcast rolling-upgrade runbook recommends (GRACEFUL shutdown hook, graceful max wait 600 s,
 * terminationGracePeriodSeconds 600, maps with backup-count 1), or the workload of a user's
 * manifest; plus a known data set in two maps whose every key is read back afterwards.
 */
public final class HazelcastDemoGrid {
  /** The namespace of the demo's own grid, and of a manifest's objects that name none. */
  public static final String NAMESPACE = "default";

  public static final String GRID = "hz";
  static final String CLUSTER_NAME = "hz";
  static final List<String> MAPS = List.of("orders", "sessions");

  /** The shutdown hook policy that hands partitions over before a member leaves. */
  public static final String GRACEFUL = "GRACEFUL";

  public static final String CONFIG_YAML = configYaml(CLUSTER_NAME);

  /** The runbook's member configuration for a cluster (and its Service) named {@code name}. */
  static String configYaml(String name) {
    return """
        hazelcast:
          cluster-name: %s
          network:
            rest-api:
              enabled: true
              endpoint-groups:
                HEALTH_CHECK: {enabled: true}
                CLUSTER_READ: {enabled: true}
                CLUSTER_WRITE: {enabled: true}
            join:
              multicast: {enabled: false}
              kubernetes:
                enabled: true
                service-name: %s
          map:
            default:
              backup-count: 1
              # What a blue-green upgrade follows while it copies (a map's journal cannot be
              # turned on at run time): room for the writes clients make during the copy.
              event-journal:
                enabled: true
                capacity: 100000
        """
        .formatted(name, name);
  }

  private final KubernetesClient kube;
  private String name = GRID;
  private String namespace = NAMESPACE;
  private WorkloadKind kind = WorkloadKind.STATEFULSET;
  private Map<String, String> templateAnnotations = Map.of();

  public HazelcastDemoGrid(KubernetesClient kube) {
    this.kube = kube;
  }

  /**
   * A grid of the demo's shape named {@code name} in {@code namespace} (the fleet demo's grids);
   * its members' cluster name is {@code name} too.
   */
  public HazelcastDemoGrid(KubernetesClient kube, String namespace, String name) {
    this.kube = kube;
    this.namespace = namespace;
    this.name = name;
  }

  /**
   * Makes {@link #create} run the grid over TLS: each member fronted by the sandbox mesh's TLS
   * sidecar on port {@value HazelcastMeshTls#DEFAULT_PORT} and gridshift trusting the mesh's CA
   * ({@link HazelcastMeshTls#annotations}). Applications reaching the Service stay on the plain
   * member port.
   */
  public HazelcastDemoGrid withMeshTls() {
    templateAnnotations = HazelcastMeshTls.annotations(HazelcastMeshTls.DEFAULT_PORT);
    return this;
  }

  /**
   * Whether gridshift reaches this grid's members over TLS: its pod template names a CA Secret
   * ({@link MemberTls#CA_SECRET_ANNOTATION}), as {@link #withMeshTls()} or a manifest sets it (the
   * report's {@code gridTls}).
   */
  public boolean overTls() {
    PodTemplateSpec template =
        kind == WorkloadKind.DEPLOYMENT
            ? kube.apps()
                .deployments()
                .inNamespace(namespace)
                .withName(name)
                .get()
                .getSpec()
                .getTemplate()
            : kube.apps()
                .statefulSets()
                .inNamespace(namespace)
                .withName(name)
                .get()
                .getSpec()
                .getTemplate();
    Map<String, String> annotations =
        template.getMetadata() == null ? null : template.getMetadata().getAnnotations();
    return annotations != null && annotations.containsKey(MemberTls.CA_SECRET_ANNOTATION);
  }

  /** The workload's name. */
  public String name() {
    return name;
  }

  /** The workload's namespace: a manifest's own, else {@value #NAMESPACE}. */
  public String namespace() {
    return namespace;
  }

  /** The workload's kind. */
  public WorkloadKind kind() {
    return kind;
  }

  /** Creates the runbook-style StatefulSet (named {@code hz} by default) of {@code replicas}. */
  public void create(String version, int replicas) {
    create(version, replicas, Map.of(), GRACEFUL);
  }

  /**
   * As {@link #create(String, int)}, with {@code labels} added to the StatefulSet (what a fleet's
   * selectors match) and the members' {@code hazelcast.shutdownhook.policy} set to {@code
   * shutdownHookPolicy} ({@value #GRACEFUL} is the runbook's; anything else is what the preflight
   * refuses).
   */
  public void create(
      String version, int replicas, Map<String, String> labels, String shutdownHookPolicy) {
    kube.configMaps()
        .inNamespace(namespace)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name + "-config")
                .endMetadata()
                .addToData("hazelcast.yaml", configYaml(name))
                .build())
        .create();
    kube.apps()
        .statefulSets()
        .inNamespace(namespace)
        .resource(
            statefulSet(name, version, replicas, labels, shutdownHookPolicy, templateAnnotations))
        .create();
    kube.services()
        .inNamespace(namespace)
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .addToSelector("app", name)
                .addNewPort()
                .withName("hazelcast")
                .withPort(5701)
                .withTargetPort(new IntOrString(5701))
                .endPort()
                .endSpec()
                .build())
        .create();
  }

  /**
   * Creates every object of a user's manifest (YAML, several documents allowed) in the namespace it
   * names, as {@code kubectl create -f} would; a namespaced object that names none goes to {@value
   * #NAMESPACE}. The grid is the first StatefulSet or Deployment, in its namespace.
   */
  public void apply(Path manifest) {
    GridManifest objects = GridManifest.read(manifest);
    HasMetadata workload = workloadOf(objects);
    objects.createIn(kube);
    name = workload.getMetadata().getName();
    namespace = workload.getMetadata().getNamespace();
    kind = workload instanceof Deployment ? WorkloadKind.DEPLOYMENT : WorkloadKind.STATEFULSET;
  }

  /**
   * The grid of a user's manifest: its first StatefulSet or Deployment.
   *
   * @throws IllegalArgumentException when it has none (checked before the demo starts)
   */
  static HasMetadata workloadOf(GridManifest objects) {
    HasMetadata workload = objects.workload();
    if (!(workload instanceof StatefulSet || workload instanceof Deployment)) {
      throw new IllegalArgumentException(
          objects.file()
              + ": "
              + workload.getKind()
              + " "
              + workload.getMetadata().getName()
              + " is not a StatefulSet or Deployment, the kinds the Hazelcast upgrade rolls");
    }
    return workload;
  }

  private static StatefulSet statefulSet(
      String grid,
      String version,
      int replicas,
      Map<String, String> labels,
      String shutdownHookPolicy,
      Map<String, String> templateAnnotations) {
    StatefulSet sts =
        new StatefulSetBuilder()
            .withNewMetadata()
            .withName(grid)
            .addToLabels(labels)
            .addToLabels("app", grid)
            .endMetadata()
            .withNewSpec()
            .withReplicas(replicas)
            .withServiceName(grid)
            .withNewSelector()
            .addToMatchLabels("app", grid)
            .endSelector()
            .withNewUpdateStrategy()
            .withType("RollingUpdate")
            .endUpdateStrategy()
            .withNewTemplate()
            .withNewMetadata()
            .addToLabels("app", grid)
            .endMetadata()
            .withNewSpec()
            // The runbook's settings: members leave gracefully and Kubernetes waits for them.
            .withTerminationGracePeriodSeconds(600L)
            .addNewContainer()
            .withName("hazelcast")
            .withImage("hazelcast/hazelcast:" + version)
            .addNewEnv()
            .withName("JAVA_OPTS")
            .withValue(
                "-Dhazelcast.shutdownhook.policy="
                    + shutdownHookPolicy
                    + " -Dhazelcast.graceful.shutdown.max.wait=600")
            .endEnv()
            .addNewPort()
            .withName("hazelcast")
            .withContainerPort(5701)
            .endPort()
            .addNewVolumeMount()
            .withName("config")
            .withMountPath("/data/hazelcast")
            .endVolumeMount()
            .endContainer()
            .addNewVolume()
            .withName("config")
            .withNewConfigMap()
            .withName(grid + "-config")
            .endConfigMap()
            .endVolume()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    if (!templateAnnotations.isEmpty()) {
      sts.getSpec().getTemplate().getMetadata().setAnnotations(new TreeMap<>(templateAnnotations));
    }
    return sts;
  }

  /**
   * Waits until the workload has {@code replicas} ready pods and its status counts them too (the
   * preflight reads {@code status.readyReplicas}, which follows the pods a moment later).
   */
  public void awaitReady(int replicas, Duration timeout, IntConsumer progress)
      throws InterruptedException {
    awaitReady(name, replicas, timeout, progress);
  }

  private void awaitReady(String workload, int replicas, Duration timeout, IntConsumer progress)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int last = -1;
    while (System.nanoTime() < deadline) {
      int ready = readyPods(workload).size();
      if (ready != last) {
        progress.accept(ready);
        last = ready;
      }
      if (ready >= replicas && statusReadyReplicas(workload) >= replicas) {
        return;
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(
        workload + " did not become ready within " + timeout + "; see the pod logs in the sandbox");
  }

  /** As {@link #awaitReady}, for another workload of this grid's kind. */
  public void awaitReadyPods(String workload, int replicas, Duration timeout)
      throws InterruptedException {
    awaitReady(workload, replicas, timeout, ready -> {});
  }

  /** Desired replicas of the workload. */
  public int replicas() {
    return kind == WorkloadKind.DEPLOYMENT
        ? kube.apps()
            .deployments()
            .inNamespace(namespace)
            .withName(name)
            .get()
            .getSpec()
            .getReplicas()
        : kube.apps()
            .statefulSets()
            .inNamespace(namespace)
            .withName(name)
            .get()
            .getSpec()
            .getReplicas();
  }

  /** Puts {@code total} entries, spread over the maps; returns entries per map. */
  public Map<String, Integer> load(int total, IntConsumer progress) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put(MAPS.get(0), total - total / 2);
    counts.put(MAPS.get(1), total / 2);
    HazelcastInstance client = client();
    try {
      int done = 0;
      for (var map : counts.entrySet()) {
        IMap<String, String> m = client.getMap(map.getKey());
        Map<String, String> batch = new HashMap<>();
        for (int i = 0; i < map.getValue(); i++) {
          batch.put(map.getKey() + "-" + i, "value-" + i);
          if (batch.size() == 1000) {
            m.putAll(batch);
            done += batch.size();
            batch.clear();
            progress.accept(done);
          }
        }
        m.putAll(batch);
        done += batch.size();
        progress.accept(done);
      }
    } finally {
      client.shutdown();
    }
    return counts;
  }

  /** Per map, how many loaded keys are missing or changed now. */
  public Map<String, Integer> lostKeys(Map<String, Integer> loaded) {
    Map<String, Integer> lost = new LinkedHashMap<>();
    HazelcastInstance client = client();
    try {
      for (var map : loaded.entrySet()) {
        IMap<String, String> m = client.getMap(map.getKey());
        int missing = 0;
        for (int start = 0; start < map.getValue(); start += 1000) {
          Set<String> keys = new java.util.HashSet<>();
          for (int i = start; i < Math.min(map.getValue(), start + 1000); i++) {
            keys.add(map.getKey() + "-" + i);
          }
          Map<String, String> found = m.getAll(keys);
          for (int i = start; i < Math.min(map.getValue(), start + 1000); i++) {
            if (!("value-" + i).equals(found.get(map.getKey() + "-" + i))) {
              missing++;
            }
          }
        }
        lost.put(map.getKey(), missing);
      }
    } finally {
      client.shutdown();
    }
    return lost;
  }

  /**
   * A traffic-probe client on {@code map} through the grid's Service (the Service named like the
   * grid), as an application outside the cluster reaches it.
   */
  public GridOps trafficOps(String map) {
    Service service =
        clientService()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no Service in " + namespace + " selects the pods of " + name));
    return new HazelcastOps(service.getSpec().getClusterIP() + ":5701", clusterName(), map);
  }

  /**
   * The Service clients reach the grid through: the one named like the grid, else the first whose
   * selector matches the grid's pods (a user's manifest names its Service as it likes).
   */
  public Optional<Service> clientService() {
    List<Service> services = kube.services().inNamespace(namespace).list().getItems();
    Optional<Service> named =
        services.stream().filter(s -> name.equals(s.getMetadata().getName())).findFirst();
    if (named.isPresent()) {
      return named;
    }
    Map<String, String> podLabels = template().getMetadata().getLabels();
    return services.stream()
        .filter(s -> s.getSpec().getSelector() != null && !s.getSpec().getSelector().isEmpty())
        .filter(s -> podLabels.entrySet().containsAll(s.getSpec().getSelector().entrySet()))
        .findFirst();
  }

  /**
   * Whether every ready member reports the cluster safe with no migration queued (false while
   * partitions move after a member left or joined).
   */
  public boolean settled() {
    List<Pod> ready = readyPods(name);
    return !ready.isEmpty()
        && ready.stream()
            .allMatch(
                p ->
                    HazelcastMember.health(p.getStatus().getPodIP(), 5701)
                        .map(h -> h.clusterSafe() && h.migrationQueueSize() == 0)
                        .orElse(false));
  }

  private HazelcastInstance client() {
    ClientConfig config = new ClientConfig();
    config.setClusterName(clusterName());
    for (Pod pod : readyPods(name)) {
      config.getNetworkConfig().addAddress(pod.getStatus().getPodIP() + ":5701");
    }
    config
        .getConnectionStrategyConfig()
        .getConnectionRetryConfig()
        .setClusterConnectTimeoutMillis(60_000);
    return HazelcastClient.newHazelcastClient(config);
  }

  /**
   * The members' cluster name, found as the sandbox's members find it: {@code HZ_CLUSTERNAME}, else
   * the mounted {@code hazelcast.yaml}'s cluster-name, else Hazelcast's default.
   */
  String clusterName() {
    if (name.equals(GRID)) {
      return CLUSTER_NAME;
    }
    PodSpec spec = template().getSpec();
    for (Container c : spec.getContainers()) {
      for (EnvVar env : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
        if ("HZ_CLUSTERNAME".equals(env.getName()) && env.getValue() != null) {
          return env.getValue();
        }
      }
    }
    for (Volume volume : spec.getVolumes() == null ? List.<Volume>of() : spec.getVolumes()) {
      if (volume.getConfigMap() == null) {
        continue;
      }
      ConfigMap map =
          kube.configMaps().inNamespace(namespace).withName(volume.getConfigMap().getName()).get();
      for (String key : List.of("hazelcast.yaml", "hazelcast.yml")) {
        if (map != null && map.getData() != null && map.getData().containsKey(key)) {
          String named = HazelcastPodConfig.clusterName(map.getData().get(key));
          return named == null ? HazelcastPodRuntime.DEFAULT_CLUSTER_NAME : named;
        }
      }
    }
    return HazelcastPodRuntime.DEFAULT_CLUSTER_NAME;
  }

  private PodTemplateSpec template() {
    return kind == WorkloadKind.DEPLOYMENT
        ? kube.apps()
            .deployments()
            .inNamespace(namespace)
            .withName(name)
            .get()
            .getSpec()
            .getTemplate()
        : kube.apps()
            .statefulSets()
            .inNamespace(namespace)
            .withName(name)
            .get()
            .getSpec()
            .getTemplate();
  }

  private int statusReadyReplicas(String workload) {
    Integer ready =
        kind == WorkloadKind.DEPLOYMENT
            ? Optional.ofNullable(
                    kube.apps().deployments().inNamespace(namespace).withName(workload).get())
                .map(Deployment::getStatus)
                .map(DeploymentStatus::getReadyReplicas)
                .orElse(null)
            : Optional.ofNullable(
                    kube.apps().statefulSets().inNamespace(namespace).withName(workload).get())
                .map(StatefulSet::getStatus)
                .map(StatefulSetStatus::getReadyReplicas)
                .orElse(null);
    return ready == null ? 0 : ready;
  }

  private List<Pod> readyPods(String workload) {
    return kube.pods().inNamespace(namespace).list().getItems().stream()
        .filter(p -> p.getMetadata().getName().startsWith(workload + "-"))
        .filter(p -> p.getStatus() != null && p.getStatus().getConditions() != null)
        .filter(
            p ->
                p.getStatus().getConditions().stream()
                    .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
        .toList();
  }
}
