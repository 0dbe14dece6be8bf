package io.gridshift.demo;

import io.gridshift.starter.UpgradeService;
import io.gridshift.starter.cli.RestGateDecisions;
import io.gridshift.workflows.common.GateDecision;
import java.net.URI;
import java.util.Map;

/**
 * How {@code --yes} decides a gate: on Temporal directly as user {@code demo} (the plain demos), or
 * through the REST service as an approver (the secure demo, where the worker accepts only decisions
 * the service signed).
 */
interface GateDecider {
  /** Approves ({@code approve}) or rejects the open gate {@code gate} with {@code comment}. */
  void decide(String workflowId, String gate, boolean approve, String comment);

  /** Decisions sent to Temporal directly, recorded as by {@code demo}. */
  static GateDecider direct(UpgradeService service) {
    return (id, gate, approve, comment) -> {
      GateDecision decision = new GateDecision(gate, "demo", comment);
      if (approve) {
        service.approve(id, decision);
      } else {
        service.reject(id, decision);
      }
    };
  }

  /** Decisions sent through the REST service at {@code server} with {@code credentials}. */
  static GateDecider throughServer(URI server, Map<String, String> credentials) {
    RestGateDecisions rest = new RestGateDecisions(server, credentials);
    return (id, gate, approve, comment) -> rest.decide(id, gate, approve, comment);
  }
}
