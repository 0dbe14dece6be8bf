package io.gridshift.demo.fleet;

import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.fleet.FleetStatus;
import io.gridshift.workflows.fleet.FleetStatus.AgentStatus;
import io.gridshift.workflows.fleet.FleetStatus.GridStatus;
import io.gridshift.workflows.fleet.FleetStatus.StageStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A fleet status as the demo's run ends it: the canary, the gate approved by {@code demo}, ap-1's
 * grids after its window, {@code ledger} refused at plan (in stage rest, counted against its
 * budget); with one grid's state replaceable to build the runs that go wrong.
 */
final class FinishedFleet {
  static final String T0 = "2026-12-07T05:32:00Z";
  static final String GATE = "approve-half";

  private FinishedFleet() {}

  static FleetStatus completed() {
    return withGrid("us-1/billing/rates", "SUCCEEDED", "COMPLETED");
  }

  /**
   * The demo's end with grid {@code path} in {@code state} and the fleet in {@code phase}; the
   * budget counts it when it FAILED, beside the refused ledger (as the workflow counts both).
   */
  static FleetStatus withGrid(String path, String state, String phase) {
    List<GridStatus> grids = new ArrayList<>();
    grids.add(grid("eu-1", "shop", "carts", "hazelcast", "canary", "SUCCEEDED", 5, 35));
    grids.add(grid("ap-1", "shop", "prices", "hazelcast", "half", "SUCCEEDED", 120, 150));
    grids.add(grid("ap-1", "shop", "profiles", "infinispan", "half", "SUCCEEDED", 150, 210));
    grids.add(grid("eu-1", "shop", "sessions", "infinispan", "half", "SUCCEEDED", 62, 122));
    grids.add(grid("us-1", "billing", "invoices", "infinispan", "rest", "SUCCEEDED", 232, 292));
    grids.add(grid("us-1", "billing", "rates", "hazelcast", "rest", "SUCCEEDED", 292, 322));
    grids.add(
        new GridStatus(
            "us-1",
            "legacy",
            "ledger",
            "hazelcast",
            "rest",
            "5.3.6",
            "5.3.8",
            "REFUSED",
            "hazelcast-upgrade-us-1-legacy-ledger",
            null,
            null,
            at(3),
            null,
            "StatefulSet legacy/ledger: shutdown hook policy TERMINATE; set GRACEFUL",
            null));
    grids.replaceAll(
        g ->
            g.path().equals(path)
                ? new GridStatus(
                    g.cluster(),
                    g.namespace(),
                    g.name(),
                    g.kind(),
                    g.stage(),
                    g.from(),
                    g.to(),
                    state,
                    g.workflowId(),
                    g.eligibleAt(),
                    g.startedAt(),
                    g.endedAt(),
                    g.durationMs(),
                    g.message(),
                    g.agent())
                : g);
    AuditEntry opened =
        new AuditEntry(at(56), GATE, AuditEntry.Action.GATE_OPENED, "gridshift", null, null);
    AuditEntry approved =
        new AuditEntry(
            at(57), GATE, AuditEntry.Action.APPROVED, "demo", "canary carts upgraded", null);
    List<StageStatus> stages =
        List.of(
            new StageStatus("canary", "DONE", List.of("eu-1/shop/carts"), at(5), at(56), List.of()),
            new StageStatus(
                "half",
                "DONE",
                List.of("ap-1/shop/prices", "ap-1/shop/profiles", "eu-1/shop/sessions"),
                at(62),
                at(231),
                List.of(opened, approved)),
            new StageStatus(
                "rest",
                "DONE",
                List.of("us-1/billing/invoices", "us-1/billing/rates"),
                at(232),
                at(322),
                List.of()));
    List<AgentStatus> agents =
        List.of(
            agent("eu-1", "101@sandbox"),
            agent("us-1", "102@sandbox"),
            agent("ap-1", "103@sandbox"));
    return new FleetStatus(
        "fleet-shop",
        "shop",
        FleetStatus.FleetPhase.valueOf(phase),
        "6 grids upgraded, 1 refused",
        null,
        Map.of("infinispan", "15.0.21.Final", "hazelcast", "5.3.8"),
        stages,
        grids,
        agents,
        new FleetStatus.Budget("rest", 1, 1 + (state.equals("FAILED") ? 1 : 0)),
        null,
        false,
        null,
        List.of(opened, approved));
  }

  private static GridStatus grid(
      String cluster,
      String ns,
      String name,
      String kind,
      String stage,
      String state,
      int from,
      int to) {
    boolean ispn = kind.equals("infinispan");
    return new GridStatus(
        cluster,
        ns,
        name,
        kind,
        stage,
        ispn ? "14.0.28.Final" : "5.3.6",
        ispn ? "15.0.21.Final" : "5.3.8",
        state,
        kind + "-upgrade-" + cluster + "-" + ns + "-" + name,
        at(from),
        at(from),
        at(to),
        (to - from) * 1000L,
        null,
        null);
  }

  private static AgentStatus agent(String cluster, String identity) {
    return new AgentStatus(cluster, "gridshift-cluster-" + cluster, "SEEN", identity, at(1), null);
  }

  static String at(int secondsAfterT0) {
    return java.time.Instant.parse(T0).plusSeconds(secondsAfterT0).toString();
  }
}
