package io.gridshift.sandbox;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.workflows.client.TemporalAccess;
import java.nio.file.Path;

/**
 * What a demo needs of a sandbox, whether it started one itself ({@link Sandbox}) or uses one that
 * runs as its own process ({@link io.gridshift.sandbox.process.RunningSandbox}, {@code ./gridshift
 * sandbox up}): where Temporal and the first cluster are. Closing it stops a sandbox the caller
 * started, and only the clients of one it did not.
 */
public interface SandboxConnection extends AutoCloseable {
  /** The Temporal frontend, {@code 127.0.0.1:<port>}. */
  String temporalTarget();

  /**
   * How clients reach the sandbox's Temporal: {@link #temporalTarget()} in plain text, or with the
   * sandbox's CA (and client certificate, for mutual TLS) when it runs Temporal over TLS. Build
   * every client with {@code TemporalClients.stubs(temporalAccess())}.
   */
  default TemporalAccess temporalAccess() {
    return TemporalAccess.plain(temporalTarget());
  }

  /** The kubeconfig with a context per cluster, the first current. */
  Path kubeconfig();

  /** The first cluster's name: what requests name, and the task queue its worker polls. */
  String defaultClusterName();

  /** The first cluster's context in {@link #kubeconfig()}. */
  String defaultContext();

  /** A client of the first cluster's Kubernetes API (namespace {@code default}). */
  KubernetesClient client();

  /** Where the sandbox keeps its files (its pods' logs among them). */
  Path dir();

  /** Stops the sandbox if this process started it; otherwise closes only the clients. */
  @Override
  void close();
}
