package io.gridshift.demo.it.badinput;

import static io.gridshift.demo.it.badinput.BadCase.workflow;
import static io.gridshift.demo.it.badinput.Requests.hazelcast;
import static io.gridshift.demo.it.badinput.Requests.ispn;

import java.util.List;

/** The rows of workflows started with raw JSON, as the Temporal UI starts them. */
final class WorkflowRows {
  private WorkflowRows() {}

  static List<BadCase> rows() {
    return List.of(
        workflow(
            "InfinispanUpgrade with {}",
            w -> w.rawWorkflow("InfinispanUpgrade", "{}"),
            "InvalidRequest",
            "cluster.cluster",
            "is required"),
        workflow(
            "InfinispanUpgrade with null",
            w -> w.rawWorkflow("InfinispanUpgrade", "null"),
            "InvalidRequest",
            "targetVersion",
            "the request is empty"),
        workflow(
            "InfinispanUpgrade with port as text",
            w -> w.rawWorkflow("InfinispanUpgrade", ispn(", \"port\": \"eleven\"")),
            "InvalidRequest",
            "port",
            "eleven"),
        workflow(
            "InfinispanUpgrade with malformed JSON",
            w -> w.rawWorkflow("InfinispanUpgrade", "{\"grid\": "),
            "InvalidRequest",
            "the input is not valid JSON",
            "start the workflow again"),
        workflow(
            "InfinispanUpgrade with a Hazelcast request",
            w -> w.rawWorkflow("InfinispanUpgrade", hazelcast("")),
            "InvalidRequest",
            "kind",
            "start workflow type HazelcastUpgrade"),
        workflow(
            "InfinispanUpgrade with a misspelt field and sync threads as text",
            w ->
                w.rawWorkflow(
                    "InfinispanUpgrade",
                    ispn(", \"fourEyse\": true, \"sync\": {\"threads\": \"many\"}")),
            "InvalidRequest",
            "sync.threads",
            "unknown field 'fourEyse'"),
        workflow(
            "InfinispanUpgrade with minReadySeconds -1",
            w -> w.rawWorkflow("InfinispanUpgrade", ispn(", \"minReadySeconds\": -1")),
            "InvalidRequest",
            "minReadySeconds",
            "must be between 0 and 3600"),
        workflow(
            "InfinispanUpgrade in an unknown namespace",
            w ->
                w.rawWorkflow(
                    "InfinispanUpgrade",
                    Requests.ispnOn(
                        BadInputWorld.CLUSTER, "nowhere-ns", "dg", "15.0.21.Final", "")),
            "GridNotFound",
            "nowhere-ns",
            "check cluster.namespace"),
        workflow(
            "InfinispanUpgrade with an unknown cache",
            w -> w.rawWorkflow("InfinispanUpgrade", ispn(", \"caches\": [\"orders\"]")),
            "CacheNotFound",
            "caches [orders]",
            "leave 'caches' out"),
        workflow(
            "InfinispanUpgrade to an older version",
            w -> w.rawWorkflow("InfinispanUpgrade", ispn("dg", "13.0.10.Final", "")),
            "UnsupportedVersion",
            "targetVersion 13.0.10.Final",
            "gridshift upgrades only"),
        workflow(
            "HazelcastUpgrade to a version no release has",
            w -> w.rawWorkflow("HazelcastUpgrade", hazelcast(", \"targetVersion\": \"5.3.3\"")),
            "InvalidRequest",
            "targetVersion",
            "5.3."),
        workflow(
            "FleetUpgrade with a spec with problems",
            w -> w.rawWorkflow("FleetUpgrade", Requests.BAD_FLEET_JSON),
            "InvalidRequest",
            "targets.infinispan.version",
            "write it as the product does"),
        workflow(
            "InfinispanUpgrade of a cluster no worker serves",
            w -> TemporalUi.awaitEnd(w.nowhere()),
            "NoAgent",
            "gridshift-cluster-nowhere",
            "start the cluster's agent"));
  }
}
