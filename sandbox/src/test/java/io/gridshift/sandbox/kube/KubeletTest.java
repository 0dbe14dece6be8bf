package io.gridshift.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeletTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @TempDir Path dir;
  KubeWorld world;

  @BeforeEach
  void start() throws Exception {
    world = new KubeWorld(dir, new InfinispanPodRuntime());
  }

  @AfterEach
  void stop() throws Exception {
    world.close();
  }

  @Test
  void deletionMarksNotReadyThenSigtermThenSigkillAfterTheGracePeriod() throws Exception {
    create(pod("stubborn", "fake/app:1", 1, Map.of(FakePodRuntime.IGNORE_SIGTERM, "true")));
    KubeWorld.await("Ready", TIMEOUT, () -> Pods.isRunningAndReady(world.pod("stubborn")));

    world.client.pods().withName("stubborn").delete();
    Pod marked = world.pod("stubborn");
    assertThat(marked).as("a DELETE only marks the pod").isNotNull();
    assertThat(marked.getMetadata().getDeletionTimestamp()).isNotNull();
    Pod[] notReady = new Pod[1];
    KubeWorld.await(
        "NotReady while terminating",
        TIMEOUT,
        () -> {
          notReady[0] = world.pod("stubborn");
          return notReady[0] != null && !Pods.isRunningAndReady(notReady[0]);
        });
    KubeWorld.await("pod object gone", TIMEOUT, () -> world.pod("stubborn") == null);

    Instant sigterm = world.fake.last("stubborn", "sigterm");
    Instant sigkill = world.fake.last("stubborn", "sigkill");
    assertThat(sigterm).isNotNull();
    assertThat(sigkill).isNotNull();
    assertThat(Duration.between(sigterm, sigkill))
        .isBetween(Duration.ofMillis(950), Duration.ofMillis(1500));
    assertThat(world.fake.last("stubborn", "exit")).isNull();
    Instant notReadySince =
        notReady[0].getStatus().getConditions().stream()
            .filter(c -> c.getType().equals("Ready"))
            .map(c -> Instant.parse(c.getLastTransitionTime()))
            .findFirst()
            .orElseThrow();
    assertThat(notReadySince).as("NotReady is reported before SIGTERM").isBeforeOrEqualTo(sigterm);
  }

  @Test
  void aProcessThatExitsOnSigtermIsGoneWithoutWaitingForTheGracePeriod() throws Exception {
    create(pod("polite", "fake/app:1", 30, Map.of()));
    KubeWorld.await("Ready", TIMEOUT, () -> Pods.isRunningAndReady(world.pod("polite")));
    long t0 = System.nanoTime();
    world.client.pods().withName("polite").delete();
    KubeWorld.await("pod object gone", TIMEOUT, () -> world.pod("polite") == null);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    assertThat(world.fake.events("sigkill")).isEmpty();
  }

  @Test
  void aPreStopSleepDelaysSigtermWhileThePodIsAlreadyNotReady() throws Exception {
    Pod pod = pod("drain", "fake/app:1", 5, Map.of());
    pod.getSpec()
        .getContainers()
        .get(0)
        .setLifecycle(
            new io.fabric8.kubernetes.api.model.LifecycleBuilder()
                .withNewPreStop()
                .withNewSleep(1L)
                .endPreStop()
                .build());
    create(pod);
    KubeWorld.await("Ready", TIMEOUT, () -> Pods.isRunningAndReady(world.pod("drain")));
    Instant deleted = Instant.now();
    world.client.pods().withName("drain").delete();
    KubeWorld.await("pod object gone", TIMEOUT, () -> world.pod("drain") == null);
    assertThat(Duration.between(deleted, world.fake.last("drain", "sigterm")))
        .isGreaterThanOrEqualTo(Duration.ofMillis(950));
  }

  @Test
  void anImageNoRuntimeRunsLeavesThePodPendingWithErrImagePullNamingWhatIsKnown() throws Exception {
    create(pod("typo", "quay.io/infinispan/server:14.0.99.Final", 30, Map.of()));
    KubeWorld.await(
        "ErrImagePull", TIMEOUT, () -> "ErrImagePull".equals(waitingReason(world.pod("typo"))));
    Pod pending = world.pod("typo");
    // A kubelet that cannot pull leaves the pod Pending (never Failed) and never Ready.
    assertThat(Pods.phase(pending)).isEqualTo("Pending");
    assertThat(Pods.isRunningAndReady(pending)).isFalse();
    assertThat(
            pending.getStatus().getContainerStatuses().get(0).getState().getWaiting().getMessage())
        .startsWith(
            "sandbox has no runtime for image quay.io/infinispan/server:14.0.99.Final; known: ")
        .contains("images fake/*")
        .contains("14.0.28.Final")
        .contains("15.0.21.Final");
    assertThat(world.fake.events).isEmpty();

    world.client.pods().withName("typo").delete();
    KubeWorld.await("pod object gone", TIMEOUT, () -> world.pod("typo") == null);
  }

  /** The first container's waiting reason, or null while the kubelet has written none. */
  private static String waitingReason(Pod pod) {
    if (pod == null
        || pod.getStatus() == null
        || pod.getStatus().getContainerStatuses() == null
        || pod.getStatus().getContainerStatuses().isEmpty()) {
      return null;
    }
    var state = pod.getStatus().getContainerStatuses().get(0).getState();
    return state == null || state.getWaiting() == null ? null : state.getWaiting().getReason();
  }

  @Test
  void podsGetTheirOwnLoopbackAddressAndFreedAddressesAreReused() throws Exception {
    create(pod("a", "fake/app:1", 1, Map.of()));
    create(pod("b", "fake/app:1", 1, Map.of()));
    KubeWorld.await(
        "both Ready",
        TIMEOUT,
        () -> Pods.isRunningAndReady(world.pod("a")) && Pods.isRunningAndReady(world.pod("b")));
    String ipA = world.pod("a").getStatus().getPodIP();
    String ipB = world.pod("b").getStatus().getPodIP();
    assertThat(ipA).startsWith("127.0.1.").isNotEqualTo(ipB);
    assertThat(world.pod("a").getStatus().getContainerStatuses().get(0).getImage())
        .isEqualTo("fake/app:1");

    world.client.pods().withName("a").delete();
    KubeWorld.await("a gone", TIMEOUT, () -> world.pod("a") == null);
    create(pod("c", "fake/app:1", 1, Map.of()));
    KubeWorld.await("c Ready", TIMEOUT, () -> Pods.isRunningAndReady(world.pod("c")));
    assertThat(world.pod("c").getStatus().getPodIP()).isEqualTo(ipA);
  }

  @Test
  void aProcessThatDiesIsRestartedAndCounted() throws Exception {
    create(pod("crashy", "fake/app:1", 1, Map.of(FakePodRuntime.DIE_ONCE_AFTER, "200")));
    KubeWorld.await(
        "restarted and Ready",
        TIMEOUT,
        () -> {
          Pod p = world.pod("crashy");
          return Pods.isRunningAndReady(p)
              && p.getStatus().getContainerStatuses().get(0).getRestartCount() == 1;
        });
    assertThat(world.fake.events("start")).hasSize(2);
  }

  private void create(Pod pod) {
    world.client.pods().resource(pod).create();
  }

  static Pod pod(String name, String image, long graceSeconds, Map<String, String> annotations) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withAnnotations(annotations)
        .addToLabels("app", name)
        .endMetadata()
        .withNewSpec()
        .withTerminationGracePeriodSeconds(graceSeconds)
        .addNewContainer()
        .withName("main")
        .withImage(image)
        .endContainer()
        .endSpec()
        .build();
  }
}
