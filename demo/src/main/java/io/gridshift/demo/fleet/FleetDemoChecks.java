package io.gridshift.demo.fleet;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.demo.timeline.Sample;
import io.gridshift.demo.traffic.GridOps;
import io.gridshift.demo.traffic.TrafficOptions;
import io.gridshift.demo.traffic.TrafficProbe;
import io.gridshift.demo.traffic.TrafficRecord;
import io.gridshift.sandbox.Sandbox;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's own view of the grids, as a client's: it creates and loads them before the fleet, runs
 * the traffic probes through their Services during it, and afterwards reads back every write a
 * probe saw acknowledged and every key it loaded.
 */
final class FleetDemoChecks {
  private static final Duration READY_LIMIT = Duration.ofMinutes(10);

  private final Sandbox sandbox;
  private final FleetDemoOptions options;
  private final PrintStream out;
  private final Map<String, FleetDemoGrid> grids = new LinkedHashMap<>();
  private final Map<String, Map<String, Integer>> loaded = new LinkedHashMap<>();
  private final Map<String, TrafficProbe> probes = new LinkedHashMap<>();
  private final Map<String, GridOps> probeClients = new LinkedHashMap<>();
  private final Map<String, TrafficRecord> records = new LinkedHashMap<>();

  FleetDemoChecks(Sandbox sandbox, FleetDemoOptions options, PrintStream out) {
    this.sandbox = sandbox;
    this.options = options;
    this.out = out;
  }

  /** Creates every grid (all at once: the clusters start their pods side by side), then loads. */
  void createAndLoad() throws Exception {
    out.printf(
        "%nCreating %d grids in %d clusters:%n",
        FleetLayout.grids().size(), FleetLayout.clusters().size());
    for (DemoGridPlan plan : FleetLayout.grids()) {
      KubernetesClient kube = sandbox.cluster(plan.cluster()).client();
      ensureNamespace(kube, plan.namespace());
      FleetDemoGrid grid = FleetDemoGrid.of(plan, kube);
      String version = FleetLayout.sourceVersion(plan.kind());
      grid.create(version);
      grids.put(plan.path(), grid);
      out.printf(
          "  %-26s %-10s %s, %d %s%s%s%n",
          plan.path(),
          plan.kind(),
          version,
          plan.replicas(),
          plan.kind().equals(FleetLayout.HAZELCAST) ? "members" : "pods",
          plan.canary() ? ", the canary" : "",
          plan.unsafe()
              ? ", shutdown hook " + HazelcastFleetGrid.UNSAFE_SHUTDOWN_HOOK + " (unsafe)"
              : "");
    }
    out.println("Waiting for every pod to be ready ...");
    for (FleetDemoGrid grid : grids.values()) {
      grid.awaitReady(READY_LIMIT);
      out.printf("  %-26s ready%n", grid.plan().path());
    }
    out.printf("Loading %d entries into each grid ...%n", options.entries());
    for (FleetDemoGrid grid : grids.values()) {
      loaded.put(grid.plan().path(), grid.load(options.entries()));
    }
  }

  private static void ensureNamespace(KubernetesClient kube, String namespace) {
    if (kube.namespaces().withName(namespace).get() == null) {
      kube.namespaces()
          .resource(
              new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
          .create();
    }
  }

  /** Starts a probe on every grid the layout marks as probed (none with {@code --rate 0}). */
  void startProbes() {
    if (options.rate() == 0) {
      out.println("Traffic probes off (--rate 0).");
      return;
    }
    for (FleetDemoGrid grid : grids.values()) {
      if (grid.plan().probed()) {
        GridOps ops = grid.trafficOps();
        probeClients.put(grid.plan().path(), ops);
        probes.put(
            grid.plan().path(),
            TrafficProbe.start(ops, TrafficOptions.defaults().withRate(options.rate())));
        out.printf(
            "Traffic probe on %s: %d ops/s through its Service, every acknowledged write checked"
                + " at the end%n",
            grid.plan().path(), options.rate());
      }
    }
  }

  /** Stops the probes, reads everything back, and returns what it found per grid path. */
  Map<String, GridCheck> verify() throws InterruptedException {
    out.println("\nReading back every acknowledged probe write and every loaded key ...");
    for (var probe : probes.entrySet()) {
      records.put(probe.getKey(), probe.getValue().stopAndVerify());
      closeQuietly(probeClients.get(probe.getKey()));
    }
    Map<String, GridCheck> checks = new LinkedHashMap<>();
    for (FleetDemoGrid grid : grids.values()) {
      checks.put(grid.plan().path(), check(grid));
    }
    return checks;
  }

  private GridCheck check(FleetDemoGrid grid) {
    String path = grid.plan().path();
    Map<String, Integer> keys = loaded.getOrDefault(path, Map.of());
    int total = keys.values().stream().mapToInt(Integer::intValue).sum();
    TrafficRecord traffic = records.get(path);
    Long lost = traffic == null ? null : traffic.lostWrites() + traffic.unreadableKeys();
    Long errors = traffic == null ? null : traffic.errors();
    try {
      return new GridCheck(path, total, grid.missingKeys(keys), lost, errors, null);
    } catch (RuntimeException e) {
      return new GridCheck(
          path, total, null, lost, errors, "its keys could not be read back: " + e.getMessage());
    }
  }

  /** Every probe's operations, for the timeline. */
  List<Sample> samples() {
    List<Sample> samples = new ArrayList<>();
    for (TrafficRecord r : records.values()) {
      r.samples().forEach(s -> samples.add(new Sample(s.at(), s.latencyMs(), s.ok())));
    }
    samples.sort(java.util.Comparator.comparing(Sample::at));
    return samples;
  }

  /** The probes' records by grid path (what the summary prints). */
  Map<String, TrafficRecord> traffic() {
    return records;
  }

  private static void closeQuietly(GridOps ops) {
    try {
      ops.close();
    } catch (Exception e) {
      // the client is done either way; its grid's verdict is in the record
    }
  }
}
