package io.gridshift.demo;

import io.gridshift.demo.secure.SecureDemo;
import io.gridshift.demo.traffic.CacheRouter;
import io.gridshift.sandbox.SandboxConnection;
import io.gridshift.sandbox.SandboxOptions;
import io.gridshift.sandbox.tls.SandboxPki;
import io.gridshift.starter.UpgradeService;
import io.gridshift.starter.cli.StatusPrinter;
import io.gridshift.worker.GridshiftWorker;
import io.gridshift.worker.WorkerConfig;
import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.infinispan.InfinispanConventions;
import io.gridshift.workflows.infinispan.InfinispanGates;
import io.gridshift.workflows.request.InfinispanUpgradeRequest;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code ./gridshift demo infinispan}: in the sandbox, creates a 3-pod Infinispan 14.0.28 grid
 * holding the requested entries in three caches (one protostream-encoded), upgrades it to 15.0.21
 * through the real worker and workflow, follows the steps, and checks every loaded key on the
 * target afterwards.
 */
public final class InfinispanDemo {
  public static final String SOURCE_VERSION = "14.0.28.Final";
  public static final String TARGET_VERSION = "15.0.21.Final";
  static final int REPLICAS = 3;

  /**
   * The caches the traffic probe reads and writes, keys spread over them: an application's session
   * cache and the protostream cache, whose writes it pauses when the upgrade asks.
   */
  static final List<String> TRAFFIC_CACHES =
      List.of("sessions", InfinispanDemoGrid.PROTOSTREAM_CACHE);

  private final DemoOptions options;
  private final SandboxOptions sandboxOptions;
  private final PrintStream out;

  public InfinispanDemo(DemoOptions options, PrintStream out) {
    this(options, SandboxOptions.defaults(options.workDir()), out);
  }

  /**
   * A demo whose own sandbox (with {@code --secure}) starts from {@code sandboxOptions}, e.g. a
   * test's ephemeral ports.
   */
  public InfinispanDemo(DemoOptions options, SandboxOptions sandboxOptions, PrintStream out) {
    this.options = options;
    this.sandboxOptions = sandboxOptions;
    this.out = out;
  }

  /** Runs the demo; returns the report (also written to {@code --report} when given). */
  public DemoReport run() throws Exception {
    try (DemoMode mode = DemoMode.of(options, sandboxOptions);
        SandboxConnection sandbox = mode.openSandbox(out);
        DemoObservability observability = new DemoObservability()) {
      String log = System.getProperty("gridshift.log");
      if (log != null) {
        out.println("  (full log: " + log + ")");
      }
      DemoSandbox.requireNoGrid(sandbox, InfinispanDemoGrid.NAMESPACE, InfinispanDemoGrid.GRID);
      out.printf(
          "  Temporal %s, Kubernetes API %s (kubeconfig %s)%n",
          sandbox.temporalTarget(), sandbox.client().getMasterUrl(), sandbox.kubeconfig());
      WorkflowClient client = mode.client(sandbox, observability.scope());
      WorkerConfig config = mode.workerConfig(sandbox);
      try (GridshiftWorker worker = new GridshiftWorker(client, config)) {
        worker.start();
        observability.serve(
            client.getWorkflowServiceStubs(),
            mode.access(sandbox),
            worker,
            sandbox,
            InfinispanDemoGrid.NAMESPACE,
            InfinispanDemoGrid.GRID,
            out);
        mode.started(sandbox, out);
        InfinispanDemoGrid grid = demoGrid(sandbox, mode);
        Map<String, Integer> loaded = prepareSource(grid);
        UpgradeStatus result;
        UpgradeMeasurement.Result measured;
        AtomicReference<CacheRouter> probeClient = new AtomicReference<>();
        try (UpgradeMeasurement measurement =
            UpgradeMeasurement.start(
                options,
                sandbox.client(),
                InfinispanDemoGrid.NAMESPACE,
                null,
                () -> probeClient.updateAndGet(none -> grid.routedOps(TRAFFIC_CACHES)),
                out)) {
          ClientWritePause pause =
              probeClient.get() == null ? null : new ClientWritePause(probeClient.get(), out);
          result = upgrade(new UpgradeService(client), mode, sandbox, grid.tlsSecret(), pause);
          out.println("\nRe-reading every write the client saw acknowledged ...");
          measured = measurement.finish(result);
        }
        out.println(
            "Reading every loaded key back through Service " + InfinispanDemoGrid.GRID + " ...");
        Map<String, Integer> missing = grid.missingKeys(loaded);
        DemoReport report =
            mode.checked(
                    DemoReport.of(result, loaded, missing).with(measured),
                    sandbox,
                    client,
                    historySecrets(),
                    grid.tlsSecret() != null,
                    out)
                .with(
                    observability.readBack(
                        sandbox.client(), InfinispanDemoGrid.NAMESPACE, result.workflowId()));
        summarize(result, report);
        MeasurementPrinter.print(measured, out);
        DemoObservability.print(report.observability(), InfinispanDemoGrid.NAMESPACE, out);
        DemoOutputs.write(options, report, result, measured, "Infinispan " + upgradeLabel(), out);
        return report;
      } finally {
        client.getWorkflowServiceStubs().shutdownNow();
      }
    }
  }

