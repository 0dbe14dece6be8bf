package io.gridshift.sandbox.kube;

import java.time.Duration;
import java.util.OptionalInt;

/** A pod's process as started by a {@link PodRuntime}. */
public interface RunningPod {

  /** Whether the process still runs. */
  boolean isAlive();

  /**
   * The readiness probe: whether the process serves requests now. Called every few hundred
   * milliseconds on the pod's worker thread; should answer within about a second.
   */
  boolean isReady();

  /**
   * Stops the process as a kubelet does: SIGTERM, then SIGKILL once {@code grace} has passed.
   * Returns when the process is gone.
   *
   * @param grace the pod's termination grace period
   */
  void stop(Duration grace);

  /**
   * The process's exit code once it exited; empty while it runs or when the runtime cannot tell.
   */
  default OptionalInt exitCode() {
    return OptionalInt.empty();
  }

  /** A message for the container's last termination, or null. */
  default String exitMessage() {
    return null;
  }
}
