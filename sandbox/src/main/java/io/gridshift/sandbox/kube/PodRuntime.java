package io.gridshift.sandbox.kube;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * Runs the process behind a pod, for the images it knows (the sandbox's container runtime). The
 * {@link Kubelet} asks each registered runtime in turn; a pod no runtime handles fails with a
 * message listing what the runtimes {@linkplain #describe() describe}.
 */
public interface PodRuntime {

  /**
   * Whether this runtime can run {@code pod}, usually decided by its first container's image. Must
   * be quick and must not throw: a typo in an image tag should answer false, not fail later.
   */
  boolean handles(Pod pod);

  /**
   * Starts the pod's process bound to {@link PodContext#podIp()} and returns once it is started,
   * not necessarily ready. Called on the pod's own worker thread, so it may block (resolving a
   * distribution, launching a JVM); other pods are not held up. Throwing makes the kubelet retry
   * with a back-off, as for a container that fails to start.
   *
   * @param context the pod, its address, an API client and the sandbox directory
   * @return the running process
   * @throws Exception when the process could not be started
   */
  RunningPod start(PodContext context) throws Exception;

  /**
   * What this runtime runs, in a few words, e.g. {@code "images *infinispan*|*datagrid*:<version>,
   * versions 14.0.28.Final, 15.0.21.Final"}.
   */
  String describe();
}
