package io.gridshift.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.activities.ClusterAccess;
import io.gridshift.activities.hazelcast.HazelcastActivitiesImpl;
import io.gridshift.sandbox.kube.LocalKubernetesApi;
import io.gridshift.workflows.activities.WorkloadKind;
import io.gridshift.workflows.activities.WorkloadRef;
import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.hazelcast.HazelcastPlan;
import io.gridshift.workflows.hazelcast.HazelcastPlanner;
import io.gridshift.workflows.hazelcast.activities.ClusterSnapshot;
import io.gridshift.workflows.hazelcast.activities.HazelcastWorkload;
import io.gridshift.workflows.hazelcast.activities.MemberHealth;
import io.gridshift.workflows.request.HazelcastUpgradeRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --grid-manifest}: the user's objects land where the manifest says, as kubectl would. */
class HazelcastDemoGridTest {
  private static final ClusterRef CLUSTER = new ClusterRef("local", HazelcastDemoGrid.NAMESPACE);
  @TempDir Path dir;
  private LocalKubernetesApi api;
  private KubernetesClient kube;

  @BeforeEach
  void start() throws Exception {
    api = LocalKubernetesApi.start(0, dir.resolve("kubeconfig"));
    kube = api.client();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void createsAManifestsObjectsInItsOwnNamespaceAndTheRestInDefault() throws Exception {
    HazelcastDemoGrid grid = new HazelcastDemoGrid(kube);
    grid.apply(manifest("orders"));

    assertThat(grid.namespace()).isEqualTo("orders");
    assertThat(grid.name()).isEqualTo("shop");
    assertThat(grid.kind()).isEqualTo(WorkloadKind.STATEFULSET);
    assertThat(kube.apps().statefulSets().inNamespace("orders").withName("shop").get()).isNotNull();
    assertThat(kube.configMaps().inNamespace("orders").withName("shop-config").get()).isNotNull();
    // A namespaced object that names no namespace goes to the default one.
    assertThat(kube.configMaps().inNamespace("default").withName("unplaced").get()).isNotNull();
    assertThat(kube.apps().statefulSets().inNamespace("default").list().getItems()).isEmpty();
    // The rest of the demo reads the grid where it is.
    assertThat(grid.replicas()).isEqualTo(3);
    assertThat(grid.clientService())
        .get()
        .extracting(s -> s.getMetadata().getName())
        .isEqualTo("shop-clients");
    assertThat(grid.clusterName()).isEqualTo("shop-cluster");
  }

  @Test
  void aWorkloadWithoutANamespaceIsTheDefaultNamespacesGrid() throws Exception {
    HazelcastDemoGrid grid = new HazelcastDemoGrid(kube);
    grid.apply(manifest(null));

    assertThat(grid.namespace()).isEqualTo("default");
    assertThat(kube.apps().statefulSets().inNamespace("default").withName("shop").get())
        .isNotNull();
    assertThat(grid.replicas()).isEqualTo(3);
  }

  private Path manifest(String namespace) throws Exception {
    String ns = namespace == null ? "" : "\n  namespace: " + namespace;
    String yaml =
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: shop-config%1$s
        data:
          hazelcast.yaml: |
            hazelcast:
              cluster-name: shop-cluster
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: unplaced
        data:
          note: no namespace given
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: shop-clients%1$s
        spec:
          selector:
            app: shop
          ports:
          - port: 5701
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
          name: shop%1$s
        spec:
          replicas: 3
          serviceName: shop
          selector:
            matchLabels:
              app: shop
          template:
            metadata:
              labels:
                app: shop
            spec:
              containers:
              - name: hazelcast
                image: hazelcast/hazelcast:5.3.6
                volumeMounts:
                - name: config
                  mountPath: /data/hazelcast
              volumes:
              - name: config
                configMap:
                  name: shop-config
        """
            .formatted(ns);
    Path file = dir.resolve("grid.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void theDemosMemberConfigurationGivesEveryMapAJournalTheBlueGreenPlanAccepts() {
    HazelcastDemoGrid grid = new HazelcastDemoGrid(kube);
    grid.create("5.3.8", 3);

    // Read as an agent reads it: the ConfigMap the StatefulSet mounts, through the real inspector.
    HazelcastWorkload workload =
        new HazelcastActivitiesImpl(ClusterAccess.of("local", kube))
            .inspect(new WorkloadRef(CLUSTER, WorkloadKind.STATEFULSET, grid.name()));
    Map<String, Long> entries = new LinkedHashMap<>();
    HazelcastDemoGrid.MAPS.forEach(m -> entries.put(m, 100_000L)); // the demo loads 100,000
    HazelcastUpgradeRequest request =
        HazelcastUpgradeRequest.of(CLUSTER, grid.name(), "5.5.0").withDefaults();
    HazelcastPlan plan =
        HazelcastPlanner.withJournals(
            HazelcastPlanner.plan(request, workload, safe(3)), request, workload, entries);

    assertThat(workload.features().journals()).containsEntry("default", 100_000);
    assertThat(plan.blueGreen()).isTrue();
    // Only the journal rule is this test's: with no kubelet here the pods never get Ready, so the
    // preflight also finds the cluster not whole.
    assertThat(plan.violations())
        .extracting(v -> v.rule())
        .doesNotContain("event-journal-required");
    assertThat(plan.warnings()).noneMatch(w -> w.contains("event-journal"));
  }

  private static ClusterSnapshot safe(int members) {
    List<String> uuids = new ArrayList<>();
    for (int i = 0; i < members; i++) {
      uuids.add("u" + i);
    }
    List<MemberHealth> health = new ArrayList<>();
    for (int i = 0; i < members; i++) {
      health.add(
          new MemberHealth(
              "hz-" + i,
              "127.0.0." + (i + 2) + ":5701",
              "5.3.8",
              "ACTIVE",
              "ACTIVE",
              true,
              0,
              members,
              true,
              uuids.get(i),
              uuids));
    }
    return new ClusterSnapshot(health, "5.3");
  }
}
