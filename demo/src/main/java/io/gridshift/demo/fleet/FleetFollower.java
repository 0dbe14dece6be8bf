package io.gridshift.demo.fleet;

import io.gridshift.demo.DemoCommands;
import io.gridshift.starter.FleetService;
import io.gridshift.workflows.common.GateDecision;
import io.gridshift.workflows.common.OpenGate;
import io.gridshift.workflows.fleet.FleetStatus;
import io.gridshift.workflows.fleet.FleetStatus.GridStatus;
import io.gridshift.workflows.fleet.FleetStatus.StageStatus;
import io.gridshift.workflows.fleet.FleetUpgradeWorkflow;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Follows a fleet run to its end through the fleet's {@code status} query, printing what changed
 * for a newcomer: the phase, each stage, each grid (with its reason when refused or waiting for its
 * window). At a gate it prints what waits behind it, then, with {@code --yes}, approves it as user
 * {@code demo} through {@link FleetService} (what {@code ./gridshift fleet approve} calls);
 * without, it prints the commands that decide it and waits for someone to run one.
 *
 * <p>Gate {@value FleetUpgradeWorkflow#HALTED_GATE} (failures over a stage's budget) is the one
 * {@code --yes} does not approve: approving would skip the failed grids and go on, so it rejects it
 * instead and the fleet ends aborted, its failures shown, as a person reading them would want.
 */
final class FleetFollower {
  private static final Set<FleetStatus.FleetPhase> ENDED =
      Set.of(
          FleetStatus.FleetPhase.COMPLETED,
          FleetStatus.FleetPhase.FAILED,
          FleetStatus.FleetPhase.ABORTED,
          FleetStatus.FleetPhase.PLANNED);

  private static final String WAITING_WINDOW = "WAITING_WINDOW";

  private final FleetService fleets;
  private final boolean approveAll;
  private final DemoCommands commands;
  private final PrintStream out;
  private final Map<String, String> stages = new HashMap<>();
  private final Map<String, String> grids = new HashMap<>();
  private final Set<String> announcedGates = new HashSet<>();
  private FleetStatus.FleetPhase phase;
  private List<String> waitingForWindow = List.of();

  FleetFollower(FleetService fleets, boolean approveAll, DemoCommands commands, PrintStream out) {
    this.fleets = fleets;
    this.approveAll = approveAll;
    this.commands = commands;
    this.out = out;
  }

  /** Follows {@code fleetId} until it ends (or {@code limit} passes); returns its last status. */
  FleetStatus follow(String fleetId, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      FleetStatus status = fleets.status(fleetId);
      print(status);
      if (ENDED.contains(status.phase())) {
        return status;
      }
      if (System.nanoTime() > deadline) {
        out.printf("%nThe fleet still runs after %s; the demo stops following it.%n", limit);
        return status;
      }
      OpenGate gate = status.openGate();
      if (gate != null && announcedGates.add(gate.name() + gate.openedAt())) {
        decide(status, gate);
      }
      Thread.sleep(500);
    }
  }

  /** Prints what changed since the last status. */
  void print(FleetStatus status) {
    if (status.phase() != phase) {
      phase = status.phase();
      out.printf("%nFleet %s: %s%s%n", status.fleetId(), phase, message(status.message()));
    }
    for (StageStatus s : status.stages()) {
      if (!s.state().equals(stages.put(s.name(), s.state())) && !s.state().equals("PENDING")) {
        out.printf("  stage %-8s %-17s %s%n", s.name(), s.state(), String.join(", ", s.grids()));
      }
    }
    for (GridStatus g : status.grids()) {
      if (!g.state().equals(grids.put(g.path(), g.state()))) {
        out.printf("    %-26s %-15s %s%n", g.path(), g.state(), gridDetail(g));
      }
    }
    // Once per change of who waits, and only for a window still to open: once it is open, the
    // status's nextWindow moves with the clock while a grid waits for its cluster's slot.
    List<String> waiting =
        status.grids().stream()
            .filter(g -> g.state().equals(WAITING_WINDOW))
            .map(GridStatus::path)
            .toList();
    if (!waiting.isEmpty()
        && !waiting.equals(waitingForWindow)
        && status.nextWindow() != null
        && Instant.parse(status.nextWindow()).isAfter(Instant.now())) {
      out.printf(
          "    (%s wait for their cluster's maintenance window, which opens at %s)%n",
          String.join(", ", waiting), status.nextWindow());
    }
    waitingForWindow = waiting;
  }

  private static String gridDetail(GridStatus g) {
    String took = g.durationMs() == null ? "" : String.format("in %.0f s", g.durationMs() / 1000.0);
    String version = g.from() == null ? "" : g.kind() + " " + g.from() + " -> " + g.to();
    String why = g.message() == null ? "" : ": " + g.message();
    return switch (g.state()) {
      case "RUNNING" -> version + " (workflow " + g.workflowId() + ")";
      case "SUCCEEDED" -> "now " + g.to() + " " + took;
      default -> version + why;
    };
  }

  private static String message(String message) {
    return message == null ? "" : " (" + message + ")";
  }

  void decide(FleetStatus status, OpenGate gate) {
    out.printf("%n  Gate '%s' is open until %s. Behind it:%n", gate.name(), gate.deadline());
    status.stages().stream()
        .filter(s -> s.name().equals(gate.name()))
        .findFirst()
        .ifPresent(s -> out.printf("    stage %s: %s%n", s.name(), String.join(", ", s.grids())));
    out.printf("  So far:%n");
    for (GridStatus g : status.grids()) {
      if (List.of("SUCCEEDED", "FAILED", "REFUSED").contains(g.state())) {
        out.printf("    %-26s %s%n", g.path(), g.state());
      }
    }
    if (status.budget() != null) {
      out.printf(
          "  Failure budget of stage %s: %d of %d used.%n",
          status.budget().stage(), status.budget().failed(), status.budget().maxFailures());
    }
    if (approveAll && gate.name().equals(FleetUpgradeWorkflow.HALTED_GATE)) {
      out.printf(
          "  --yes does not skip failed grids: rejecting, the fleet stops here, as with:%n    %s%n",
          commands.fleetDecide("reject", status.fleetId(), gate.name()));
      fleets.reject(
          status.fleetId(),
          new GateDecision(
              gate.name(), "demo", "over the failure budget: ./gridshift demo fleet --yes stops"));
    } else if (approveAll) {
      out.printf(
          "  --yes: approving as 'demo', as a person would with:%n    %s%n",
          commands.fleetDecide("approve", status.fleetId(), gate.name()));
      fleets.approve(
          status.fleetId(),
          new GateDecision(gate.name(), "demo", "canary upgraded with every key read back: go on"));
    } else {
      out.printf(
          "  In another terminal, approve it (add --comment \"...\" to say why):%n    %s%n"
              + "  or reject it (the fleet stops):%n    %s%n%n",
          commands.fleetDecide("approve", status.fleetId(), gate.name()),
          commands.fleetDecide("reject", status.fleetId(), gate.name()));
    }
  }
}
