package io.gridshift.sandbox.kube;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.activities.ClusterAccess;
import io.gridshift.activities.kubernetes.KubernetesActivitiesImpl;
import io.gridshift.sandbox.Sandbox;
import io.gridshift.sandbox.SandboxOptions;
import io.gridshift.workflows.activities.KubernetesActivities;
import io.gridshift.workflows.activities.RolloutRequest;
import io.gridshift.workflows.activities.WorkloadKind;
import io.gridshift.workflows.activities.WorkloadRef;
import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.common.FailureTypes;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash fixture ({@link CrashImages}) on a real sandbox (API, StatefulSet controller, kubelet),
 * and the product's rollout wait against it: a StatefulSet whose new image crashes at start is
 * reported as a crash loop within a minute, though the wait's own deadline is ten minutes.
 */
class CrashLoopDetectionTest {
  private static final String GOOD = "echo/server:1";
  private static final String CRASHING = "echo/server:2";
  private static final int ROLLOUT_SECONDS = 600;
  private static final Duration DETECTION_LIMIT = Duration.ofSeconds(60);

  @TempDir Path dir;
  private Sandbox sandbox;
  private KubernetesClient client;
  private TestActivityEnvironment environment;
  private KubernetesActivities kube;

  @BeforeEach
  void start() throws IOException {
    sandbox = Sandbox.start(SandboxOptions.ephemeral(dir));
    sandbox.register(new EchoPodRuntime());
    client = sandbox.client();
    environment = TestActivityEnvironment.newInstance();
    environment.registerActivitiesImplementations(
        new KubernetesActivitiesImpl(ClusterAccess.of("sandbox", client)));
    kube =
        environment.newActivityStub(
            KubernetesActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(ROLLOUT_SECONDS + 60))
                .setHeartbeatTimeout(Duration.ofSeconds(30))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
  }

  @AfterEach
  void stop() {
    environment.close();
    sandbox.close();
  }

  @Test
  void theFixtureIsAFileAnyProcessCanWrite() throws IOException {
    CrashImages crashes = sandbox.crashImages();
    crashes.add(CRASHING);
    crashes.add(CRASHING); // once is enough

    assertThat(crashes.file()).isEqualTo(dir.resolve("faults/crash-images"));
    assertThat(Files.readAllLines(crashes.file())).containsExactly(CRASHING);
    Files.writeString(crashes.file(), "# comment\n\n  " + GOOD + "  \n" + CRASHING + "\n");
    assertThat(crashes.images()).containsExactly(GOOD, CRASHING);
    crashes.remove(GOOD);
    assertThat(crashes.images()).containsExactly(CRASHING);
  }

  @Test
  void aStatefulSetWhoseNewImageCrashLoopsIsDetectedWithinAMinute() throws Exception {
    client.apps().statefulSets().resource(KubeFixtures.statefulSet("dg", GOOD, 2)).create();
    kube.waitForRollout(new RolloutRequest(dg(), ROLLOUT_SECONDS)); // both pods Ready on GOOD
    sandbox.crashImages().add(CRASHING);

    client
        .apps()
        .statefulSets()
        .withName("dg")
        .edit(
            s -> {
              s.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(CRASHING);
              return s;
            });
    long started = System.nanoTime();
    assertThatThrownBy(() -> kube.waitForRollout(new RolloutRequest(dg(), ROLLOUT_SECONDS)))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo(FailureTypes.POD_CRASH_LOOP);
              assertThat(f.isNonRetryable()).isTrue();
              assertThat(f.getOriginalMessage())
                  .contains("StatefulSet default/dg: pod dg-1 crash-loops")
                  .contains("image " + CRASHING)
                  .containsPattern("restarted \\d+ times")
                  .contains("last exit: code 1 (Error: " + CrashImages.MESSAGE + ")")
                  .contains("kubectl logs -n default dg-1 -c main --previous");
            });
    Duration detection = Duration.ofNanos(System.nanoTime() - started);
    System.out.printf(
        "crash loop detected %d ms after the template changed%n", detection.toMillis());
    assertThat(detection).isLessThan(DETECTION_LIMIT);

    // The kubelet reports it as Kubernetes does; the pod below the rolled one still serves.
    ContainerStatus crashed = container(client.pods().withName("dg-1").get());
    assertThat(crashed.getRestartCount()).isGreaterThanOrEqualTo(2);
    assertThat(crashed.getLastState().getTerminated().getExitCode()).isEqualTo(1);
    assertThat(container(client.pods().withName("dg-0").get()).getReady()).isTrue();
  }

  @Test
  void removingTheImageFromTheFileEndsTheCrashes() throws Exception {
    sandbox.crashImages().add(CRASHING);
    client.apps().statefulSets().resource(KubeFixtures.statefulSet("dg", CRASHING, 1)).create();
    assertThatThrownBy(() -> kube.waitForRollout(new RolloutRequest(dg(), ROLLOUT_SECONDS)))
        .hasRootCauseInstanceOf(ApplicationFailure.class)
        .rootCause()
        .hasMessageContaining("pod dg-0 crash-loops");

    sandbox.crashImages().remove(CRASHING);

    // The next restart (back-off at most 30 s) runs the process; once Ready, the restarts behind
    // it do not count (a ready container never crash-loops) and the rollout completes.
    client
        .pods()
        .withName("dg-0")
        .waitUntilCondition(p -> Boolean.TRUE.equals(container(p).getReady()), 60, SECONDS);
    assertThat(container(client.pods().withName("dg-0").get()).getRestartCount())
        .isGreaterThanOrEqualTo(2);
    assertThat(kube.waitForRollout(new RolloutRequest(dg(), 60)).done()).isTrue();
  }

  private static ContainerStatus container(Pod pod) {
    return pod.getStatus().getContainerStatuses().get(0);
  }

  private static WorkloadRef dg() {
    return new WorkloadRef(new ClusterRef("sandbox", "default"), WorkloadKind.STATEFULSET, "dg");
  }
}
