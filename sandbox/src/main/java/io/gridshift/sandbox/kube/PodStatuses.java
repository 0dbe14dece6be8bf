package io.gridshift.sandbox.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIPBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.time.Instant;
import java.util.List;

/**
 * The statuses the kubelet writes for a pod, one per state of its process. Every container of the
 * pod reports the state of the pod's single process.
 */
final class PodStatuses {
  static final String HOST_IP = "127.0.0.1";

  /** What the worker knows about its pod, from which a status is built. */
  record State(
      String podIp,
      Instant startTime,
      String phase,
      boolean ready,
      Instant readySince,
      int restarts,
      Instant containerStartedAt,
      String waitingReason,
      String message,
      Termination lastTermination) {}

  /** How the container's process last ended (its {@code lastState.terminated}). */
  record Termination(int exitCode, String message, Instant startedAt, Instant finishedAt) {}

  private PodStatuses() {}

  static PodStatus build(Pod pod, State state) {
    List<ContainerStatus> containers =
        pod.getSpec().getContainers().stream().map(c -> container(c, state)).toList();
    return new PodStatusBuilder()
        .withPhase(state.phase())
        .withMessage("Failed".equals(state.phase()) ? state.message() : null)
        .withReason("Failed".equals(state.phase()) ? state.waitingReason() : null)
        .withHostIP(HOST_IP)
        .withHostIPs(new io.fabric8.kubernetes.api.model.HostIPBuilder().withIp(HOST_IP).build())
        .withPodIP(state.podIp())
        .withPodIPs(new PodIPBuilder().withIp(state.podIp()).build())
        .withStartTime(Pods.timestamp(state.startTime()))
        .withQosClass("BestEffort")
        .withConditions(conditions(state))
        .withContainerStatuses(containers)
        .build();
  }

  private static List<PodCondition> conditions(State state) {
    String ready = state.ready() ? "True" : "False";
    String readyTime = Pods.timestamp(state.readySince());
    String started = Pods.timestamp(state.startTime());
    return List.of(
        condition("PodScheduled", "True", started),
        condition("Initialized", "True", started),
        condition("ContainersReady", ready, readyTime),
        condition("Ready", ready, readyTime));
  }

  private static PodCondition condition(String type, String status, String time) {
    return new PodConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withLastTransitionTime(time)
        .build();
  }

  private static ContainerStatus container(Container container, State state) {
    return new ContainerStatusBuilder()
        .withName(container.getName())
        .withImage(container.getImage())
        .withImageID(container.getImage())
        .withReady(state.ready())
        .withStarted(state.containerStartedAt() != null && state.waitingReason() == null)
        .withRestartCount(state.restarts())
        .withState(containerState(state))
        .withLastState(lastState(state.lastTermination()))
        .build();
  }

  private static ContainerState lastState(Termination t) {
    if (t == null) {
      return null;
    }
    return new ContainerStateBuilder()
        .withNewTerminated()
        .withExitCode(t.exitCode())
        .withReason(t.exitCode() == 0 ? "Completed" : "Error")
        .withMessage(t.message())
        .withStartedAt(t.startedAt() == null ? null : Pods.timestamp(t.startedAt()))
        .withFinishedAt(Pods.timestamp(t.finishedAt()))
        .endTerminated()
        .build();
  }

  private static ContainerState containerState(State state) {
    if (state.waitingReason() != null || state.containerStartedAt() == null) {
      return new ContainerStateBuilder()
          .withNewWaiting()
          .withReason(state.waitingReason() == null ? "ContainerCreating" : state.waitingReason())
          .withMessage(state.message())
          .endWaiting()
          .build();
    }
    return new ContainerStateBuilder()
        .withNewRunning()
        .withStartedAt(Pods.timestamp(state.containerStartedAt()))
        .endRunning()
        .build();
  }
}
