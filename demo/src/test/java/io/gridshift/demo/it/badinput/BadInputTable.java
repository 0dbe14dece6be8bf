package io.gridshift.demo.it.badinput;

import static io.gridshift.demo.it.badinput.BadCase.cli;
import static io.gridshift.demo.it.badinput.BadCase.rest;
import static io.gridshift.demo.it.badinput.BadCase.workflow;
import static io.gridshift.demo.it.badinput.BadInputWorld.ALICE;
import static io.gridshift.demo.it.badinput.BadInputWorld.BOB;
import static io.gridshift.demo.it.badinput.BadInputWorld.LIVE;
import static io.gridshift.demo.it.badinput.BadInputWorld.LIVE_GATE;
import static io.gridshift.demo.it.badinput.Requests.hazelcast;
import static io.gridshift.demo.it.badinput.Requests.ispn;
import static io.gridshift.demo.it.badinput.Requests.longText;

import java.util.List;

/**
 * The rows: bad requests and commands, by door. Rows that plan against grid dg come before the
 * {@link #liveRows} rows, whose upgrade holds dg from then on (its claim would refuse any later
 * plan of dg for that reason instead).
 */
final class BadInputTable {
  private BadInputTable() {}

  private static final String UPGRADES = "/api/upgrades";
  private static final String DRY_RUN = "/api/upgrades?dryRun=true";