  /**
   * The demo's grid: with {@code --secure} its endpoint speaks TLS only, with a certificate from a
   * CA made for this run (under {@code <workDir>/grid-tls}) for the grid's Service, the pinned
   * source Service and the target's Service, and the upgrade names the CA Secret as {@code
   * tlsSecret}; otherwise plain, as always.
   */
  private InfinispanDemoGrid demoGrid(SandboxConnection sandbox, DemoMode mode) throws IOException {
    InfinispanDemoGrid grid = new InfinispanDemoGrid(sandbox.client());
    if (!mode.secure()) {
      return grid;
    }
    String target =
        InfinispanUpgradeRequest.of(
                new ClusterRef(sandbox.defaultClusterName(), InfinispanDemoGrid.NAMESPACE),
                InfinispanDemoGrid.GRID,
                TARGET_VERSION)
            .withDefaults()
            .targetGrid();
    SandboxPki pki =
        SandboxPki.create(
            Files.createDirectories(options.workDir().resolve("grid-tls")), "dg-grid-ca");
    return grid.withTls(
        pki, InfinispanDemoGrid.GRID + InfinispanConventions.SOURCE_SERVICE_SUFFIX, target);
  }

  private Map<String, Integer> prepareSource(InfinispanDemoGrid grid) throws Exception {
    out.printf(
        "%nCreating grid '%s': %d pods of Infinispan %s%s ...%n",
        InfinispanDemoGrid.GRID,
        REPLICAS,
        SOURCE_VERSION,
        grid.tlsSecret() == null ? "" : " over TLS (CA in Secret " + grid.tlsSecret() + ")");
    grid.create(SOURCE_VERSION, REPLICAS);
    grid.awaitReady(
        REPLICAS,
        Duration.ofMinutes(10),
        ready -> out.printf("  %d/%d pods ready%n", ready, REPLICAS));
    grid.createCaches();
    out.printf(
        "Loading %d entries into caches %s ...%n",
        options.entries(), InfinispanDemoGrid.CACHES.keySet());
    int quarter = Math.max(options.entries() / 4, 1);
    int[] nextReport = {quarter};
    Map<String, Integer> loaded =
        grid.load(
            options.entries(),
            done -> {
              if (done >= nextReport[0]) {
                out.printf("  %d entries%n", done);
                nextReport[0] = (done / quarter + 1) * quarter;
              }
            });
    out.println("  loaded " + loaded);
    return loaded;
  }

