package io.gridshift.demo.fleet;

import io.gridshift.demo.AgentProcess;
import io.gridshift.demo.AgentProcesses;
import io.gridshift.demo.DemoCommands;
import io.gridshift.demo.SandboxTemporal;
import io.gridshift.sandbox.Sandbox;
import io.gridshift.sandbox.SandboxCluster;
import io.gridshift.sandbox.SandboxOptions;
import io.gridshift.starter.FleetService;
import io.gridshift.starter.schedule.FleetSchedules;
import io.gridshift.worker.GridshiftWorker;
import io.gridshift.worker.WorkerConfig;
import io.gridshift.workflows.client.TemporalAccess;
import io.gridshift.workflows.fleet.FleetSpec;
import io.gridshift.workflows.fleet.FleetStatus;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code ./gridshift demo fleet}: a fleet upgrade of seven real grids in three sandbox clusters,
 * each cluster served by its own agent process and the fleet's workflows by a worker in this JVM.
 *
 * <ol>
 *   <li>Start the sandbox (Temporal with its Schedule API, clusters {@code eu-1}, {@code us-1},
 *       {@code ap-1}), the central worker (workflows only) and one agent process per cluster.
 *   <li>Create the grids of {@link FleetLayout}, load each, start the traffic probes.
 *   <li>Write the fleet spec ({@link FleetDemoSpec}) and create a Temporal Schedule that runs it a
 *       few seconds later ({@link FleetDemoSchedule}); follow the run it starts ({@link
 *       FleetFollower}), deciding the stage gate.
 *   <li>Stop the probes and read every acknowledged write and every loaded key back ({@link
 *       FleetDemoChecks}); write the report and the timeline.
 * </ol>
 */
public final class FleetDemo {
  /**
   * How long the demo follows the fleet: the gate's 30 minutes for a person to decide, and the
   * run's own 5 to 10.
   */
  static final Duration FLEET_LIMIT = Duration.ofMinutes(45);

  private final FleetDemoOptions options;
  private final SandboxOptions sandboxOptions;
  private final PrintStream out;

  /** The demo on the sandbox's usual ports (Temporal 7233, Kubernetes APIs from 7443). */
  public FleetDemo(FleetDemoOptions options, PrintStream out) {
    this(options, clusters(SandboxOptions.defaults(options.workDir())), out);
  }

  /** The demo on {@code sandbox}'s ports (a test's ephemeral ones); its clusters are the demo's. */
  public FleetDemo(FleetDemoOptions options, SandboxOptions sandbox, PrintStream out) {
    this.options = options;
    this.sandboxOptions = clusters(sandbox);
    this.out = out;
  }

  private static SandboxOptions clusters(SandboxOptions o) {
    List<String> names =
        FleetLayout.clusters().stream().map(FleetLayout.DemoCluster::name).toList();
    return new SandboxOptions(o.dir(), o.temporalPort(), o.kubePort(), names);
  }

  /** Runs the demo; returns the report (also written to {@code --report} when given). */
  public FleetReport run() throws Exception {
    long started = System.nanoTime();
    out.println(
        "Starting the sandbox: Temporal (with the Schedule API), three Kubernetes clusters, each"
            + " with its own API, controllers and kubelet running real grid servers ...");
    try (Sandbox sandbox = Sandbox.start(sandboxOptions)) {
      for (SandboxCluster c : sandbox.clusters()) {
        out.printf(
            "  cluster %-5s API %s (kubeconfig context %s)%n", c.name(), c.apiUrl(), c.context());
      }
      WorkflowClient client = SandboxTemporal.client(sandbox);
      try (GridshiftWorker central = centralWorker(client, sandbox);
          AgentProcesses agents =
              new AgentProcesses(sandbox.temporalTarget(), options.workDir().resolve("agents"))) {
        central.start();
        startAgents(agents, sandbox);
        FleetDemoChecks checks = new FleetDemoChecks(sandbox, options, out);
        checks.createAndLoad();
        checks.startProbes();
        Instant windowOpens = FleetDemoSpec.windowOpening(Instant.now());
        FleetSpec spec = FleetDemoSpec.build(DemoCommands.forCurrentUser(null).user(), windowOpens);
        Path specFile = writeSpec(spec);
        FleetDemoSchedule schedule =
            new FleetDemoSchedule(
                FleetSchedules.connect(
                    client.getWorkflowServiceStubs(), TemporalAccess.plain(null), "demo"),
                out);
        String fleetId = schedule.createAndAwaitRun(spec, specFile);
        DemoCommands commands = DemoCommands.forCurrentUser(sandbox.temporalTarget());
        out.printf("  (from another terminal: %s)%n", commands.fleetStatus(fleetId));
        FleetStatus end =
            new FleetFollower(new FleetService(client), options.approveAll(), commands, out)
                .follow(fleetId, FLEET_LIMIT);
        schedule.pauseAfterTheRun();
        Map<String, GridCheck> verified = checks.verify();
        FleetReport report =
            FleetReport.of(end, spec, verified, schedule.id(), (System.nanoTime() - started) / 1e9);
        FleetSummary.print(report, out);
        FleetOutputs.write(
            options, report, end, schedule.firedAt(), windowOpens, checks.samples(), out);
        return report;
      } finally {
        client.getWorkflowServiceStubs().shutdownNow();
      }
    }
  }

  /** The central worker: workflows only; no cluster's credentials in this process. */
  private static GridshiftWorker centralWorker(WorkflowClient client, Sandbox sandbox)
      throws IOException {
    return new GridshiftWorker(
        client, new WorkerConfig(TemporalAccess.plain(sandbox.temporalTarget()), true, List.of()));
  }

  private void startAgents(AgentProcesses agents, Sandbox sandbox)
      throws IOException, InterruptedException {
    out.println("\nStarting one agent per cluster, each its own process (as inside each cluster):");
    for (AgentProcess agent : agents.start(sandbox.clusters())) {
      out.printf(
          "  %-5s agent pid %d polls gridshift-cluster-%s (log %s)%n",
          agent.cluster(), agent.pid(), agent.cluster(), agent.log());
    }
    out.println("  this process hosts the workflows only: it holds no cluster's credentials");
  }

  private Path writeSpec(FleetSpec spec) throws IOException {
    Path file = options.workDir().resolve("fleet-shop.yaml");
    Files.createDirectories(file.getParent());
    String yaml = FleetDemoSpec.yaml(spec);
    Files.writeString(file, yaml);
    out.printf(
        "%nThe fleet spec (%s; ./gridshift fleet start --file %s would run it by hand):%n%s",
        file, file, yaml.indent(2));
    return file;
  }
}