  static List<BadCase> restRows() {
    return List.of(
        rest(
            "malformed JSON",
            w -> w.http(ALICE, "POST", UPGRADES, "{\"grid\": \"dg\", \"targetVersion\":"),
            422,
            "the request is not valid JSON",
            "end-of-input"),
        rest(
            "empty object",
            w -> w.http(ALICE, "POST", UPGRADES, "{}"),
            422,
            "grid",
            "grid is required"),
        rest(
            "wrong type: port as text",
            w -> w.http(ALICE, "POST", UPGRADES, ispn(", \"port\": \"eleven\"")),
            422,
            "port",
            "expected a whole number, got"),
        rest(
            "wrong type: fourEyes as text",
            w -> w.http(ALICE, "POST", UPGRADES, ispn(", \"fourEyes\": \"yes\"")),
            422,
            "fourEyes",
            "expected true or false"),
        rest(
            "misspelt field",
            w ->
                w.http(
                    ALICE,
                    "POST",
                    UPGRADES,
                    "{\"cluster\": {\"cluster\": \"sandbox\"}, \"grid\": \"dg\","
                        + " \"targetVersoin\": \"15.0.21.Final\"}"),
            422,
            "targetVersoin",
            "unknown field 'targetVersoin'"),
        rest(
            "unknown kind",
            w -> w.http(ALICE, "POST", UPGRADES, "{\"kind\": \"redis\", \"grid\": \"dg\"}"),
            422,
            "kind",
            "kinds: [infinispan, hazelcast"),
        rest(
            "sync threads 0",
            w -> w.http(ALICE, "POST", UPGRADES, ispn(", \"sync\": {\"threads\": 0}")),
            422,
            "sync.threads",
            "must be between 1 and 256"),
        rest(
            "sync threads 10,000",
            w -> w.http(ALICE, "POST", UPGRADES, ispn(", \"sync\": {\"threads\": 10000}")),
            422,
            "sync.threads",
            "must be between 1 and 256"),
        rest(
            "minReadySeconds negative",
            w -> w.http(ALICE, "POST", UPGRADES, ispn(", \"minReadySeconds\": -5")),
            422,
            "minReadySeconds",
            "must be between 0 and 3600"),
        rest(
            "port past an int",
            w -> w.http(ALICE, "POST", UPGRADES, ispn(", \"port\": 99999999999")),
            422,
            "port",
            "is out of range: expected a whole number from -2147483648"),
        rest(
            "verifySample negative",
            w -> w.http(ALICE, "POST", UPGRADES, ispn(", \"verifySample\": -1")),
            422,
            "verifySample",
            "must be 0 or more"),
        rest(
            "10,000-character grid name",
            w -> w.http(ALICE, "POST", UPGRADES, ispn(longText('g', 10_000), "15.0.21.Final", "")),
            422,
            "grid",
            "at most 52"),
        rest(
            "grid name with ../",
            w -> w.http(ALICE, "POST", UPGRADES, ispn("../etc", "15.0.21.Final", "")),
            422,
            "grid",
            "'../etc'"),
        rest(
            "grid name with a newline and shell metacharacters",
            w -> w.http(ALICE, "POST", UPGRADES, ispn("dg\\n; rm -rf /", "15.0.21.Final", "")),
            422,
            "grid",
            "rm -rf"),
        rest(
            "unicode grid name",
            w -> w.http(ALICE, "POST", UPGRADES, ispn("dg-é", "15.0.21.Final", "")),
            422,
            "grid",
            "dg-é"),
        rest(
            "10,000-character cache name",
            w ->
                w.http(
                    ALICE,
                    "POST",
                    UPGRADES,
                    ispn(", \"caches\": [\"" + longText('c', 10_000) + "\"]")),
            422,
            "caches",
            "at most 255"),
        rest(
            "protostream PAUSE_WRITES with connectionMode CONFIG",
            w ->
                w.http(
                    ALICE,
                    "POST",
                    UPGRADES,
                    ispn(", \"protostream\": \"PAUSE_WRITES\", \"connectionMode\": \"CONFIG\"")),
            422,
            "protostream",
            "connectionMode RUNTIME"),
        rest(
            "target version no release has",
            w -> w.http(ALICE, "POST", UPGRADES, ispn("dg", "latest", "")),
            422,
            "targetVersion",
            "15.0.21.Final"),
        rest(
            "target image pinned by digest alone",
            w ->
                w.http(
                    ALICE,
                    "POST",
                    UPGRADES,
                    ispn(
                        ", \"targetImage\": \"quay.io/infinispan/server@sha256:"
                            + longText('a', 64)
                            + "\"")),
            422,
            "targetImage",
            "has no tag"),
        rest(
            "Hazelcast podTimeout that is no duration",
            w -> w.http(ALICE, "POST", UPGRADES, hazelcast(", \"podTimeout\": \"forever\"")),
            422,
            "podTimeout",
            "use e.g. 5m"),
        rest(
            "Hazelcast resume-or-rollback AUTO",
            w ->
                w.http(
                    ALICE,
                    "POST",
                    UPGRADES,
                    hazelcast(", \"gates\": {\"resume-or-rollback\": {\"approval\": \"AUTO\"}}")),
            422,
            "gates.resume-or-rollback",
            "set approval REQUIRED"),
        rest(
            "Hazelcast workloadKind that is no kind",
            w -> w.http(ALICE, "POST", UPGRADES, hazelcast(", \"workloadKind\": \"DaemonSet\"")),
            422,
            "workloadKind",
            "expected one of"),
        rest(
            "dry run: unknown Hazelcast grid",
            w -> w.http(ALICE, "POST", DRY_RUN, hazelcast("")),
            422,
            "StatefulSet default/hz",
            "check the name and kind"),
        rest(
            "dry run: unknown grid",
            w -> w.http(ALICE, "POST", DRY_RUN, ispn("nope", "15.0.21.Final", "")),
            422,
            "StatefulSet default/nope",
            "check the grid name"),
        rest(
            "dry run: unknown namespace",
            w ->
                w.http(
                    ALICE,
                    "POST",
                    DRY_RUN,
                    Requests.ispnOn(
                        BadInputWorld.CLUSTER, "nowhere-ns", "dg", "15.0.21.Final", "")),
            422,
            "nowhere-ns",
            "check cluster.namespace"),
        rest(
            "dry run: unknown cache",
            w -> w.http(ALICE, "POST", DRY_RUN, ispn(", \"caches\": [\"sessions\", \"orders\"]")),
            422,
            "caches [orders]",
            "leave 'caches' out"),
        rest(
            "dry run: the running version",
            w -> w.http(ALICE, "POST", DRY_RUN, ispn("dg", "14.0.28.Final", "")),
            422,
            "targetVersion 14.0.28.Final",
            "is not newer than the running"),
        rest(
            "dry run: a downgrade",
            w -> w.http(ALICE, "POST", DRY_RUN, ispn("dg", "13.0.10.Final", "")),
            422,
            "targetVersion 13.0.10.Final",
            "is not newer than the running"),
        rest(
            "status of an unknown id",
            w -> w.http(BOB, "GET", UPGRADES + "/no-such-upgrade", null),
            404,
            "no-such-upgrade",
            "no upgrade with id"),
        rest(
            "approve on an unknown id",
            w -> w.http(BOB, "POST", UPGRADES + "/no-such-upgrade/gates/cutover/approve", "{}"),
            404,
            "no-such-upgrade",
            "no upgrade with id"),
        rest(
            "list with an unknown status",
            w -> w.http(BOB, "GET", UPGRADES + "?status=bogus", null),
            422,
            "bogus",
            "use one of"),
        rest(
            "fleet spec with problems",
            w -> w.http(ALICE, "POST", "/api/fleets", Requests.BAD_FLEET),
            422,
            "targets.infinispan.version",
            "write it as the product does"));
  }

