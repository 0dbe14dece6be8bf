package io.gridshift.demo.chaos;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Optional;

/** Pods of a run's namespace: which are ready, killing one's process, deleting them all. */
final class ChaosPods {
  private static final long TEAR_DOWN_MILLIS = 120_000;

  private ChaosPods() {}

  /** The ready, not terminating pods of StatefulSet {@code sts}, by name. */
  static List<Pod> readyPods(KubernetesClient kube, String namespace, String sts) {
    return kube.pods().inNamespace(namespace).list().getItems().stream()
        .filter(p -> p.getMetadata().getName().startsWith(sts + "-"))
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .filter(ChaosPods::ready)
        .sorted(java.util.Comparator.comparing(p -> p.getMetadata().getName()))
        .toList();
  }

  private static boolean ready(Pod pod) {
    return pod.getStatus() != null
        && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /**
   * Waits until {@code replicas} pods of {@code sts} have been ready for 3 s on end: on a loaded
   * machine a pod's readiness can flicker after its start, and the plan refuses a grid that is not
   * whole, as it should. Fails after 2 minutes.
   */
  static void awaitSteadilyReady(KubernetesClient kube, String namespace, String sts, int replicas)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + 120_000;
    long readySince = -1;
    while (System.currentTimeMillis() < deadline) {
      boolean whole = readyPods(kube, namespace, sts).size() == replicas;
      long now = System.currentTimeMillis();
      readySince = whole ? (readySince < 0 ? now : readySince) : -1;
      if (readySince >= 0 && now - readySince >= 3000) {
        return;
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(
        namespace + "/" + sts + ": " + replicas + " pods not steadily ready within 2 minutes");
  }

  /**
   * SIGKILLs the server process of pod {@code name}, as a node's OOM killer or a crash would; the
   * sandbox's kubelet then restarts it (restart count, back-off), as Kubernetes does. The process
   * is found by the pod's address, which the sandbox's servers bind to.
   *
   * @return the killed process's pid, empty when the pod has no running process
   */
  static Optional<Long> killProcess(KubernetesClient kube, String namespace, String name) {
    Pod pod = kube.pods().inNamespace(namespace).withName(name).get();
    if (pod == null || pod.getStatus() == null || pod.getStatus().getPodIP() == null) {
      return Optional.empty();
    }
    String ip = pod.getStatus().getPodIP();
    Optional<ProcessHandle> process =
        ProcessHandle.allProcesses().filter(p -> bindsTo(p, ip)).findFirst();
    process.ifPresent(ProcessHandle::destroyForcibly);
    return process.map(ProcessHandle::pid);
  }

  private static boolean bindsTo(ProcessHandle process, String ip) {
    String[] args = process.info().arguments().orElse(new String[0]);
    for (String arg : args) {
      if (arg.contains("bind") && arg.endsWith("=" + ip)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Deletes every StatefulSet, Service and ConfigMap of {@code namespace}, then its pods, and waits
   * until the kubelet has stopped them (so the next run has the machine to itself).
   */
  static void deleteAll(KubernetesClient kube, String namespace) throws InterruptedException {
    kube.apps().statefulSets().inNamespace(namespace).delete();
    kube.apps().deployments().inNamespace(namespace).delete();
    kube.services().inNamespace(namespace).delete();
    kube.configMaps().inNamespace(namespace).delete();
    kube.pods().inNamespace(namespace).delete();
    long deadline = System.currentTimeMillis() + TEAR_DOWN_MILLIS;
    while (System.currentTimeMillis() < deadline
        && !kube.pods().inNamespace(namespace).list().getItems().isEmpty()) {
      Thread.sleep(500);
    }
  }
}