  /**
   * @param pause the traffic probe's write pause, or null when the probe is off
   */
  private UpgradeStatus upgrade(
      UpgradeService service,
      DemoMode mode,
      SandboxConnection sandbox,
      String tlsSecret,
      ClientWritePause pause)
      throws Exception {
    // The same JSON a person would pass to `./gridshift upgrade start --file`.
    String json =
        """
        {"kind": "infinispan",
         "cluster": {"cluster": "%s", "namespace": "%s"},
         "grid": "%s",
         "targetVersion": "%s",
         "protostream": "PAUSE_WRITES",%s
         "requestedBy": "%s"}"""
            .formatted(
                sandbox.defaultClusterName(),
                InfinispanDemoGrid.NAMESPACE,
                InfinispanDemoGrid.GRID,
                TARGET_VERSION,
                tlsSecret == null ? "" : "\n \"tlsSecret\": \"" + tlsSecret + "\",",
                mode.requester());
    UpgradeFollower follower =
        new UpgradeFollower(
            service,
            mode.decider(service),
            options.approveAll(),
            mode.commands(sandbox),
            GATE_NOTES,
            out);
    if (pause != null) {
      follower.withClients(pause);
    }
    return follower.run(json, upgradeLabel());
  }

  /**
   * What must not be readable in the upgrade's raw histories when payloads are encrypted: the
   * caches, the versions, the requester and the request's own field names (the grid's name, two
   * letters, would turn up by chance in ciphertext).
   */
  private static List<String> historySecrets() {
    List<String> secrets = new ArrayList<>(InfinispanDemoGrid.CACHES.keySet());
    secrets.addAll(
        List.of(
            SOURCE_VERSION, TARGET_VERSION, SecureDemo.REQUESTER, "targetVersion", "requestedBy"));
    return secrets;
  }

  /** What a newcomer needs to know at each gate of this demo, beyond the gate's own text. */
  private static final Map<String, String> GATE_NOTES =
      Map.of(
          InfinispanGates.WRITES_PAUSED,
          "In this demo the only client is the traffic probe, writing to caches "
              + TRAFFIC_CACHES
              + ": it has paused its writes to the caches named above (its reads go on) and"
              + " resumes them once switch-traffic has completed; the pause is measured from"
              + " your approval.",
          InfinispanGates.SWITCH_TRAFFIC,
          "Approving points Service '"
              + InfinispanDemoGrid.GRID
              + "' at the new pods; the traffic probe goes on through it.",
          InfinispanGates.CUTOVER,
          "After cutover, writes live only on the new grid: nothing is rolled back"
              + " automatically any more.",
          InfinispanGates.DELETE_SOURCE,
          "Approving deletes the old " + SOURCE_VERSION + " pods (their volumes are kept).");

  private static String upgradeLabel() {
    return SOURCE_VERSION + " -> " + TARGET_VERSION;
  }

  private void summarize(UpgradeStatus result, DemoReport report) {
    out.println();
    StatusPrinter.print(result, out);
    out.printf(
        "%nKeys per cache: verify-target looked every source key up on the target; then the demo"
            + " read%nevery key it had loaded back through the client Service:%n");
    for (DemoReport.Cache c : report.caches()) {
      out.printf(
          "  %-10s source %7d  target %7d  missing %d  |  loaded %7d  missing or changed %d%n",
          c.name(),
          c.sourceEntries(),
          c.targetEntries(),
          c.missingKeys(),
          c.loadedKeys(),
          c.loadedKeysMissing());
    }
    for (DemoReport.Cache c : report.caches()) {
      if (c.writePauseMs() != null) {
        out.printf(
            "Write pause of cache '%s': %d ms (gate writes-paused approved -> switch-traffic"
                + " done)%s%n",
            c.name(),
            c.writePauseMs(),
            c.catchUp() == null
                ? ""
                : String.format(
                    "; its catch-up pass copied %d and deleted %d entries in %d ms",
                    c.catchUp().copied(), c.catchUp().deleted(), c.catchUp().millis()));
      }
    }
    out.printf(
        "%nResult: %s%n",
        report.success()
            ? "COMPLETED, no key missing"
            : "NOT successful (" + report.status() + ")");
  }
}