  static List<BadCase> cliRows() {
    return List.of(
        cli("unknown command", w -> w.cli(ALICE, "upgrayd"), 2, "upgrayd", "unknown command"),
        cli(
            "upgrade start without --file",
            w -> w.cli(ALICE, "upgrade", "start"),
            2,
            "--file",
            "needs --file"),
        cli(
            "misspelt option",
            w -> w.cli(ALICE, "approve", LIVE, "cutover", "--coment", "ok"),
            2,
            "coment",
            "usage"),
        cli(
            "request file that does not exist",
            w -> w.cli(ALICE, "upgrade", "start", "--file", "/nonexistent/request.json"),
            2,
            "/nonexistent/request.json",
            "does not exist"),
        cli(
            "malformed request file",
            w -> w.cli(ALICE, "upgrade", "start", "--file", w.file("{\"grid\": ")),
            5,
            "the request is not valid JSON",
            "end-of-input"),
        cli(
            "sync threads 10,000 in the file",
            w ->
                w.cli(
                    ALICE,
                    "upgrade",
                    "start",
                    "--file",
                    w.file(ispn(", \"sync\": {\"threads\": 10000}"))),
            5,
            "sync.threads",
            "must be between 1 and 256"),
        cli(
            "10,000-character requester",
            w -> w.cli(longText('r', 10_000), "upgrade", "start", "--file", w.file(ispn(""))),
            5,
            "requestedBy",
            "256"),
        cli(
            "status of an unknown id",
            w -> w.cli(ALICE, "status", "no-such-upgrade"),
            3,
            "no-such-upgrade",
            "gridshift list"),
        cli(
            "status of an id with shell metacharacters",
            w -> w.cli(ALICE, "status", "dg; rm -rf / $(id)"),
            3,
            "dg; rm -rf / $(id)",
            "no upgrade with id"),
        cli(
            "approve on an unknown id",
            w -> w.cli(BOB, "approve", "no-such-upgrade", "cutover"),
            3,
            "no-such-upgrade",
            "no upgrade with id"),
        cli(
            "list with an unknown status",
            w -> w.cli(ALICE, "list", "--status", "bogus"),
            2,
            "bogus",
            "use one of"),
        cli(
            "dry run to the running version",
            w ->
                w.cli(
                    ALICE,
                    "upgrade",
                    "start",
                    "--dry-run",
                    "--file",
                    w.file(ispn("dg", "14.0.28.Final", ""))),
            1,
            "targetVersion 14.0.28.Final",
            "is not newer than the running"),
        cli(
            "fleet spec with problems",
            w -> w.cli(ALICE, "fleet", "start", "--file", w.file(Requests.BAD_FLEET)),
            5,
            "targets.infinispan.version",
            "write it as the product does"),
        cli(
            "wrong password through the server",
            w -> w.cliViaServer(ALICE, "wrong", "status", LIVE),
            6,
            "GRIDSHIFT_PASSWORD",
            "credentials"));
  }

  static List<BadCase> workflowRows() {
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
            w -> BadInputWorld.awaitRaw(w.nowhere()),
            "NoAgent",
            "gridshift-cluster-nowhere",
            "start the cluster's agent"));
  }

  /** Rows that need an upgrade of dg waiting at gate switch-traffic (four-eyes on, by alice). */
  static List<BadCase> liveRows() {
    return List.of(
            rest(
                "a second upgrade of the same grid",
                w -> w.http(ALICE, "POST", UPGRADES, ispn("")),
                409,
                LIVE,
                "is already running as workflow"),
            rest(
                "approve a gate that is not open",
                w -> w.http(BOB, "POST", UPGRADES + "/" + LIVE + "/gates/cutover/approve", "{}"),
                409,
                "cutover",
                "the open gate is '" + LIVE_GATE + "'"),
            rest(
                "the requester approves with four-eyes on",
                w ->
                    w.http(
                        ALICE,
                        "POST",
                        UPGRADES + "/" + LIVE + "/gates/" + LIVE_GATE + "/approve",
                        "{}"),
                403,
                ALICE,
                "ask another person to approve"),
            rest(
                "approve with a 10,000-character comment",
                w ->
                    w.http(
                        BOB,
                        "POST",
                        UPGRADES + "/" + LIVE + "/gates/" + LIVE_GATE + "/approve",
                        "{\"comment\": \"" + longText('x', 10_000) + "\"}"),
                422,
                "comment",
                "2000"),
            rest(
                "resume when not paused",
                w -> w.http(ALICE, "POST", UPGRADES + "/" + LIVE + "/resume", "{}"),
                409,
                "resume",
                "not paused"),
            cli(
                "a second upgrade of the same grid",
                w -> w.cli(ALICE, "upgrade", "start", "--file", w.file(ispn(""))),
                4,
                LIVE,
                "gridshift abort " + LIVE),
            cli(
                "approve a gate that is not open",
                w -> w.cli(BOB, "approve", LIVE, "delete-source"),
                4,
                "delete-source",
                "the open gate is '" + LIVE_GATE + "'"),
            cli(
                "the requester approves with four-eyes on",
                w -> w.cli(ALICE, "approve", LIVE, LIVE_GATE),
                6,
                ALICE,
                "ask another person to approve"),
            cli(
                "approve a gate with a newline in its name",
                w -> w.cli(BOB, "approve", LIVE, "switch-traffic\nrm -rf /"),
                4,
                "switch-traffic",
                "is not open"),
            workflow(
                "a second upgrade of the same grid under another id",
                w -> w.rawWorkflow("InfinispanUpgrade", ispn("")),
                "ClaimConflict",
                LIVE,
                "held by another upgrade"))
        .stream()
        .map(c -> c.given(BadInputWorld::liveUpgrade))
        .toList();
  }
}
