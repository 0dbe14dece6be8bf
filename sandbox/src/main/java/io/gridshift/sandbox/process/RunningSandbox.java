package io.gridshift.sandbox.process;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.gridshift.sandbox.SandboxConnection;
import io.gridshift.sandbox.kube.LocalKubernetesApi;
import io.gridshift.workflows.client.TemporalAccess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A sandbox that runs as its own process ({@code ./gridshift sandbox up}), reached through its
 * state file: Temporal's address, the kubeconfig and a client of the first cluster's API. Closing
 * it closes the client; the sandbox runs on until {@code sandbox down}.
 */
public final class RunningSandbox implements SandboxConnection {
  private final SandboxState state;
  private final KubernetesClient client;

  private RunningSandbox(SandboxState state) {
    this.state = state;
    this.client =
        new KubernetesClientBuilder()
            .withConfig(LocalKubernetesApi.config(state.defaultCluster().apiUrl()))
            .build();
  }

  /**
   * The sandbox up in {@code dir}; an IllegalStateException that says how to start one when none is
   * up there.
   */
  public static RunningSandbox attach(Path dir) throws IOException {
    SandboxState state =
        find(dir)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no sandbox is up in "
                            + dir
                            + " (no live process in "
                            + SandboxState.file(dir)
                            + "); start one with ./gridshift sandbox up"
                            + (dir.normalize().equals(Path.of(SandboxCommand.DEFAULT_DIR))
                                ? ""
                                : " --dir " + dir)));
    return new RunningSandbox(state);
  }

  /**
   * The state of the sandbox up in {@code dir}: empty when there is none or its process is gone.
   */
  public static Optional<SandboxState> find(Path dir) throws IOException {
    return SandboxState.read(dir).filter(SandboxState::processAlive);
  }

  /** What the sandbox process wrote about itself. */
  public SandboxState state() {
    return state;
  }

  @Override
  public String temporalTarget() {
    return state.temporalTarget();
  }

  @Override
  public TemporalAccess temporalAccess() {
    return state.temporalAccess();
  }

  @Override
  public Path kubeconfig() {
    return Path.of(state.kubeconfig());
  }

  @Override
  public String defaultClusterName() {
    return state.defaultCluster().name();
  }

  @Override
  public String defaultContext() {
    return state.defaultCluster().context();
  }

  @Override
  public KubernetesClient client() {
    return client;
  }

  @Override
  public Path dir() {
    return Path.of(state.dir());
  }

  @Override
  public void close() {
    client.close();
  }
}
