package io.gridshift.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatefulSetControllerTest {
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

  @Test
  void createsPodsInOrdinalOrderEachAfterThePreviousIsReady() throws Exception {
    create(readyAfter(KubeFixtures.statefulSet("web", "fake/app:1", 3), 300));
    awaitDone("web");

    for (int i = 1; i < 3; i++) {
      Instant previousReady = readySince(world.pod("web-" + (i - 1)));
      Instant started = world.fake.last("web-" + i, "start");
      assertThat(started)
          .as("web-%d starts after web-%d is Ready", i, i - 1)
          .isAfterOrEqualTo(previousReady);
    }
    Pod pod = world.pod("web-1");
    assertThat(pod.getMetadata().getLabels())
        .containsEntry("app", "web")
        .containsEntry(StatefulSetController.POD_NAME_LABEL, "web-1")
        .containsKey(StatefulSetPlanner.REVISION_LABEL);
    assertThat(pod.getMetadata().getOwnerReferences().get(0).getKind()).isEqualTo("StatefulSet");
    assertThat(pod.getStatus().getPodIP()).startsWith("127.0.1.");

    StatefulSet sts = sts("web").get();
    assertThat(sts.getStatus().getObservedGeneration())
        .isEqualTo(sts.getMetadata().getGeneration());
    assertThat(sts.getStatus().getReplicas()).isEqualTo(3);
    assertThat(sts.getStatus().getReadyReplicas()).isEqualTo(3);
    assertThat(sts.getStatus().getAvailableReplicas()).isEqualTo(3);
    assertThat(sts.getStatus().getCurrentRevision()).isEqualTo(sts.getStatus().getUpdateRevision());
    assertThat(pod.getMetadata().getLabels().get(StatefulSetPlanner.REVISION_LABEL))
        .isEqualTo(sts.getStatus().getUpdateRevision());
  }

  @Test
  void rollsFromTheHighestOrdinalDownWaitingMinReadySecondsForEach() throws Exception {
    create(KubeFixtures.statefulSet("web", "fake/app:1", 3));
    awaitDone("web");
    String oldRevision = sts("web").get().getStatus().getCurrentRevision();

    edit(
        "web",
        s -> {
          StatefulSet changed = image(s, "fake/app:2");
          changed.getSpec().setMinReadySeconds(1);
          return changed;
        });
    StatefulSet rolling = sts("web").get();
    assertThat(rolling.getMetadata().getGeneration()).isEqualTo(2L);
    assertThat(RolloutRules.done(rolling)).isFalse();
    awaitDone("web");

    List<String> terminated =
        world.fake.events("sigterm").stream().map(FakePodRuntime.Event::pod).toList();
    assertThat(terminated).containsExactly("web-2", "web-1", "web-0");
    for (int i = 2; i > 0; i--) {
      Instant updatedReady = readySince(world.pod("web-" + i));
      Instant nextTerminated = world.fake.last("web-" + (i - 1), "sigterm");
      assertThat(Duration.between(updatedReady, nextTerminated))
          .as("web-%d is rolled only after web-%d was ready for minReadySeconds", i - 1, i)
          .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }
    StatefulSet done = sts("web").get();
    assertThat(done.getStatus().getUpdatedReplicas()).isEqualTo(3);
    assertThat(done.getStatus().getCurrentRevision())
        .isEqualTo(done.getStatus().getUpdateRevision())
        .isNotEqualTo(oldRevision);
    assertThat(done.getStatus().getObservedGeneration()).isEqualTo(2L);
    assertThat(world.pods()).allMatch(p -> image(p).equals("fake/app:2"));
  }

  @Test
  void partitionHoldsLowerOrdinalsOnTheCurrentRevision() throws Exception {
    create(KubeFixtures.statefulSet("web", "fake/app:1", 3));
    awaitDone("web");
    String oldRevision = sts("web").get().getStatus().getCurrentRevision();

    edit("web", s -> partition(image(s, "fake/app:2"), 2));
    awaitDone("web");
    StatefulSet canary = sts("web").get();
    assertThat(canary.getStatus().getUpdatedReplicas()).isEqualTo(1);
    assertThat(canary.getStatus().getCurrentRevision()).isEqualTo(oldRevision);
    assertThat(canary.getStatus().getUpdateRevision()).isNotEqualTo(oldRevision);
    assertThat(image(world.pod("web-2"))).isEqualTo("fake/app:2");

    // A pod below the partition that is deleted comes back on the current (old) revision.
    world.client.pods().withName("web-0").delete();
    KubeWorld.await(
        "web-0 recreated",
        TIMEOUT,
        () ->
            world.fake.events("start").stream().filter(e -> e.pod().equals("web-0")).count() == 2);
    awaitDone("web");
    assertThat(image(world.pod("web-0"))).isEqualTo("fake/app:1");
    assertThat(image(world.pod("web-1"))).isEqualTo("fake/app:1");
    assertThat(world.fake.events("sigterm"))
        .extracting(FakePodRuntime.Event::pod)
        .containsExactly("web-2", "web-0");

    edit("web", s -> partition(s, 0));
    awaitDone("web");
    StatefulSet done = sts("web").get();
    assertThat(done.getStatus().getUpdatedReplicas()).isEqualTo(3);
    assertThat(done.getStatus().getCurrentRevision())
        .isEqualTo(done.getStatus().getUpdateRevision());
    assertThat(world.pods()).allMatch(p -> image(p).equals("fake/app:2"));
  }

  @Test
  void scalesDownFromTheHighestOrdinalAndUpInOrder() throws Exception {
    create(KubeFixtures.statefulSet("web", "fake/app:1", 3));
    awaitDone("web");

    sts("web").scale(1);
    awaitDone("web");
    KubeWorld.await("one pod left", TIMEOUT, () -> world.pods().size() == 1);
    assertThat(world.fake.events("sigterm"))
        .extracting(FakePodRuntime.Event::pod)
        .containsExactly("web-2", "web-1");
    KubeWorld.await(
        "status counts 1 replica", TIMEOUT, () -> sts("web").get().getStatus().getReplicas() == 1);

    sts("web").scale(2);
    awaitDone("web");
    assertThat(world.pods())
        .extracting(p -> p.getMetadata().getName())
        .containsExactlyInAnyOrder("web-0", "web-1");
  }

  @Test
  void onDeleteStrategyReplacesOnlyPodsThatAreDeleted() throws Exception {
    StatefulSet onDelete = KubeFixtures.statefulSet("web", "fake/app:1", 2);
    onDelete
        .getSpec()
        .setUpdateStrategy(
            new io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategyBuilder()
                .withType("OnDelete")
                .build());
    create(onDelete);
    KubeWorld.await("2 ready", TIMEOUT, () -> readyReplicas("web") == 2);

    edit("web", s -> image(s, "fake/app:2"));
    Thread.sleep(500);
    assertThat(world.fake.events("sigterm")).isEmpty();
    assertThat(sts("web").get().getStatus().getUpdatedReplicas()).isZero();

    world.client.pods().withName("web-1").delete();
    KubeWorld.await(
        "web-1 on the new image",
        TIMEOUT,
        () -> {
          Pod p = world.pod("web-1");
          return p != null && image(p).equals("fake/app:2") && Pods.isRunningAndReady(p);
        });
    assertThat(image(world.pod("web-0"))).isEqualTo("fake/app:1");
    KubeWorld.await(
        "status counts the updated pod",
        TIMEOUT,
        () -> sts("web").get().getStatus().getUpdatedReplicas() == 1);
  }

  @Test
  void deletingTheStatefulSetDeletesItsPodsGracefully() throws Exception {
    create(KubeFixtures.statefulSet("web", "fake/app:1", 2));
    awaitDone("web");
    sts("web").delete();
    KubeWorld.await("pods gone", TIMEOUT, () -> world.pods().isEmpty());
    assertThat(world.fake.events("sigterm")).hasSize(2);
    assertThat(world.fake.events("exit")).hasSize(2);
  }

  private void create(StatefulSet sts) {
    world.client.apps().statefulSets().resource(sts).create();
  }

  private RollableScalableResource<StatefulSet> sts(String name) {
    return world.client.apps().statefulSets().withName(name);
  }

  private void edit(String name, UnaryOperator<StatefulSet> change) {
    sts(name).edit(change);
  }

  private int readyReplicas(String name) {
    StatefulSet s = sts(name).get();
    return s.getStatus() == null || s.getStatus().getReadyReplicas() == null
        ? 0
        : s.getStatus().getReadyReplicas();
  }

  private void awaitDone(String name) throws InterruptedException {
    // Give the controller a pass to observe the latest generation first.
    KubeWorld.await(
        "rollout of " + name + " done", TIMEOUT, () -> RolloutRules.done(sts(name).get()));
  }

  static StatefulSet readyAfter(StatefulSet sts, long millis) {
    sts.getSpec()
        .getTemplate()
        .getMetadata()
        .setAnnotations(java.util.Map.of(FakePodRuntime.READY_AFTER, Long.toString(millis)));
    return sts;
  }

  static StatefulSet image(StatefulSet sts, String image) {
    return new StatefulSetBuilder(sts)
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

  static StatefulSet partition(StatefulSet sts, int partition) {
    return new StatefulSetBuilder(sts)
        .editSpec()
        .editUpdateStrategy()
        .editOrNewRollingUpdate()
        .withPartition(partition)
        .endRollingUpdate()
        .endUpdateStrategy()
        .endSpec()
        .build();
  }

  static String image(Pod pod) {
    return pod.getSpec().getContainers().get(0).getImage();
  }

  static Instant readySince(Pod pod) {
    return pod.getStatus().getConditions().stream()
        .filter(c -> c.getType().equals("Ready") && c.getStatus().equals("True"))
        .map(c -> Instant.parse(c.getLastTransitionTime()))
        .findFirst()
        .orElseThrow(() -> new AssertionError(pod.getMetadata().getName() + " is not Ready"));
  }
}
