package io.gridshift.demo;

import io.gridshift.demo.secure.SecureDemo;
import io.gridshift.demo.traffic.CacheRouter;
import io.gridshift.sandbox.SandboxConnection;
import io.gridshift.sandbox.SandboxOptions;
import io.gridshift.starter.UpgradeService;
import io.gridshift.starter.cli.StatusPrinter;
import io.gridshift.worker.GridshiftWorker;
import io.gridshift.worker.WorkerConfig;
import io.gridshift.workflows.common.UpgradeStatus;
import io.gridshift.workflows.hazelcast.HazelcastGates;
import io.gridshift.workflows.hazelcast.bluegreen.BlueGreenGates;
import io.temporal.client.WorkflowClient;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code ./gridshift demo hazelcast}: in the sandbox, a 3-member Hazelcast 5.3.6 StatefulSet set up
 * as the rolling-upgrade runbook recommends (or the user's own manifest), 100,000 entries in maps
 * with backup-count 1, rolled to 5.3.8 pod by pod through the real worker and workflow; every key
 * is read back afterwards.
 */
public final class HazelcastDemo {
  public static final String SOURCE_VERSION = HazelcastDemoVersions.DEFAULT_FROM;
  public static final String TARGET_VERSION = HazelcastDemoVersions.DEFAULT_TO;

  /** The map the traffic probe reads and writes: an application's session map. */
  static final String TRAFFIC_MAP = "sessions";

  /** What a newcomer needs to know at each gate of this demo, beyond the gate's own text. */
  private Map<String, String> gateNotes() {
    return Map.of(
        HazelcastGates.CANARY,
        "One member (the highest ordinal) now runs "
            + versions.to()
            + " in the cluster; approving rolls the others the same way, one at a time.",
        HazelcastGates.FIX_SETTINGS,
        "Approving rolls every member once to apply the fixed settings, before the upgrade.",
        BlueGreenGates.SWITCH_TRAFFIC,
        "A new "
            + versions.to()
            + " cluster runs beside the old one with every map copied and followed by its"
            + " journal; approving asks clients to pause their writes next.",
        BlueGreenGates.WRITES_PAUSED,
        "The traffic probe has paused its writes (reads go on); approving drains the journals,"
            + " compares every key and switches the Service, then writes resume.",
        BlueGreenGates.DELETE_SOURCE,
        "Clients now reach the new cluster; approving deletes the old StatefulSet.");
  }

  private final DemoOptions options;
  private final HazelcastDemoVersions versions;
  private final SandboxOptions sandboxOptions;
  private final PrintStream out;

  public HazelcastDemo(DemoOptions options, PrintStream out) {
    this(options, SandboxOptions.defaults(options.workDir()), out);
  }

  /**
   * A demo whose own sandbox (with {@code --secure}) starts from {@code sandboxOptions}, e.g. a
   * test's ephemeral ports.
   */
  public HazelcastDemo(DemoOptions options, SandboxOptions sandboxOptions, PrintStream out) {
    this.options = options;
    this.versions =
        options.hazelcastVersions() == null
            ? HazelcastDemoVersions.defaults()
            : options.hazelcastVersions();
    this.sandboxOptions = sandboxOptions;
    this.out = out;
  }

  /** Runs the demo; returns the report (also written to {@code --report} when given). */
  public DemoReport run() throws Exception {
    try (DemoMode mode = DemoMode.of(options, sandboxOptions);
        SandboxConnection sandbox = mode.openSandbox(out);
        DemoObservability observability = new DemoObservability()) {
      if (options.gridManifest() == null) {
        DemoSandbox.requireNoGrid(sandbox, HazelcastDemoGrid.NAMESPACE, HazelcastDemoGrid.GRID);
      }
      WorkflowClient client = mode.client(sandbox, observability.scope());
      WorkerConfig config = mode.workerConfig(sandbox);
      try (GridshiftWorker worker = new GridshiftWorker(client, config)) {
        worker.start();
        HazelcastDemoGrid grid =
            mode.secure()
                ? new HazelcastDemoGrid(sandbox.client()).withMeshTls()
                : new HazelcastDemoGrid(sandbox.client());
        observability.serve(
            client.getWorkflowServiceStubs(),
            mode.access(sandbox),
            worker,
            sandbox,
            grid.namespace(),
            grid.name(),
            out);
        mode.started(sandbox, out);
        Map<String, Integer> loaded = prepare(grid);
        // Read now: a blue-green upgrade deletes the source StatefulSet this is read from.
        boolean overTls = grid.overTls();
        UpgradeStatus result;
        UpgradeMeasurement.Result measured;
        DemoOptions measuring = loaded.isEmpty() ? options.withoutTraffic() : options;
        if (measuring.rate() > 0 && grid.clientService().isEmpty()) {
          out.printf(
              "%nNo Service selects the pods of %s: the traffic probe is off (add a Service to"
                  + " measure what clients see).%n",
              grid.name());
          measuring = options.withoutTraffic();
        }
        UpgradeService service = new UpgradeService(client);
        AtomicReference<CacheRouter> probeClient = new AtomicReference<>();
        try (UpgradeMeasurement measurement =
            UpgradeMeasurement.start(
                measuring,
                sandbox.client(),
                grid.namespace(),
                grid::settled,
                () ->
                    probeClient.updateAndGet(
                        none -> new CacheRouter(Map.of(TRAFFIC_MAP, grid.trafficOps(TRAFFIC_MAP)))),
                out)) {
          UpgradeFollower follower =
              new UpgradeFollower(
                  service,
                  mode.decider(service),
                  options.approveAll(),
                  mode.commands(sandbox),
                  gateNotes(),
                  out);
          if (probeClient.get() != null) {
            // Blue-green: the probe pauses its writes at gate writes-paused, as clients must.
            follower.withClients(
                ClientWritePause.hazelcastBlueGreen(probeClient.get(), List.of(TRAFFIC_MAP), out));
          }
          result =
              follower.run(
                  request(grid, sandbox.defaultClusterName(), mode.requester()),
                  grid.name() + " -> " + versions.to());
          if (measuring.rate() > 0) {
            out.println("\nRe-reading every write the client saw acknowledged ...");
          }
          measured = measurement.finish(result);
        }
        Map<String, Integer> lost = Map.of();
        if (!loaded.isEmpty()) {
          out.println("Reading every loaded key back from the members ...");
          lost = grid.lostKeys(loaded);
        }
        List<String> secrets = new ArrayList<>(loaded.keySet());
        secrets.addAll(
            List.of(versions.from(), versions.to(), SecureDemo.REQUESTER, "targetVersion"));
        DemoReport report =
            mode.checked(
                    DemoReport.ofHazelcast(result, loaded, lost).with(measured),
                    sandbox,
                    client,
                    secrets,
                    overTls,
                    out)
                .with(
                    observability.readBack(
                        sandbox.client(), grid.namespace(), result.workflowId()));
        summarize(result, report);
        MeasurementPrinter.print(measured, out);
        DemoObservability.print(report.observability(), grid.namespace(), out);
        DemoOutputs.write(options, report, result, measured, "Hazelcast " + versions.label(), out);
        return report;
      } finally {
        client.getWorkflowServiceStubs().shutdownNow();
      }
    }
  }

  private Map<String, Integer> prepare(HazelcastDemoGrid grid) throws Exception {
    if (options.gridManifest() != null) {
      out.printf("%nCreating the objects of %s ...%n", options.gridManifest());
      grid.apply(options.gridManifest());
      out.printf(
          "  the grid is %s %s in namespace %s%n",
          grid.kind().name().toLowerCase(java.util.Locale.ROOT), grid.name(), grid.namespace());
    } else {
      out.printf(
          "%nCreating Hazelcast '%s': 3 members of %s (GRACEFUL shutdown, max wait 600 s, grace 600 s) ...%n",
          HazelcastDemoGrid.GRID, versions.from());
      grid.create(versions.from(), 3);
    }
    int replicas = grid.replicas();
    try {
      grid.awaitReady(
          replicas,
          Duration.ofMinutes(5),
          ready -> out.printf("  %d/%d members ready%n", ready, replicas));
    } catch (IllegalStateException e) {
      // A manifest whose members never come up is still shown to the preflight, which says why.
      out.println("  " + e.getMessage());
      return Map.of();
    }
    out.printf("Loading %d entries into maps %s ...%n", options.entries(), HazelcastDemoGrid.MAPS);
    Map<String, Integer> loaded = grid.load(options.entries(), done -> {});
    out.println("  loaded " + loaded);
    return loaded;
  }

  private String request(HazelcastDemoGrid grid, String cluster, String requester) {
    // The same JSON a person would pass to `./gridshift upgrade start --file`.
    return """
        {"kind": "hazelcast",
         "cluster": {"cluster": "%s", "namespace": "%s"},
         "grid": "%s",
         "workloadKind": "%s",
         "targetVersion": "%s",
         "canary": true,
         "requestedBy": "%s"}"""
        .formatted(cluster, grid.namespace(), grid.name(), grid.kind(), versions.to(), requester);
  }

  private void summarize(UpgradeStatus result, DemoReport report) {
    out.println();
    StatusPrinter.print(result, out);
    out.printf("%nMembers after the upgrade:%n");
    for (DemoReport.Member m : report.members()) {
      out.printf("  %-10s %s%n", m.pod(), m.version());
    }
    out.printf("%nEntries read back, key by key:%n");
    for (DemoReport.MapEntries m : report.maps()) {
      out.printf(
          "  %-10s before %7d  after %7d  lost %d%s%n",
          m.name(),
          m.entriesBefore(),
          m.entriesAfter(),
          m.entriesBefore() - m.entriesAfter(),
          m.writePauseMs() == null ? "" : "  write pause " + m.writePauseMs() + " ms");
    }
    out.printf(
        "%nResult: %s%n",
        report.success() ? "COMPLETED, nothing lost" : "NOT successful (" + report.status() + ")");
  }
}
