package io.gridshift.workflows.fleet;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.gridshift.workflows.common.GatePolicy;
import io.gridshift.workflows.request.UpgradeRequest;
import java.util.List;
import java.util.Map;

/**
 * What a fleet upgrade does: which grids, to which versions, in which stages, when each cluster may
 * be touched, and how each grid's own upgrade (a child workflow of its kind) is asked for. Read
 * from JSON or YAML (examples in {@code deploy/examples/fleet-*.yaml}); its {@code problems()} are
 * checked before anything is discovered or changed.
 *
 * @param name the fleet's name, a DNS label; the fleet workflow's id is {@code fleet-<name>}
 * @param requestedBy who asks (the requester under four-eyes)
 * @param clusters every cluster the fleet may touch, with its labels and maintenance window
 * @param grids which grids of those clusters take part
 * @param targets per kind name ({@code infinispan}, {@code hazelcast}): the target version
 * @param stages the stages, in order; every selected grid lands in exactly one
 * @param childDefaults per kind name: request fields every child of that kind gets (gates, limits,
 *     connection mode...); its cluster, grid, target version, requester and dry-run are set by the
 *     fleet. The key names the kind, so an entry needs no {@code kind} field. Gates a child's
 *     defaults do not name are AUTO, attributed to the stage's approver
 * @param fourEyes when true, a fleet gate cannot be approved by {@code requestedBy}
 * @param dryRun when true, the fleet plans (discovery, every child's dry run) and stops
 */
public record FleetSpec(
    String name,
    String requestedBy,
    List<FleetCluster> clusters,
    GridSelector grids,
    Map<String, VersionTarget> targets,
    List<StageSpec> stages,
    @JsonDeserialize(using = ChildDefaultsReader.class) Map<String, UpgradeRequest> childDefaults,
    Boolean fourEyes,
    Boolean dryRun) {

  /**
   * One cluster the fleet may touch. Its grids are discovered through its agent (task queue {@code
   * gridshift-cluster-<name>}).
   *
   * @param name the cluster name agents serve
   * @param labels free labels that selectors match ({@code env: prod}, {@code region: eu})
   * @param window when upgrades may start there; null means always
   */
  public record FleetCluster(String name, Map<String, String> labels, MaintenanceWindow window) {}

  /**
   * Selects grids. Every non-empty criterion must match (AND); an empty selector matches every
   * grid. With {@code explicit}, exactly the grids listed are selected (other criteria must be
   * empty).
   *
   * @param clusters cluster names
   * @param clusterLabels labels of the cluster ({@link FleetCluster#labels()}), all must match
   * @param kinds grid kind names
   * @param namespaces Kubernetes namespaces
   * @param labels labels of the grid's workload (StatefulSet/Deployment), all must match
   * @param explicit an explicit list of grids
   */
  public record GridSelector(
      List<String> clusters,
      Map<String, String> clusterLabels,
      List<String> kinds,
      List<String> namespaces,
      Map<String, String> labels,
      List<GridId> explicit) {}

  /**
   * One grid, named.
   *
   * @param cluster cluster name
   * @param namespace Kubernetes namespace
   * @param name the grid (workload) name
   * @param kind grid kind name
   */
  public record GridId(String cluster, String namespace, String name, String kind) {
    /** {@code cluster/namespace/name}, how people name a grid in commands. */
    public String path() {
      return cluster + "/" + namespace + "/" + name;
    }
  }

  /**
   * A kind's target: an exact version, or the newest patch of a minor chosen from an allowed list
   * written in the spec (resolved once, at plan time, and shown in the plan).
   *
   * @param version exact target version; excludes the other two
   * @param newestPatchOf {@code X.Y}: the newest {@code allowed} version of that minor
   * @param allowed the versions {@code newestPatchOf} chooses from
   */
  public record VersionTarget(String version, String newestPatchOf, List<String> allowed) {}

  /**
   * One stage. Which grids: those of {@code select} (default: every grid no earlier stage took),
   * cut to {@code count} or {@code percent} of what remains (rounded up, at least one).
   *
   * @param name the stage's name (unique), e.g. {@code canary}
   * @param select which of the remaining grids this stage may take
   * @param count at most this many grids
   * @param percent at most this percent of the grids remaining (1-100)
   * @param maxParallel at most this many children running at once (default 1)
   * @param maxParallelPerCluster at most this many running at once in one cluster (default: no
   *     limit beyond maxParallel)
   * @param maxFailures failures the stage tolerates: a number ({@code "1"}) or a percent of the
   *     stage's grids ({@code "10%"}); default 0. Over it, nothing new starts and gate {@code
   *     fleet-halted} asks a person
   * @param bake how long to wait after the stage's last grid, re-checking the stage's grids'
   *     health, before the next stage ({@code 10m}, {@code PT1H}); default none
   * @param approval a gate before the stage starts (deadline and timeout action as gates work
   *     today); null means none
   */
  public record StageSpec(
      String name,
      GridSelector select,
      Integer count,
      Integer percent,
      Integer maxParallel,
      Integer maxParallelPerCluster,
      String maxFailures,
      String bake,
      GatePolicy approval) {}

  /**
   * When upgrades may start in a cluster: a weekly calendar in a time zone, minus blackout dates.
   * An upgrade already running when a window closes finishes.
   *
   * @param timeZone IANA zone, e.g. {@code Europe/Berlin} (default UTC)
   * @param weekly the open slots of a week; empty means every day, all day (then only blackouts
   *     close it)
   * @param blackouts dates ({@code 2026-12-24}) or ranges ({@code 2026-12-24..2026-12-26},
   *     inclusive) in the window's time zone on which nothing starts
   */
  public record MaintenanceWindow(
      String timeZone, List<WeeklySlot> weekly, List<String> blackouts) {}

  /**
   * An open slot of the week.
   *
   * @param days {@code MON}..{@code SUN}; empty means every day
   * @param start local start time, {@code HH:mm}
   * @param end local end time, {@code HH:mm}; at or before start means it ends the next day
   */
  public record WeeklySlot(List<String> days, String start, String end) {}
}
