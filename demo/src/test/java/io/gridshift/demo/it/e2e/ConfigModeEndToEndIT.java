package io.gridshift.demo.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.demo.InfinispanDemo;
import io.gridshift.demo.InfinispanDemoGrid;
import io.gridshift.starter.UpgradeRequests;
import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.StepStatus;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.infinispan.InfinispanDetails;
import io.gridshift.workflows.infinispan.InfinispanPlan;
import io.gridshift.workflows.infinispan.InfinispanSteps;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Infinispan upgrade in CONFIG mode (the runbook's way) end to end on the sandbox: a 3-pod
 * 14.0.28 grid upgraded to 3 pods of 15.0.21 whose configuration carries the remote stores. Its
 * disconnect is a configuration change plus a roll of the target, pod by pod, which only this test
 * runs against real servers: a watch on the Kubernetes API checks that every target pod was
 * replaced once, highest ordinal first, the next one only after the previous one had been Ready for
 * minReadySeconds, and never two target pods not Ready at once; afterwards no remote store is left
 * in the ConfigMap nor in any running member, every key loaded reads back unchanged through the
 * client Service, and the source is gone.
 *
 * <p>Only the demo's unencoded caches: a protostream cache fails the write-through probe (the 15.0
 * hazard), and its remedy, PAUSE_WRITES, needs RUNTIME mode.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfigModeEndToEndIT {
  private static final int REPLICAS = 3;
  private static final int ENTRIES = 10_000;
  private static final List<String> CACHES = List.of("sessions", "events");
  private static final int MIN_READY_SECONDS = 6;
  private static final String NS = InfinispanDemoGrid.NAMESPACE;
  private static final String TARGET = "dg-15-0-21";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private E2eSandbox e2e;
  private InfinispanDemoGrid grid;
  private Map<String, Integer> loaded;

  @BeforeAll
  void startSandboxAndLoadTheSourceGrid() throws Exception {
    e2e = E2eSandbox.start("gridshift-config-e2e");
    grid = new InfinispanDemoGrid(e2e.kube());
    grid.create(InfinispanDemo.SOURCE_VERSION, REPLICAS);
    grid.awaitReady(REPLICAS, Duration.ofMinutes(8), ready -> {});
    grid.createCaches(CACHES);
    loaded = grid.load(ENTRIES, CACHES, done -> {});
  }

  @AfterAll
  void stop() {
    if (e2e != null) {
      e2e.close();
    }
  }

  @Test
  void disconnectRollsTheTargetPodByPodAndKeepsEveryKey() throws Exception {
    UpgradeStatus done;
    List<PodRollWatch.Replacement> replacements;
    try (PodRollWatch watch = new PodRollWatch(e2e.kube(), NS, TARGET, REPLICAS)) {
      String id = e2e.service().start(UpgradeRequests.parse(request(), false)).getWorkflowId();
      done = e2e.awaitEndWithNoOpenGate(id);
      assertThat(done.phase()).as(done.message()).isEqualTo(Phase.COMPLETED);

      StepStatus disconnect = step(done, InfinispanSteps.DISCONNECT_SOURCE);
      long rollStart = Instant.parse(disconnect.startedAt()).toEpochMilli();
      long rollEnd = Instant.parse(disconnect.endedAt()).toEpochMilli();
      replacements = watch.replacements();
      String timeline = watch.timeline();
      System.out.println("target pods during the upgrade:\n" + timeline);
      done.steps()
          .forEach(
              s ->
                  System.out.printf(
                      "step %-20s %-9s %s .. %s%n",
                      s.name(), s.state(), s.startedAt(), s.endedAt()));

      // Every target pod replaced exactly once, by the disconnect step, highest ordinal first.
      assertThat(replacements)
          .as("target pods replaced: %s%n%s", replacements, timeline)
          .extracting(PodRollWatch.Replacement::ordinal)
          .containsExactly(2, 1, 0);
      for (PodRollWatch.Replacement r : replacements) {
        assertThat(r.newCreated()).as("%s", r).isNotEqualTo(r.oldCreated());
        assertThat(r.oldDownMs())
            .as("%s: old pod went in the step", r)
            .isBetween(rollStart, rollEnd);
        assertThat(r.newReadyMs())
            .as("%s: new pod Ready in the step", r)
            .isBetween(rollStart, rollEnd);
      }
      // One at a time, honoring minReadySeconds: the next pod goes only once the one before has
      // been Ready that long (the API's Ready transition time against the first sample showing the
      // next pod terminating; deletionTimestamp has only whole seconds).
      for (int i = 1; i < replacements.size(); i++) {
        PodRollWatch.Replacement before = replacements.get(i - 1);
        PodRollWatch.Replacement next = replacements.get(i);
        long gap = next.oldDownMs() - before.newReadyMs();
        assertThat(gap)
            .as(
                "pod %d went %d ms after pod %d turned Ready%n%s",
                next.ordinal(), gap, before.ordinal(), timeline)
            .isGreaterThanOrEqualTo(MIN_READY_SECONDS * 1000L);
      }
      // Never two target pods not Ready at once during the roll, and the watch looked closely
      // enough to have seen it. (Outside the roll, under sync-data's CPU load on a small machine,
      // the sandbox's 1 s readiness probe can time out on two members at once for a moment: not
      // the roll's doing.)
      long whole = watch.firstWholeMs();
      assertThat(whole)
          .as("the target was whole before the roll")
          .isPositive()
          .isLessThan(rollStart);
      assertThat(watch.maxNotReady(rollStart, rollEnd)).as("%s", timeline).isEqualTo(1);
      assertThat(watch.longestGap(rollStart, rollEnd)).isLessThan(Duration.ofSeconds(2));
    }

    // No remote store left: neither in the configuration nor in any running member's caches.
    ConfigMap config = e2e.kube().configMaps().inNamespace(NS).withName(TARGET + "-config").get();
    String xml = config.getData().get("infinispan.xml");
    assertThat(xml).doesNotContain("remote-store");
    for (String cache : CACHES) {
      assertThat(xml).contains("name=\"" + cache + "\"");
    }
    List<Pod> targetPods = targetPods();
    assertThat(targetPods).hasSize(REPLICAS);
    for (Pod pod : targetPods) {
      for (String cache : CACHES) {
        String running = cacheConfig(pod.getStatus().getPodIP(), cache);
        assertThat(running)
            .as("%s on %s", cache, pod.getMetadata().getName())
            .contains(cache)
            .doesNotContain("remote-store");
        // The server's own word (connect-source saw 200 here while the store was configured).
        assertThat(sourceConnection(pod.getStatus().getPodIP(), cache))
            .as("HEAD source-connection of %s on %s", cache, pod.getMetadata().getName())
            .isEqualTo(404);
      }
    }
    assertThat(targetPods)
        .extracting(p -> p.getMetadata().getUid())
        .containsExactlyInAnyOrderElementsOf(
            replacements.stream().map(PodRollWatch.Replacement::newUid).toList());

    // Versions come from the servers (issue 16): the source's agrees with its image tag, and the
    // target's server runs the asked release.
    InfinispanPlan plan = done.details(InfinispanDetails.class).plan();
    assertThat(plan.sourceVersion()).isEqualTo(InfinispanDemo.SOURCE_VERSION);
    assertThat(plan.warnings()).noneMatch(w -> w.contains("its server answers"));
    assertThat(step(done, InfinispanSteps.DEPLOY_TARGET).message())
        .contains("server says Infinispan")
        .contains("15.0.21.Final");

    // Every key loaded before the upgrade reads back, unchanged, from the target alone.
    assertThat(done.details(InfinispanDetails.class).caches())
        .allSatisfy(
            c -> {
              assertThat(c.missingKeys()).isZero();
              assertThat(c.targetEntries()).as(c.name()).isEqualTo((long) loaded.get(c.name()));
            });
    assertThat(grid.missingKeys(loaded))
        .containsOnly(Map.entry("sessions", 0), Map.entry("events", 0));

    // The source is gone; the client Service and the target remain.
    KubernetesClient kube = e2e.kube();
    assertThat(statefulSet("dg")).as("source deleted").isNull();
    assertThat(kube.configMaps().inNamespace(NS).withName("dg-config").get()).isNull();
    assertThat(kube.services().inNamespace(NS).withName("dg-gridshift-source").get()).isNull();
    StatefulSet target = statefulSet(TARGET);
    assertThat(target.getSpec().getMinReadySeconds()).isEqualTo(MIN_READY_SECONDS);
    assertThat(target.getStatus().getReadyReplicas()).isEqualTo(REPLICAS);
    assertThat(kube.services().inNamespace(NS).withName("dg").get().getSpec().getSelector())
        .isEqualTo(Map.of("gridshift.io/grid", TARGET));
    // Every gate passed on its own; none opened for a person (no retry after a failed step).
    assertThat(done.audit())
        .filteredOn(a -> a.action() == AuditEntry.Action.APPROVED)
        .extracting(AuditEntry::gate)
        .containsExactly("switch-traffic", "cutover", "delete-source");
    assertThat(done.audit()).extracting(AuditEntry::gate).doesNotContain("retry");
  }

  private static String request() {
    return """
        {"cluster": {"cluster": "sandbox", "namespace": "default"}, "grid": "dg",
         "targetVersion": "15.0.21.Final", "requestedBy": "e2e", "connectionMode": "CONFIG",
         "caches": ["sessions", "events"], "minReadySeconds": %d,
         "gates": {"switch-traffic": {"approval": "AUTO"}, "cutover": {"approval": "AUTO"},
                   "delete-source": {"approval": "AUTO"}}}"""
        .formatted(MIN_READY_SECONDS);
  }

  private static StepStatus step(UpgradeStatus status, String name) {
    return status.steps().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  private List<Pod> targetPods() {
    return e2e.kube().pods().inNamespace(NS).list().getItems().stream()
        .filter(p -> p.getMetadata().getName().matches(TARGET + "-\\d+"))
        .toList();
  }

  /** A cache's configuration as one member runs it (REST, straight to the pod). */
  private static String cacheConfig(String podIp, String cache) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(cacheUri(podIp, cache, "?action=config"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  /** 200: the member's cache is connected to a source; 404: it is not. */
  private static int sourceConnection(String podIp, String cache) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(cacheUri(podIp, cache, "/rolling-upgrade/source-connection"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static URI cacheUri(String podIp, String cache, String rest) {
    return URI.create(
        "http://" + podIp + ":" + InfinispanDemoGrid.PORT + "/rest/v2/caches/" + cache + rest);
  }

  private StatefulSet statefulSet(String name) {
    return e2e.kube().apps().statefulSets().inNamespace(NS).withName(name).get();
  }
}
