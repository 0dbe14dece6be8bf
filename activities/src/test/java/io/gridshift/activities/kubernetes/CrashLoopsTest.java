package io.gridshift.activities.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.gridshift.workflows.common.FailureTypes;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The crash-loop rule: restarts that keep a container from ever becoming ready. */
class CrashLoopsTest {

  @Test
  void aContainerBackingOffAfterItsSecondExitCrashLoops() {
    assertThat(CrashLoops.crashLoops(waiting("CrashLoopBackOff", 2, false))).isTrue();
    assertThat(CrashLoops.crashLoops(waiting("CrashLoopBackOff", 1, false)))
        .as("one exit may be an OOM kill or a node hiccup")
        .isFalse();
  }

  @Test
  void threeRestartsCrashLoopWhateverTheContainerDoesNow() {
    assertThat(CrashLoops.crashLoops(running(3, false))).isTrue();
    assertThat(CrashLoops.crashLoops(running(2, false))).isFalse();
  }

  @Test
  void aReadyContainerNeverCrashLoopsWhateverItsPast() {
    assertThat(CrashLoops.crashLoops(running(40, true))).isFalse();
  }

  @Test
  void theFailureNamesThePodTheRestartsTheLastExitAndTheLogsCommand() {
    ContainerStatus c =
        new ContainerStatusBuilder(waiting("CrashLoopBackOff", 4, false))
            .withNewLastState()
            .withNewTerminated()
            .withExitCode(137)
            .withReason("OOMKilled")
            .withMessage("out of memory ")
            .endTerminated()
            .endLastState()
            .build();
    Pod ok = pod("dg-0", running(0, true));
    Pod crashing = pod("dg-1", c);

    Optional<ApplicationFailure> found =
        CrashLoops.find("StatefulSet apps/dg", List.of(ok, crashing));

    assertThat(found).isPresent();
    assertThat(found.get().getType()).isEqualTo(FailureTypes.POD_CRASH_LOOP);
    assertThat(found.get().isNonRetryable()).isTrue();
    assertThat(found.get().getOriginalMessage())
        .isEqualTo(
            "StatefulSet apps/dg: pod dg-1 crash-loops: container main (image img:2) restarted 4"
                + " times without becoming ready; last exit: code 137 (OOMKilled: out of memory)."
                + " Waiting longer cannot help: the image does not start. Read why with `kubectl"
                + " logs -n apps dg-1 -c main --previous`, then fix the image or its"
                + " configuration");
  }

  @Test
  void aPodBeingDeletedIsNotReported() {
    Pod leaving =
        new PodBuilder(pod("dg-1", running(5, false)))
            .editMetadata()
            .withDeletionTimestamp("2026-12-07T09:00:00Z")
            .endMetadata()
            .build();
    assertThat(CrashLoops.find("StatefulSet apps/dg", List.of(leaving))).isEmpty();
  }

  private static ContainerStatus waiting(String reason, int restarts, boolean ready) {
    return new ContainerStatusBuilder()
        .withName("main")
        .withImage("img:2")
        .withReady(ready)
        .withRestartCount(restarts)
        .withNewState()
        .withNewWaiting()
        .withReason(reason)
        .endWaiting()
        .endState()
        .build();
  }

  private static ContainerStatus running(int restarts, boolean ready) {
    return new ContainerStatusBuilder()
        .withName("main")
        .withImage("img:2")
        .withReady(ready)
        .withRestartCount(restarts)
        .withNewState()
        .withNewRunning()
        .endRunning()
        .endState()
        .build();
  }

  private static Pod pod(String name, ContainerStatus container) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("apps")
        .endMetadata()
        .withNewStatus()
        .withContainerStatuses(container)
        .endStatus()
        .build();
  }
}
