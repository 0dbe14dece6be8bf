package io.gridshift.demo.it.badinput;

import static io.gridshift.demo.it.badinput.BadCase.rest;
import static io.gridshift.demo.it.badinput.BadInputWorld.ALICE;
import static io.gridshift.demo.it.badinput.BadInputWorld.BOB;
import static io.gridshift.demo.it.badinput.Requests.hazelcast;
import static io.gridshift.demo.it.badinput.Requests.ispn;
import static io.gridshift.demo.it.badinput.Requests.longText;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.gridshift.demo.InfinispanDemoGrid;
import java.util.List;

/**
 * The REST service's rows: request bodies, query strings and paths, as {@value BadInputWorld#ALICE}
 * (requester and approver) or {@value BadInputWorld#BOB} (approver).
 */
final class RestRows {
  static final String UPGRADES = "/api/upgrades";
  static final String DRY_RUN = "/api/upgrades?dryRun=true";

  private RestRows() {}

  /**
   * Service dg-helm, selecting grid dg's pods as its client Service does, installed by Helm (its
   * label and release annotations): a plan through it must leave the grid to Helm.
   */
  private static void helmManagedService(BadInputWorld w) {
    Service client =
        w.kube().services().inNamespace(InfinispanDemoGrid.NAMESPACE).withName("dg").get();
    if (w.kube().services().inNamespace(InfinispanDemoGrid.NAMESPACE).withName("dg-helm").get()
        != null) {
      return;
    }
    w.kube()
        .services()
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName("dg-helm")
                .withNamespace(InfinispanDemoGrid.NAMESPACE)
                .addToLabels("app.kubernetes.io/managed-by", "Helm")
                .addToAnnotations("meta.helm.sh/release-name", "dg")
                .addToAnnotations("meta.helm.sh/release-namespace", InfinispanDemoGrid.NAMESPACE)
                .endMetadata()
                .withNewSpec()
                .withSelector(client.getSpec().getSelector())
                .withPorts(client.getSpec().getPorts())
                .endSpec()
                .build())
        .create();
  }

  static List<BadCase> rows() {
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
                "dry run: a client Service Helm manages",
                w -> w.http(ALICE, "POST", DRY_RUN, ispn(", \"service\": \"dg-helm\"")),
                422,
                "Service default/dg-helm is managed by Helm",
                "helm upgrade for Helm release default/dg")
            .given(RestRows::helmManagedService),
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
}
