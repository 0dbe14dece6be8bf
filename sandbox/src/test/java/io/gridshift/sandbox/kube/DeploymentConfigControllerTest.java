package io.gridshift.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.openshift.api.model.DeploymentCondition;
import io.fabric8.openshift.api.model.DeploymentConfig;
import io.fabric8.openshift.api.model.DeploymentConfigBuilder;
import io.fabric8.openshift.client.OpenShiftClient;
import io.gridshift.activities.ClusterAccess;
import io.gridshift.activities.kubernetes.KubernetesActivitiesImpl;
import io.gridshift.workflows.activities.RolloutStatus;
import io.gridshift.workflows.activities.WorkloadKind;
import io.gridshift.workflows.activities.WorkloadRef;
import io.gridshift.workflows.common.ClusterRef;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox's DeploymentConfig controller against OpenShift's documented behaviour, read back
 * with gridshift's own rollout reading ({@code oc rollout status} semantics): versions from the
 * ConfigChange trigger, pod names and labels, the Rolling strategy's bounds with minReadySeconds,
 * the Progressing reasons, and the progress deadline.
 */
class DeploymentConfigControllerTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @TempDir Path dir;
  KubeWorld world;
  KubernetesActivitiesImpl kube;

  @BeforeEach
  void start() throws Exception {
    world = new KubeWorld(dir);
    kube = new KubernetesActivitiesImpl(ClusterAccess.of("sandbox", world.client));
  }

  @AfterEach
  void stop() throws Exception {
    world.close();
  }

  /** One look at the pods: active (not terminating) and available ones. */
  record Sample(int active, int available) {}

  @Test
  void aTemplateChangeIsANewVersionRolledWithinMaxSurgeAndMaxUnavailable() throws Exception {
    create(dc("dg", "fake/grid:1", 3, 150, 1, 0, 1));
    awaitDone("dg");
    DeploymentConfig first = dc("dg").get();
    assertThat(first.getStatus().getLatestVersion()).isEqualTo(1L);
    assertThat(progressing(first).getReason()).isEqualTo("NewReplicationControllerAvailable");
    assertThat(world.pods())
        .hasSize(3)
        .allSatisfy(
            p -> {
              assertThat(p.getMetadata().getName()).matches("dg-1-[a-z0-9]{5}");
              assertThat(p.getMetadata().getLabels())
                  .containsEntry("deploymentconfig", "dg")
                  .containsEntry("deployment", "dg-1")
                  .containsEntry("app", "dg");
              assertThat(p.getMetadata().getAnnotations())
                  .containsEntry("openshift.io/deployment-config.name", "dg")
                  .containsEntry("openshift.io/deployment-config.latest-version", "1");
            });

    List<Sample> samples = new CopyOnWriteArrayList<>();
    AtomicBoolean sampling = new AtomicBoolean(true);
    Thread sampler = new Thread(() -> sample(samples, sampling, 1));
    sampler.start();
    dc("dg").edit(d -> image(d, "fake/grid:2"));
    KubeWorld.await(
        "version 2 observed",
        TIMEOUT,
        () -> dc("dg").get().getStatus().getObservedGeneration() == 2L);
    DeploymentConfig rolling = dc("dg").get();
    assertThat(rolling.getStatus().getLatestVersion()).isEqualTo(2L);
    assertThat(progressing(rolling).getReason())
        .isIn("NewReplicationControllerCreated", "ReplicationControllerUpdated");
    assertThat(status("dg").done()).as("not done while version 2 rolls").isFalse();
    awaitDone("dg");
    sampling.set(false);
    sampler.join();

    assertThat(samples).hasSizeGreaterThan(10);
    assertThat(samples.stream().mapToInt(Sample::active).max().orElseThrow())
        .as("never more than replicas + maxSurge pods")
        .isEqualTo(4);
    assertThat(samples.stream().mapToInt(Sample::available).min().orElseThrow())
        .as("never fewer than replicas - maxUnavailable available, minReadySeconds counted")
        .isEqualTo(3);
    KubeWorld.await("old pods gone", TIMEOUT, () -> world.pods().size() == 3);
    assertThat(world.pods())
        .allSatisfy(p -> assertThat(p.getMetadata().getName()).startsWith("dg-2-"))
        .allSatisfy(
            p -> assertThat(p.getMetadata().getLabels()).containsEntry("deployment", "dg-2"));
    DeploymentConfig done = dc("dg").get();
    assertThat(done.getStatus().getUpdatedReplicas()).isEqualTo(3);
    assertThat(done.getStatus().getAvailableReplicas()).isEqualTo(3);
    assertThat(progressing(done).getMessage())
        .isEqualTo("replication controller \"dg-2\" successfully rolled out");
  }

  @Test
  void scalingIsNoNewVersion() throws Exception {
    create(dc("dg", "fake/grid:1", 1, 100, 1, 0, 0));
    awaitDone("dg");
    dc("dg").edit(d -> new DeploymentConfigBuilder(d).editSpec().withReplicas(2).endSpec().build());
    KubeWorld.await("two pods", TIMEOUT, () -> world.pods().size() == 2);
    awaitDone("dg");
    assertThat(dc("dg").get().getStatus().getLatestVersion()).isEqualTo(1L);
    assertThat(world.pods())
        .allSatisfy(p -> assertThat(p.getMetadata().getName()).startsWith("dg-1-"));
  }

  @Test
  void reportsProgressDeadlineExceededWhenPodsNeverBecomeReady() throws Exception {
    DeploymentConfig stuck = dc("dg", "fake/grid:1", 1, 600_000, 1, 0, 0);
    stuck.getSpec().getStrategy().getRollingParams().setTimeoutSeconds(1L);
    create(stuck);
    KubeWorld.await(
        "ProgressDeadlineExceeded",
        TIMEOUT,
        () -> {
          DeploymentConfig d = dc("dg").get();
          return d.getStatus() != null
              && progressing(d) != null
              && "ProgressDeadlineExceeded".equals(progressing(d).getReason());
        });
    assertThat(progressing(dc("dg").get()).getStatus()).isEqualTo("False");
    RolloutStatus status = status("dg");
    assertThat(status.done()).isFalse();
    assertThat(status.message()).contains("ProgressDeadlineExceeded");
  }

  @Test
  void deletingTheDeploymentConfigDeletesItsPods() throws Exception {
    create(dc("dg", "fake/grid:1", 2, 100, 1, 0, 0));
    awaitDone("dg");
    dc("dg").delete();
    KubeWorld.await("pods gone", TIMEOUT, () -> world.pods().isEmpty());
    assertThat(world.fake.events("exit")).hasSize(2);
  }

  private void sample(List<Sample> samples, AtomicBoolean sampling, int minReadySeconds) {
    while (sampling.get()) {
      List<Pod> pods = world.client.pods().list().getItems();
      Instant now = Instant.now();
      int active = (int) pods.stream().filter(p -> !Pods.isTerminating(p)).count();
      int available =
          (int)
              pods.stream()
                  .filter(p -> !Pods.isTerminating(p))
                  .filter(p -> Pods.isAvailable(p, minReadySeconds, now))
                  .count();
      samples.add(new Sample(active, available));
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private RolloutStatus status(String name) {
    return kube.rolloutStatus(
        new WorkloadRef(
            new ClusterRef("sandbox", "default"), WorkloadKind.DEPLOYMENT_CONFIG, name));
  }

  private void awaitDone(String name) throws InterruptedException {
    KubeWorld.await(name + " rolled out", TIMEOUT, () -> status(name).done());
  }

  private void create(DeploymentConfig dc) {
    world.client.adapt(OpenShiftClient.class).deploymentConfigs().resource(dc).create();
  }

  private Resource<DeploymentConfig> dc(String name) {
    return world.client.adapt(OpenShiftClient.class).deploymentConfigs().withName(name);
  }

  private static DeploymentCondition progressing(DeploymentConfig dc) {
    return dc.getStatus().getConditions().stream()
        .filter(c -> "Progressing".equals(c.getType()))
        .findFirst()
        .orElse(null);
  }

  /** A DeploymentConfig as the seed writes one: Rolling, ConfigChange trigger, minReadySeconds. */
  static DeploymentConfig dc(
      String name,
      String image,
      int replicas,
      long readyAfterMillis,
      int maxSurge,
      int maxUnavailable,
      int minReadySeconds) {
    return new DeploymentConfigBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withSelector(Map.of("app", name))
        .withMinReadySeconds(minReadySeconds)
        .addNewTrigger()
        .withType("ConfigChange")
        .endTrigger()
        .withNewStrategy()
        .withType("Rolling")
        .withNewRollingParams()
        .withMaxSurge(new IntOrString(maxSurge))
        .withMaxUnavailable(new IntOrString(maxUnavailable))
        .endRollingParams()
        .endStrategy()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", name)
        .addToAnnotations(FakePodRuntime.READY_AFTER, Long.toString(readyAfterMillis))
        .endMetadata()
        .withNewSpec()
        .withTerminationGracePeriodSeconds(2L)
        .addNewContainer()
        .withName("main")
        .withImage(image)
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static DeploymentConfig image(DeploymentConfig d, String image) {
    return new DeploymentConfigBuilder(d)
        .editSpec()
        .editTemplate()
        .editSpec()
        .editFirstContainer()
        .withImage(image)
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}
