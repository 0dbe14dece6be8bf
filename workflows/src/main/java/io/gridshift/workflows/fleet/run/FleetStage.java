package io.gridshift.workflows.fleet.run;

import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.fleet.FleetSpec.StageSpec;
import io.gridshift.workflows.fleet.FleetStatus.StageStatus;
import java.util.ArrayList;
import java.util.List;

/** One stage of a fleet run as the workflow tracks it (workflow thread only). */
final class FleetStage {
  static final String PENDING = "PENDING";
  static final String WAITING_APPROVAL = "WAITING_APPROVAL";
  static final String RUNNING = "RUNNING";
  static final String BAKING = "BAKING";
  static final String HALTED = "HALTED";
  static final String DONE = "DONE";
  static final String SKIPPED = "SKIPPED";

  final StageSpec spec;
  String state = PENDING;
  String startedAt;
  String endedAt;
  final List<AuditEntry> approvals = new ArrayList<>();

  FleetStage(StageSpec spec) {
    this.spec = spec;
  }

  String name() {
    return spec.name();
  }

  StageStatus toStatus(List<String> grids) {
    return new StageStatus(name(), state, grids, startedAt, endedAt, List.copyOf(approvals));
  }

  static FleetStage of(StageSpec spec, StageStatus s) {
    FleetStage stage = new FleetStage(spec);
    if (s != null) {
      stage.state = s.state();
      stage.startedAt = s.startedAt();
      stage.endedAt = s.endedAt();
      stage.approvals.addAll(s.approvals());
    }
    return stage;
  }
}
