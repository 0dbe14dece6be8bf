package io.gridshift.sandbox.process;

import io.gridshift.sandbox.SandboxOptions;
import io.gridshift.workflows.client.TemporalTls;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Prints how to reach a running sandbox and what to run next: what {@code sandbox up} ends with and
 * {@code sandbox status} shows. Every command is ready to paste: {@code --dir} appears only when
 * the sandbox is not in the default directory, {@code --temporal} only when Temporal is not on the
 * CLI's default port.
 */
final class SandboxReach {
  private SandboxReach() {}

  static void print(SandboxState state, Path dirAsGiven, PrintStream out) {
    out.printf("Sandbox up in %s (pid %d, since %s)%n", state.dir(), state.pid(), state.started());
    out.printf("  Temporal       %s (namespace default)%n", state.temporalTarget());
    if (state.ui() != null) {
      out.printf("  Temporal UI    %s%n", state.ui());
    }
    TemporalTls tls = state.temporalTls();
    if (tls.enabled()) {
      out.printf(
          "  Temporal TLS   CA %s%s%n",
          tls.caFile(), tls.mutual() ? "; mutual TLS, client certificate " + tls.certFile() : "");
    }
    for (SandboxState.Cluster c : state.clusters()) {
      out.printf(
          "  Kubernetes     cluster %s: %s (context %s)%n", c.name(), c.apiUrl(), c.context());
    }
    out.printf(
        "  kubeconfig     %s (contexts: %s)%n",
        state.kubeconfig(),
        state.clusters().stream()
            .map(SandboxState.Cluster::context)
            .collect(Collectors.joining(", ")));
    out.printf("  worker config  %s%n", state.workerConfig());
    out.printf(
        "  logs           %s; pods' servers under %s%n",
        state.log(),
        state.clusters().size() == 1
            ? Path.of(state.dir(), "pods", "<namespace>", "<pod>")
            : Path.of(state.dir(), "clusters", "<cluster>", "pods", "<namespace>", "<pod>"));
    String dir = dirOption(dirAsGiven);
    String temporal = temporalOption(state);
    out.println("Next:");
    out.printf(
        "  ./gridshift worker --config %s     (in another terminal)%n", state.workerConfig());
    out.printf(
        "  ./gridshift demo infinispan --sandbox %s     (or hazelcast: an upgrade on it)%n",
        dirAsGiven);
    if (tls.enabled()) {
      out.printf(
          "  export GRIDSHIFT_TEMPORAL_TLS_CA=%s%s%n",
          tls.caFile(),
          tls.mutual()
              ? " GRIDSHIFT_TEMPORAL_TLS_CERT=%s GRIDSHIFT_TEMPORAL_TLS_KEY=%s"
                  .formatted(tls.certFile(), tls.keyFile())
              : "");
    }
    out.printf("  ./gridshift list%s     (status, approve, pause, ... the same way)%n", temporal);
    if (temporal.isEmpty()) {
      out.println("  ./gridshift server     (REST service and ops page on :8080; see the README)");
    } else {
      out.printf(
          "  ./gridshift server FILE     (a copy of deploy/server.yaml with temporal.target %s)%n",
          state.temporalTarget());
    }
    out.printf("  ./gridshift sandbox status%s%n", dir);
    out.printf("  ./gridshift sandbox down%s%n", dir);
  }

  private static String dirOption(Path dirAsGiven) {
    return dirAsGiven.normalize().equals(Path.of(SandboxCommand.DEFAULT_DIR))
        ? ""
        : " --dir " + dirAsGiven;
  }

  private static String temporalOption(SandboxState state) {
    return LoopbackPorts.portOf(state.temporalTarget()) == SandboxOptions.DEFAULT_TEMPORAL_PORT
        ? ""
        : " --temporal " + state.temporalTarget();
  }
}
