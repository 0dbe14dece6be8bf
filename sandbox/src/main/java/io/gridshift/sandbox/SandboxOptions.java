package io.gridshift.sandbox;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the sandbox keeps its files and which loopback ports it takes.
 *
 * @param dir the sandbox directory: kubeconfig, and pods' files under {@code pods/<ns>/<pod>}
 * @param temporalPort the Temporal frontend port (0: any free port)
 * @param kubePort the Kubernetes API port (0: any free port)
 */
public record SandboxOptions(Path dir, int temporalPort, int kubePort) {
  /** Temporal's usual port. */
  public static final int DEFAULT_TEMPORAL_PORT = 7233;

  /** The Kubernetes API's port (an apiserver's 6443 plus 1000, so a local cluster can coexist). */
  public static final int DEFAULT_KUBE_PORT = 7443;

  public SandboxOptions {
    Objects.requireNonNull(dir, "sandbox directory");
    if (temporalPort < 0 || temporalPort > 65535 || kubePort < 0 || kubePort > 65535) {
      throw new IllegalArgumentException(
          "sandbox ports must be 0..65535 (0: any free port); got temporal "
              + temporalPort
              + ", kube "
              + kubePort);
    }
  }

  /** The usual ports, 7233 and 7443. */
  public static SandboxOptions defaults(Path dir) {
    return new SandboxOptions(dir, DEFAULT_TEMPORAL_PORT, DEFAULT_KUBE_PORT);
  }

  /** Any free ports (tests, several sandboxes side by side). */
  public static SandboxOptions ephemeral(Path dir) {
    return new SandboxOptions(dir, 0, 0);
  }
}
