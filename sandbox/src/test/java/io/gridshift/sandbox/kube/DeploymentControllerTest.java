package io.gridshift.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeploymentControllerTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @TempDir Path dir;
  KubeWorld world;

  @BeforeEach
  void start() throws Exception {
    world = new KubeWorld(dir);
  }

  @AfterEach
  void stop() throws Exception {
    world.close();
  }

  /** One look at the pods: active (not terminating) and available ones. */
  record Sample(int active, int available) {}

  @ParameterizedTest(name = "replicas {0}, maxSurge {1}, maxUnavailable {2}")
  @CsvSource({"4, 1, 1, 5, 3", "4, 2, 0, 6, 4", "4, 25%, 25%, 5, 3", "3, 0, 1, 3, 2"})
  void rollingUpdateStaysWithinMaxSurgeAndMaxUnavailableAtEveryInstant(
      int replicas, String maxSurge, String maxUnavailable, int mostActive, int fewestAvailable)
      throws Exception {
    Deployment deployment = readyAfter(KubeFixtures.deployment("api", "fake/app:1", replicas), 150);
    deployment
        .getSpec()
        .setStrategy(
            new DeploymentStrategyBuilder()
                .withType("RollingUpdate")
                .withNewRollingUpdate()
                .withMaxSurge(intOrPercent(maxSurge))
                .withMaxUnavailable(intOrPercent(maxUnavailable))
                .endRollingUpdate()
                .build());
    create(deployment);
    awaitDone("api");

    List<Sample> samples = new CopyOnWriteArrayList<>();
    AtomicBoolean sampling = new AtomicBoolean(true);
    Thread sampler = new Thread(() -> sample(samples, sampling));
    sampler.start();
    deployment("api").edit(d -> image(d, "fake/app:2"));
    awaitDone("api");
    sampling.set(false);
    sampler.join();

    assertThat(samples).hasSizeGreaterThan(10);
    assertThat(samples.stream().mapToInt(Sample::active).max().orElseThrow())
        .as("never more than replicas + maxSurge pods")
        .isEqualTo(mostActive);
    assertThat(samples.stream().mapToInt(Sample::available).min().orElseThrow())
        .as("never fewer than replicas - maxUnavailable available")
        .isEqualTo(fewestAvailable);
    KubeWorld.await("old pods gone", TIMEOUT, () -> world.pods().size() == replicas);
    assertThat(world.pods()).extracting(DeploymentControllerTest::image).containsOnly("fake/app:2");
    Deployment done = deployment("api").get();
    assertThat(done.getStatus().getObservedGeneration()).isEqualTo(2L);
    assertThat(done.getStatus().getUpdatedReplicas()).isEqualTo(replicas);
    assertThat(done.getStatus().getAvailableReplicas()).isEqualTo(replicas);
    assertThat(done.getStatus().getConditions())
        .anyMatch(
            c ->
                c.getType().equals("Progressing")
                    && c.getReason().equals("NewReplicaSetAvailable"));
  }

  @Test
  void oldPodsGoOnlyAfterNewOnesWereReadyForMinReadySeconds() throws Exception {
    Deployment deployment = KubeFixtures.deployment("api", "fake/app:1", 2);
    deployment
        .getSpec()
        .setStrategy(
            new DeploymentStrategyBuilder()
                .withType("RollingUpdate")
                .withNewRollingUpdate()
                .withMaxSurge(new IntOrString(1))
                .withMaxUnavailable(new IntOrString(0))
                .endRollingUpdate()
                .build());
    create(deployment);
    awaitDone("api");

    deployment("api")
        .edit(
            d -> {
              Deployment changed = image(d, "fake/app:2");
              changed.getSpec().setMinReadySeconds(1);
              return changed;
            });
    KubeWorld.await(
        "not done while minReadySeconds runs",
        TIMEOUT,
        () -> deployment("api").get().getStatus().getObservedGeneration() == 2L);
    assertThat(RolloutRules.done(deployment("api").get())).isFalse();
    awaitDone("api");

    Instant firstNewReady =
        world.pods().stream()
            .filter(p -> image(p).equals("fake/app:2") && !Pods.isTerminating(p))
            .map(StatefulSetControllerTest::readySince)
            .min(Instant::compareTo)
            .orElseThrow();
    Instant firstOldTerminated = world.fake.events("sigterm").get(0).at();
    assertThat(Duration.between(firstNewReady, firstOldTerminated))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void recreateStopsEveryOldPodBeforeStartingNewOnes() throws Exception {
    Deployment deployment = KubeFixtures.deployment("api", "fake/app:1", 2);
    deployment.getSpec().setStrategy(new DeploymentStrategyBuilder().withType("Recreate").build());
    create(deployment);
    awaitDone("api");

    deployment("api").edit(d -> image(d, "fake/app:2"));
    awaitDone("api");

    Instant lastOldExit =
        world.fake.events("exit").stream()
            .map(FakePodRuntime.Event::at)
            .max(Instant::compareTo)
            .orElseThrow();
    Instant firstNewStart =
        world.fake.events("start").stream()
            .filter(e -> e.image().equals("fake/app:2"))
            .map(FakePodRuntime.Event::at)
            .min(Instant::compareTo)
            .orElseThrow();
    assertThat(world.fake.events("exit")).hasSize(2);
    assertThat(firstNewStart).isAfterOrEqualTo(lastOldExit);
  }

  @Test
  void reportsProgressDeadlineExceededWhenPodsNeverBecomeReady() throws Exception {
    Deployment deployment = readyAfter(KubeFixtures.deployment("api", "fake/app:1", 1), 600_000);
    deployment.getSpec().setProgressDeadlineSeconds(1);
    create(deployment);
    KubeWorld.await(
        "ProgressDeadlineExceeded",
        TIMEOUT,
        () -> {
          Deployment d = deployment("api").get();
          return d.getStatus() != null
              && d.getStatus().getConditions() != null
              && d.getStatus().getConditions().stream()
                  .anyMatch(c -> "ProgressDeadlineExceeded".equals(c.getReason()));
        });
    assertThat(RolloutRules.done(deployment("api").get())).isFalse();
  }

  @Test
  void nothingIsRewrittenWhileNothingChanges() throws Exception {
    create(KubeFixtures.deployment("api", "fake/app:1", 2));
    world
        .client
        .apps()
        .statefulSets()
        .resource(KubeFixtures.statefulSet("web", "fake/app:1", 2))
        .create();
    awaitDone("api");
    KubeWorld.await(
        "web done",
        TIMEOUT,
        () -> RolloutRules.done(world.client.apps().statefulSets().withName("web").get()));
    Thread.sleep(300); // let minReadySeconds-free availability settle
    String before = versions();
    Thread.sleep(500);
    assertThat(versions()).as("statuses are written only when they change").isEqualTo(before);
  }

  private String versions() {
    StringBuilder out = new StringBuilder();
    out.append(deployment("api").get().getMetadata().getResourceVersion());
    out.append(
        world
            .client
            .apps()
            .statefulSets()
            .withName("web")
            .get()
            .getMetadata()
            .getResourceVersion());
    world.pods().stream()
        .sorted(java.util.Comparator.comparing(p -> p.getMetadata().getName()))
        .forEach(p -> out.append(',').append(p.getMetadata().getResourceVersion()));
    return out.toString();
  }

  @Test
  void scalingAndDeletionRemovePodsGracefully() throws Exception {
    create(KubeFixtures.deployment("api", "fake/app:1", 3));
    awaitDone("api");
    deployment("api").scale(1);
    awaitDone("api");
    KubeWorld.await("one pod left", TIMEOUT, () -> world.pods().size() == 1);

    deployment("api").delete();
    KubeWorld.await("pods gone", TIMEOUT, () -> world.pods().isEmpty());
    assertThat(world.fake.events("exit")).hasSize(3);
  }

  private void sample(List<Sample> samples, AtomicBoolean sampling) {
    while (sampling.get()) {
      List<Pod> pods = world.client.pods().list().getItems();
      int active = 0;
      int available = 0;
      for (Pod pod : pods) {
        if (!Pods.isTerminating(pod)) {
          active++;
          available += Pods.isAvailable(pod, 0, Instant.now()) ? 1 : 0;
        }
      }
      samples.add(new Sample(active, available));
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void create(Deployment deployment) {
    world.client.apps().deployments().resource(deployment).create();
  }

  private RollableScalableResource<Deployment> deployment(String name) {
    return world.client.apps().deployments().withName(name);
  }

  private void awaitDone(String name) throws InterruptedException {
    KubeWorld.await(
        "rollout of " + name + " done", TIMEOUT, () -> RolloutRules.done(deployment(name).get()));
  }

  private static IntOrString intOrPercent(String value) {
    return value.endsWith("%") ? new IntOrString(value) : new IntOrString(Integer.parseInt(value));
  }

  private static Deployment readyAfter(Deployment d, long millis) {
    d.getSpec()
        .getTemplate()
        .getMetadata()
        .setAnnotations(Map.of(FakePodRuntime.READY_AFTER, Long.toString(millis)));
    return d;
  }

  private static Deployment image(Deployment d, String image) {
    return new DeploymentBuilder(d)
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

  private static String image(Pod pod) {
    return pod.getSpec().getContainers().get(0).getImage();
  }
}
