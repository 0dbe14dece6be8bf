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
 * target afterwards. {@code --from}/{@code --to} choose the versions; {@code --grid-manifest}
 * replaces the demo's grid with the user's StatefulSet, Service and ConfigMap, loaded through the
 * caches its {@code infinispan.xml} declares.
 */
public final class InfinispanDemo {
  public static final String SOURCE_VERSION = InfinispanDemoVersions.DEFAULT_FROM;
  public static final String TARGET_VERSION = InfinispanDemoVersions.DEFAULT_TO;
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
  private final InfinispanDemoVersions versions;

  /** The user's grid ({@code --grid-manifest}), or null for the demo's own. */
  private final InfinispanGridManifest manifest;

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
    this.versions =
        options.versions() == null ? InfinispanDemoVersions.defaults() : options.versions();
    this.manifest =
        options.gridManifest() == null ? null : InfinispanGridManifest.read(options.gridManifest());
  }

  /** Runs the demo; returns the report (also written to {@code --report} when given). */
  public DemoReport run() throws Exception {
    if (options.sandbox() == null) {
      SandboxVersions.admit(versions, out);
    }
    String namespace = manifest == null ? InfinispanDemoGrid.NAMESPACE : manifest.namespace();
    String gridName = manifest == null ? InfinispanDemoGrid.GRID : manifest.name();
    try (DemoMode mode = DemoMode.of(options, sandboxOptions);
        SandboxConnection sandbox = mode.openSandbox(out);
        DemoObservability observability = new DemoObservability()) {
      String log = System.getProperty("gridshift.log");
      if (log != null) {
        out.println("  (full log: " + log + ")");
      }
      DemoSandbox.requireNoGrid(sandbox, namespace, gridName);
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
            namespace,
            gridName,
            out);
        mode.started(sandbox, out);
        InfinispanDemoGrid grid =
            manifest == null
                ? demoGrid(sandbox, mode)
                : InfinispanDemoGrid.forManifest(sandbox.client(), manifest);
        Map<String, Integer> loaded =
            manifest == null ? prepareSource(grid) : prepareManifestGrid(grid, sandbox);
        // The demo's own grid: the probe writes to sessions and to the protostream catalog (it
        // knows its schema); a user's grid: to its first unencoded cache only.
        List<String> trafficCaches =
            manifest == null
                ? TRAFFIC_CACHES
                : grid.unencodedCache().map(List::of).orElse(List.of());
        DemoOptions measuring = options;
        if (options.rate() > 0 && trafficCaches.isEmpty()) {
          out.printf(
              "%nNo cache of %s stores values unencoded: the traffic probe (which writes plain"
                  + " strings) is off.%n",
              gridName);
          measuring = options.withoutTraffic();
        }
        UpgradeStatus result;
        UpgradeMeasurement.Result measured;
        AtomicReference<CacheRouter> probeClient = new AtomicReference<>();
        try (UpgradeMeasurement measurement =
            UpgradeMeasurement.start(
                measuring,
                sandbox.client(),
                namespace,
                null,
                () -> probeClient.updateAndGet(none -> grid.routedOps(trafficCaches)),
                out)) {
          ClientWritePause pause =
              probeClient.get() == null ? null : new ClientWritePause(probeClient.get(), out);
          result = upgrade(new UpgradeService(client), mode, sandbox, grid, trafficCaches, pause);
          if (measuring.rate() > 0) {
            out.println("\nRe-reading every write the client saw acknowledged ...");
          }
          measured = measurement.finish(result);
        }
        out.println("Reading every loaded key back through Service " + grid.service() + " ...");
        Map<String, Integer> missing = grid.missingKeys(loaded);
        DemoReport report =
            mode.checked(
                    DemoReport.of(result, loaded, missing).with(measured),
                    sandbox,
                    client,
                    historySecrets(grid),
                    grid.tlsSecret() != null,
                    out)
                .with(observability.readBack(sandbox.client(), namespace, result.workflowId()));
        summarize(result, report);
        MeasurementPrinter.print(measured, out);
        DemoObservability.print(report.observability(), namespace, out);
        DemoOutputs.write(options, report, result, measured, "Infinispan " + versions.label(), out);
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
                versions.to())
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
        versions.from(),
        grid.tlsSecret() == null ? "" : " over TLS (CA in Secret " + grid.tlsSecret() + ")");
    grid.create(versions.from(), REPLICAS);
    grid.awaitReady(
        REPLICAS,
        Duration.ofMinutes(10),
        ready -> out.printf("  %d/%d pods ready%n", ready, REPLICAS));
    grid.createCaches();
    return load(grid);
  }

  /**
   * The user's grid: creates every object of the manifest, waits for its pods and loads the caches
   * its {@code infinispan.xml} declares.
   */
  private Map<String, Integer> prepareManifestGrid(
      InfinispanDemoGrid grid, SandboxConnection sandbox) throws Exception {
    out.printf("%nCreating the objects of %s ...%n", options.gridManifest());
    manifest.createIn(sandbox.client());
    int replicas = manifest.replicas();
    out.printf(
        "  the grid is %s %s in namespace %s: %d pods of Infinispan %s, Service %s%n",
        manifest.grid().getKind(),
        grid.name(),
        grid.namespace(),
        replicas,
        versions.from(),
        grid.service());
    grid.awaitReady(
        replicas,
        Duration.ofMinutes(10),
        ready -> out.printf("  %d/%d pods ready%n", ready, replicas));
    grid.registerSchemaIfNeeded();
    List<String> skipped = new ArrayList<>(manifest.caches().keySet());
    skipped.removeAll(grid.loadableCaches());
    if (!skipped.isEmpty()) {
      out.printf(
          "  not loading %s: their encoding is neither protostream, text/plain nor none%n",
          skipped);
    }
    return load(grid);
  }

  private Map<String, Integer> load(InfinispanDemoGrid grid) {
    out.printf("Loading %d entries into caches %s ...%n", options.entries(), grid.loadableCaches());
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
      InfinispanDemoGrid grid,
      List<String> trafficCaches,
      ClientWritePause pause)
      throws Exception {
    String tlsSecret = grid.tlsSecret();
    // The same JSON a person would pass to `./gridshift upgrade start --file`.
    String json =
        """
        {"kind": "infinispan",
         "cluster": {"cluster": "%s", "namespace": "%s"},
         "grid": "%s",
         "targetVersion": "%s",
         "protostream": "PAUSE_WRITES",%s%s
         "requestedBy": "%s"}"""
            .formatted(
                sandbox.defaultClusterName(),
                grid.namespace(),
                grid.name(),
                versions.to(),
                grid.service().equals(grid.name())
                    ? ""
                    : "\n \"service\": \"" + grid.service() + "\",",
                tlsSecret == null ? "" : "\n \"tlsSecret\": \"" + tlsSecret + "\",",
                mode.requester());
    UpgradeFollower follower =
        new UpgradeFollower(
            service,
            mode.decider(service),
            options.approveAll(),
            mode.commands(sandbox),
            gateNotes(trafficCaches, grid.service()),
            out);
    if (pause != null) {
      follower.withClients(pause);
    }
    return follower.run(json, versions.label());
  }

  /**
   * What must not be readable in the upgrade's raw histories when payloads are encrypted: the
   * caches, the versions, the requester and the request's own field names (the grid's name, two
   * letters, would turn up by chance in ciphertext).
   */
  private List<String> historySecrets(InfinispanDemoGrid grid) {
    List<String> secrets = new ArrayList<>(grid.loadableCaches());
    secrets.addAll(
        List.of(
            versions.from(), versions.to(), SecureDemo.REQUESTER, "targetVersion", "requestedBy"));
    return secrets;
  }

  /**
   * What a newcomer needs to know at each gate of this demo, beyond the gate's own text; {@code
   * trafficCaches} are the caches the traffic probe writes (empty: the probe is off).
   */
  private Map<String, String> gateNotes(List<String> trafficCaches, String service) {
    return Map.of(
        InfinispanGates.WRITES_PAUSED,
        trafficCaches.isEmpty()
            ? "In this demo nothing writes to the caches named above, so there is nothing to"
                + " pause; approving is enough."
            : "In this demo the only client is the traffic probe, writing to caches "
                + trafficCaches
                + ": it has paused its writes to those of the caches named above it writes (its"
                + " reads go on) and resumes them once switch-traffic has completed; the pause is"
                + " measured from your approval.",
        InfinispanGates.SWITCH_TRAFFIC,
        "Approving points Service '"
            + service
            + "' at the new pods; the traffic probe goes on"
            + " through it.",
        InfinispanGates.CUTOVER,
        "After cutover, writes live only on the new grid: nothing is rolled back"
            + " automatically any more.",
        InfinispanGates.DELETE_SOURCE,
        "Approving deletes the old " + versions.from() + " pods (their volumes are kept).");
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
