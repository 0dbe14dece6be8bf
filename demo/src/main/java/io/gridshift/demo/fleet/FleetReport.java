package io.gridshift.demo.fleet;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.fleet.FleetSpec;
import io.gridshift.workflows.fleet.FleetStatus;
import io.gridshift.workflows.fleet.FleetStatus.GridStatus;
import io.gridshift.workflows.fleet.plan.FailureBudgets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The fleet demo's {@code --report} JSON: the fleet's end as its {@code status} query told it, and
 * every grid's keys and writes as the demo read them back afterwards.
 *
 * @param fleet the fleet run and the schedule that started it
 * @param clusters every cluster and the agent that served it
 * @param stages every stage in order, with its grids, times and gate decisions
 * @param grids every grid, refused ones included
 * @param budget the failure budget of the stage the refused grid counted against
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FleetReport(
    Fleet fleet, List<Cluster> clusters, List<Stage> stages, List<Grid> grids, Budget budget) {

  /** Grid states of a grid the preflight refused. */
  public static final String REFUSED = "REFUSED";

  /**
   * The run.
   *
   * @param id the fleet workflow's id
   * @param status its final phase (COMPLETED, HALTED, FAILED, ABORTED...)
   * @param schedule the id of the Temporal Schedule that started it
   * @param message its last message
   * @param wallSeconds the demo's whole run, sandbox start to report
   */
  public record Fleet(
      String id, String status, String schedule, String message, Double wallSeconds) {}

  /** One cluster and the agent (process identity) that served it. */
  public record Cluster(String name, String agent) {}

  /** One stage. */
  public record Stage(
      String name,
      List<String> grids,
      String startedAt,
      String endedAt,
      List<Approval> approvals) {}

  /** One gate decision. */
  public record Approval(String gate, String action, String by, String at, String comment) {}

  /**
   * One grid.
   *
   * @param status the fleet's word: SUCCEEDED, FAILED, REFUSED, SKIPPED, UNREACHABLE...
   * @param message why it failed or was refused, or null
   * @param missingKeys loaded keys absent or changed afterwards (null: could not be read)
   * @param lostWrites acknowledged probe writes missing afterwards (null: no probe on this grid)
   * @param clientErrors probe operations that failed during the run: downtime as a client saw it,
   *     reported, not judged (null: no probe on this grid)
   */
  public record Grid(
      String cluster,
      String namespace,
      String name,
      String kind,
      String stage,
      String from,
      String to,
      String status,
      Long durationMs,
      Long missingKeys,
      Long lostWrites,
      Long clientErrors,
      String agent,
      String message) {}

  /**
   * A stage's failure budget and what it spent.
   *
   * @param stage the stage (the last one the fleet ran)
   * @param maxFailures failures it tolerates
   * @param failed failures it counted
   * @param refused grids the fleet's plan refused (their preflight, for example)
   */
  public record Budget(String stage, int maxFailures, int failed, int refused) {}

  /**
   * Builds the report from the fleet's final status and its spec, the demo's checks per grid path,
   * the schedule id and the demo's wall time.
   */
  public static FleetReport of(
      FleetStatus status,
      FleetSpec spec,
      Map<String, GridCheck> checks,
      String scheduleId,
      double wallSeconds) {
    Map<String, String> agents =
        status.agents() == null
            ? Map.of()
            : status.agents().stream()
                .filter(a -> a.identity() != null)
                .collect(
                    Collectors.toMap(
                        FleetStatus.AgentStatus::cluster,
                        FleetStatus.AgentStatus::identity,
                        (a, b) -> b));
    List<Cluster> clusters =
        status.agents() == null
            ? List.of()
            : status.agents().stream().map(a -> new Cluster(a.cluster(), a.identity())).toList();
    List<Grid> grids =
        status.grids().stream()
            .map(g -> grid(g, checks.get(g.path()), agents.get(g.cluster())))
            .toList();
    return new FleetReport(
        new Fleet(
            status.fleetId(),
            status.phase().name(),
            scheduleId,
            status.message(),
            Math.round(wallSeconds * 10) / 10.0),
        clusters,
        status.stages().stream().map(FleetReport::stage).toList(),
        grids,
        budget(status, spec));
  }

  private static Grid grid(GridStatus g, GridCheck check, String clusterAgent) {
    return new Grid(
        g.cluster(),
        g.namespace(),
        g.name(),
        g.kind(),
        g.stage(),
        g.from(),
        g.to(),
        g.state(),
        g.durationMs(),
        check == null ? null : check.missingKeys(),
        check == null ? null : check.lostWrites(),
        check == null ? null : check.probeErrors(),
        g.agent() != null ? g.agent() : clusterAgent,
        g.message() != null ? g.message() : check == null ? null : check.message());
  }

  private static Stage stage(FleetStatus.StageStatus s) {
    List<AuditEntry> audit = s.approvals() == null ? List.of() : s.approvals();
    return new Stage(
        s.name(),
        s.grids(),
        s.startedAt(),
        s.endedAt(),
        audit.stream()
            .filter(
                a ->
                    a.action() == AuditEntry.Action.APPROVED
                        || a.action() == AuditEntry.Action.REJECTED
                        || a.action() == AuditEntry.Action.EXPIRED)
            .map(a -> new Approval(a.gate(), a.action().name(), a.by(), a.at(), a.comment()))
            .toList());
  }

  /**
   * The failure budget as the fleet workflow keeps it: the stage it reports while running, or, once
   * it ended (then it reports none), the stage of the grid the plan refused (a refusal counts
   * against its stage's budget), else the last stage that ran; {@code maxFailures} by the
   * workflow's rule ({@link FailureBudgets}), and the grids of that stage that failed or were
   * refused. Beside it, how many grids the plan refused in all.
   */
  static Budget budget(FleetStatus status, FleetSpec spec) {
    int refused = (int) status.grids().stream().filter(g -> g.state().equals(REFUSED)).count();
    FleetStatus.Budget b = status.budget();
    if (b != null) {
      return new Budget(b.stage(), b.maxFailures(), b.failed(), refused);
    }
    String name =
        status.grids().stream()
            .filter(g -> g.state().equals(REFUSED) && g.stage() != null)
            .map(FleetStatus.GridStatus::stage)
            .findFirst()
            .orElse(null);
    FleetStatus.StageStatus stage = null;
    for (FleetStatus.StageStatus s : status.stages()) {
      if (name == null ? s.startedAt() != null : s.name().equals(name)) {
        stage = s;
      }
    }
    if (stage == null) {
      return new Budget(null, 0, 0, refused);
    }
    String stageName = stage.name();
    String maxFailures =
        spec.stages().stream()
            .filter(s -> s.name().equals(stageName))
            .map(FleetSpec.StageSpec::maxFailures)
            .findFirst()
            .orElse(null);
    int failed =
        (int)
            status.grids().stream()
                .filter(
                    g ->
                        stageName.equals(g.stage())
                            && (g.state().equals("FAILED") || g.state().equals(REFUSED)))
                .count();
    return new Budget(
        stageName,
        FailureBudgets.maxFailures(maxFailures == null ? "0" : maxFailures, stage.grids().size()),
        failed,
        refused);
  }

  /**
   * The demo's verdict, its exit code: the fleet completed, and every grid the preflight did not
   * refuse upgraded with every loaded key read back and no acknowledged write lost.
   */
  @JsonIgnore
  public boolean success() {
    return fleet.status().equals("COMPLETED")
        && grids.stream()
            .filter(g -> !g.status().equals(REFUSED))
            .allMatch(
                g ->
                    g.status().equals("SUCCEEDED")
                        && g.missingKeys() != null
                        && g.missingKeys() == 0
                        && (g.lostWrites() == null || g.lostWrites() == 0));
  }

  /** The grids by path. */
  Map<String, Grid> byPath() {
    return grids.stream()
        .collect(
            Collectors.toMap(
                g -> g.cluster() + "/" + g.namespace() + "/" + g.name(), Function.identity()));
  }
}
