package io.gridshift.workflows.fleet.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.common.GatePolicy;
import io.gridshift.workflows.fleet.FleetSpec.GridId;
import io.gridshift.workflows.kinds.GridKinds;
import io.gridshift.workflows.request.UpgradeRequest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The request of one grid's child: the spec's defaults for its kind with the fields the fleet sets
 * (cluster, grid, target version, requester, dry run) and its gates. Works on JSON, so it serves
 * every kind, plugged ones included, without knowing their records.
 *
 * <p>Gates: a gate the defaults name keeps its policy (an AUTO one is attributed to {@code
 * approver}); every other gate passes AUTO, attributed to {@code approver} (the person who let the
 * fleet stage start), except the kind's question gates ({@link UpgradeRequest#questionGates()}),
 * which keep asking a person: an automatic "retry" of a step that keeps failing would never end.
 */
public final class ChildRequests {
  private static final ObjectMapper JSON = GridKinds.registerWith(new ObjectMapper());

  private ChildRequests() {}

  /** The child request of {@code grid}. */
  public static UpgradeRequest of(
      GridId grid,
      UpgradeRequest defaults,
      String targetVersion,
      String requestedBy,
      boolean dryRun,
      String approver) {
    ObjectNode node =
        defaults != null && grid.kind().equals(defaults.kind())
            ? JSON.valueToTree(defaults)
            : JSON.createObjectNode().put(UpgradeRequest.KIND_FIELD, grid.kind());
    node.set("cluster", JSON.valueToTree(new ClusterRef(grid.cluster(), grid.namespace())));
    node.put("grid", grid.name());
    node.put("targetVersion", targetVersion);
    node.put("requestedBy", requestedBy);
    node.put("dryRun", dryRun);
    UpgradeRequest request = read(node);
    node.set("gates", JSON.valueToTree(gates(request, approver)));
    return read(node);
  }

  private static Map<String, GatePolicy> gates(UpgradeRequest request, String approver) {
    Map<String, GatePolicy> given = request.gates() == null ? Map.of() : request.gates();
    Map<String, GatePolicy> gates = new LinkedHashMap<>(given);
    gates.replaceAll(
        (gate, policy) ->
            policy != null
                    && policy.approval() == GatePolicy.Approval.AUTO
                    && policy.autoApprover() == null
                ? policy.autoBy(approver)
                : policy);
    for (String gate : request.gateNames()) {
      if (!gates.containsKey(gate) && !request.questionGates().contains(gate)) {
        gates.put(gate, GatePolicy.auto().autoBy(approver));
      }
    }
    return gates;
  }

  private static UpgradeRequest read(ObjectNode node) {
    try {
      return JSON.treeToValue(node, UpgradeRequest.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "childDefaults." + node.path(UpgradeRequest.KIND_FIELD).asText() + ": " + e.getMessage(),
          e);
    }
  }
}
