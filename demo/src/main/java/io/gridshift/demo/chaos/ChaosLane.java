package io.gridshift.demo.chaos;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.demo.SandboxTemporal;
import io.gridshift.sandbox.Sandbox;
import io.gridshift.sandbox.SandboxOptions;
import io.gridshift.sandbox.kube.KubeconfigFile;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * One sandbox in which chaos runs take turns: its Temporal and Kubernetes API on ephemeral ports, a
 * {@link TcpOutageProxy} in front of Temporal and a {@link KubeFaultProxy} in front of the API, and
 * the {@link ChaosWorker} that reaches both only through the proxies. The benchmark itself (the
 * client that starts and approves upgrades, the traffic probe, the destructive-action watch, the
 * key checks) talks to both directly, so a fault hits only the worker, as in production where the
 * faults are between the worker and its dependencies.
 */
final class ChaosLane implements AutoCloseable {
  static final String CLUSTER = "sandbox";

  private final Sandbox sandbox;
  private final TcpOutageProxy temporalProxy;
  private final KubeFaultProxy kubeProxy;
  private final ChaosWorker worker;
  private final WorkflowClient client;

  private ChaosLane(
      Sandbox sandbox,
      TcpOutageProxy temporalProxy,
      KubeFaultProxy kubeProxy,
      ChaosWorker worker,
      WorkflowClient client) {
    this.sandbox = sandbox;
    this.temporalProxy = temporalProxy;
    this.kubeProxy = kubeProxy;
    this.worker = worker;
    this.client = client;
  }

  /** Starts lane {@code dir}: sandbox, proxies (no fault yet) and the worker, polling. */
  static ChaosLane start(Path dir, long seed) throws IOException, InterruptedException {
    // Its worker gets killed: every workflow task on the normal queue (see the option).
    Sandbox sandbox =
        Sandbox.start(
            SandboxOptions.ephemeral(dir.resolve("sandbox")).withoutStickyWorkflowTasks());
    TcpOutageProxy temporalProxy = null;
    KubeFaultProxy kubeProxy = null;
    try {
      String[] temporal = sandbox.temporalTarget().split(":");
      temporalProxy = TcpOutageProxy.start(temporal[0], Integer.parseInt(temporal[1]));
      kubeProxy =
          KubeFaultProxy.start(
              URI.create(sandbox.defaultCluster().apiUrl()), FaultMix.standard(), seed);
      kubeProxy.setRate(0);
      Path kubeconfig = dir.resolve("worker-kubeconfig");
      KubeconfigFile.write(
          kubeconfig, List.of(new KubeconfigFile.Context(CLUSTER, kubeProxy.url(), "default")));
      ChaosWorker worker =
          new ChaosWorker(
              temporalProxy.target(), CLUSTER, kubeconfig, CLUSTER, dir.resolve("worker"));
      worker.start();
      return new ChaosLane(
          sandbox, temporalProxy, kubeProxy, worker, SandboxTemporal.client(sandbox));
    } catch (IOException | RuntimeException | InterruptedException e) {
      closeQuietly(kubeProxy);
      closeQuietly(temporalProxy);
      sandbox.close();
      throw e;
    }
  }

  Sandbox sandbox() {
    return sandbox;
  }

  /** A direct client of the lane's Kubernetes API (no faults). */
  KubernetesClient kube() {
    return sandbox.client();
  }

  /** A direct client of the lane's Temporal (no outage). */
  WorkflowClient client() {
    return client;
  }

  TcpOutageProxy temporalProxy() {
    return temporalProxy;
  }

  KubeFaultProxy kubeProxy() {
    return kubeProxy;
  }

  ChaosWorker worker() {
    return worker;
  }

  @Override
  public void close() {
    worker.close();
    client.getWorkflowServiceStubs().shutdownNow();
    closeQuietly(kubeProxy);
    closeQuietly(temporalProxy);
    sandbox.close();
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      // stopping what is left; the sandbox's own close reports its failures
    }
  }
}
