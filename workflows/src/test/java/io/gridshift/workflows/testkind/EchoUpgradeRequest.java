package io.gridshift.workflows.testkind;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.common.GatePolicy;
import io.gridshift.workflows.common.RequestProblems;
import io.gridshift.workflows.request.PluggedUpgradeRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The test kind's request: the fields every kind shares and nothing else. The test kind proves that
 * a kind is one package plus one registry line ({@code META-INF/services}); it is never shipped.
 */
@JsonTypeName(EchoKind.NAME)
public record EchoUpgradeRequest(
    ClusterRef cluster,
    String grid,
    String targetVersion,
    Map<String, GatePolicy> gates,
    Boolean fourEyes,
    String requestedBy,
    Boolean dryRun)
    implements PluggedUpgradeRequest {

  /** The one gate of the test kind. */
  public static final String GATE = "go";

  @Override
  public List<String> gateNames() {
    return List.of(GATE);
  }

  @Override
  public EchoUpgradeRequest withDefaults() {
    Map<String, GatePolicy> all = GatePolicy.everyGate(gates, gateNames());
    return new EchoUpgradeRequest(
        cluster == null ? new ClusterRef(null, null) : cluster,
        grid,
        targetVersion,
        all,
        fourEyes != null && fourEyes,
        requestedBy == null ? "unknown" : requestedBy,
        dryRun != null && dryRun);
  }

  @Override
  public List<String> problems() {
    List<String> problems = new ArrayList<>(cluster.problems("cluster"));
    if (grid == null || grid.isBlank()) {
      problems.add("grid is required");
    }
    if (targetVersion == null || targetVersion.isBlank()) {
      problems.add("targetVersion is required");
    }
    problems.addAll(RequestProblems.gates(gates, List.of(GATE)));
    return problems;
  }
}
