package io.gridshift.workflows.hazelcast;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.gridshift.workflows.common.DetailTable;
import io.gridshift.workflows.common.MapProgress;
import io.gridshift.workflows.common.MemberStatus;
import io.gridshift.workflows.common.UpgradeDetails;
import java.util.ArrayList;
import java.util.List;

/**
 * A Hazelcast upgrade's part of the status.
 *
 * @param plan the plan and the preflight's verdict, once the workload was read
 * @param members per-member version, health and roll state
 * @param maps per-map entry counts before and after
 */
@JsonTypeName(HazelcastKind.NAME)
public record HazelcastDetails(
    HazelcastPlan plan, List<MemberStatus> members, List<MapProgress> maps)
    implements UpgradeDetails {

  public HazelcastDetails {
    members = members == null ? List.of() : List.copyOf(members);
    maps = maps == null ? List.of() : List.copyOf(maps);
  }

  /** The path the plan chose and why, each member's version and health, the maps' counts. */
  @Override
  public List<DetailTable> tables() {
    List<DetailTable> tables = new ArrayList<>();
    if (plan != null && plan.path() != null) {
      tables.add(
          new DetailTable(
              List.of("PATH", "WHY"),
              List.of(List.of(plan.path().name(), HazelcastPaths.reason(plan)))));
    }
    if (!members.isEmpty()) {
      tables.add(
          new DetailTable(
              List.of("MEMBER", "ROLL", "VERSION", "SEES", "SAFE", "MIGRATIONS"),
              members.stream().map(HazelcastDetails::row).toList()));
    }
    if (!maps.isEmpty()) {
      // Blue-green upgrades pause client writes at the switch; a rolling one has no such column.
      boolean paused = maps.stream().anyMatch(m -> m.writePauseMs() != null);
      List<String> header =
          paused
              ? List.of("MAP", "BEFORE", "AFTER", "WRITE PAUSE")
              : List.of("MAP", "BEFORE", "AFTER");
      tables.add(
          new DetailTable(
              header,
              maps.stream()
                  .map(
                      m -> {
                        List<String> row =
                            new ArrayList<>(
                                List.of(
                                    m.name(),
                                    String.valueOf(m.entriesBefore()),
                                    m.entriesAfter() == null
                                        ? ""
                                        : String.valueOf(m.entriesAfter())));
                        if (paused) {
                          row.add(m.writePauseMs() == null ? "" : m.writePauseMs() + " ms");
                        }
                        return List.copyOf(row);
                      })
                  .toList()));
    }
    return tables;
  }

  private static List<String> row(MemberStatus m) {
    boolean up = m.reachable();
    return List.of(
        m.pod(),
        String.valueOf(m.state()),
        up ? m.version() : "unreachable",
        up ? m.clusterSize() + " members" : "",
        up ? (m.clusterSafe() ? "yes" : "NO") : "",
        up ? String.valueOf(m.migrationQueueSize()) : "");
  }

  /** Every preflight violation, when they refuse the upgrade (as {@link HazelcastPlanner} does). */
  @Override
  public List<String> refusals() {
    if (plan == null || !plan.refused()) {
      return List.of();
    }
    return plan.violations().stream().map(v -> "[" + v.rule() + "] " + v.message()).toList();
  }
}
