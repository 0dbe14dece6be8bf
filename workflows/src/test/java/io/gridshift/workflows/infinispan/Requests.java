package io.gridshift.workflows.infinispan;

import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.common.GatePolicy;
import io.gridshift.workflows.common.Ownership;
import io.gridshift.workflows.request.InfinispanUpgradeRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds upgrade requests for tests: every gate REQUIRED unless set otherwise. */
final class Requests {
  static final ClusterRef CLUSTER = new ClusterRef("test", "apps");

  ClusterRef cluster = CLUSTER;
  String grid = "dg";
  String targetVersion = "15.0.21.Final";
  String route;
  List<String> caches;
  ConnectionMode mode;
  SyncOptions sync;
  Map<String, GatePolicy> gates = new HashMap<>();
  Boolean fourEyes;
  String requestedBy = "alice";
  Boolean dryRun;
  ProtostreamHandling protostream;
  Ownership ownership;

  static Requests upgrade() {
    return new Requests();
  }

  Requests allGatesAuto() {
    for (String gate : InfinispanGates.ALL) {
      gates.put(gate, GatePolicy.auto());
    }
    return this;
  }

  Requests gate(String gate, GatePolicy policy) {
    gates.put(gate, policy);
    return this;
  }

  Requests caches(String... names) {
    caches = List.of(names);
    return this;
  }

  Requests mode(ConnectionMode m) {
    mode = m;
    return this;
  }

  Requests sync(SyncOptions s) {
    sync = s;
    return this;
  }

  Requests route(String r) {
    route = r;
    return this;
  }

  Requests fourEyes() {
    fourEyes = true;
    return this;
  }

  Requests dryRun() {
    dryRun = true;
    return this;
  }

  Requests protostream(ProtostreamHandling p) {
    protostream = p;
    return this;
  }

  Requests ownership(Ownership o) {
    ownership = o;
    return this;
  }

  Requests targetVersion(String v) {
    targetVersion = v;
    return this;
  }

  InfinispanUpgradeRequest build() {
    return new InfinispanUpgradeRequest(
        cluster,
        grid,
        targetVersion,
        null,
        null,
        null,
        route,
        caches,
        mode,
        null,
        null,
        sync,
        null,
        null,
        gates.isEmpty() ? null : Map.copyOf(gates),
        fourEyes,
        requestedBy,
        dryRun,
        protostream,
        null,
        ownership);
  }
}
