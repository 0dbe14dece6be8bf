package io.gridshift.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridshift.workflows.common.GatePolicy;
import io.gridshift.workflows.common.InvalidRequestException;
import io.gridshift.workflows.common.Ownership;
import io.gridshift.workflows.request.HazelcastUpgradeRequest;
import io.gridshift.workflows.request.InfinispanUpgradeRequest;
import io.gridshift.workflows.request.UpgradeRequest;
import org.junit.jupiter.api.Test;

class UpgradeRequestsTest {

  @Test
  void minimalRequestGetsEveryDefault() {
    InfinispanUpgradeRequest r =
        (InfinispanUpgradeRequest)
            UpgradeRequests.parse(
                """
                {"cluster": {"cluster": "prod-eu-1", "namespace": "grids"},
                 "grid": "dg", "targetVersion": "15.0.21.Final"}
                """,
                false);
    assertThat(r.targetGrid()).isEqualTo("dg-15-0-21");
    assertThat(r.service()).isEqualTo("dg");
    // Left out, the connection mode reaches the plan, which chooses it from the measured paths.
    assertThat(r.connectionMode()).isNull();
    assertThat(r.port()).isEqualTo(11222);
    assertThat(r.gates())
        .containsOnlyKeys("writes-paused", "switch-traffic", "cutover", "delete-source");
    assertThat(r.gates().get("cutover").approval()).isEqualTo(GatePolicy.Approval.REQUIRED);
    assertThat(r.dryRun()).isFalse();
    assertThat(r.workflowId()).isEqualTo("infinispan-upgrade-prod-eu-1-grids-dg");
  }

  @Test
  void humanFriendlyGateSettingsAndDryRunOverride() {
    InfinispanUpgradeRequest r =
        (InfinispanUpgradeRequest)
            UpgradeRequests.parse(
                """
                {"kind": "infinispan", "cluster": {"cluster": "c1"}, "grid": "dg",
                 "targetVersion": "15.0.21.Final",
                 "gates": {"switch-traffic": {"approval": "AUTO"},
                           "cutover": {"timeout": "90m", "onTimeout": "KEEP_WAITING"}}}
                """,
                true);
    assertThat(r.dryRun()).isTrue();
    assertThat(r.cluster().namespace()).isEqualTo("default");
    assertThat(r.gates().get("switch-traffic").approval()).isEqualTo(GatePolicy.Approval.AUTO);
    assertThat(r.gates().get("cutover").timeout()).isEqualTo("90m");
    assertThat(r.gates().get("delete-source").timeout()).isEqualTo("24h");
  }

  @Test
  void numbersTooLargeForTheirFieldAreNamedByPathWithEveryOtherProblem() {
    assertThatThrownBy(
            () ->
                UpgradeRequests.parse(
                    """
                    {"cluster": {"cluster": "c1"}, "grid": "dg", "targetVersion": "15.0.21.Final",
                     "port": 99999999999, "sync": {"threads": 1e30, "readBatch": -3},
                     "fourEyes": "yes"}
                    """,
                    false))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(
            "port: 99999999999 is out of range: expected a whole number from -2147483648 to"
                + " 2147483647")
        .hasMessageContaining("sync.threads")
        .hasMessageContaining("fourEyes: expected true or false, got \"yes\"")
        .hasMessageContaining("sync.readBatch -3 must be between 1 and 1000000")
        .hasMessageNotContaining("reference chain");
  }

  @Test
  void ownershipDefaultsToRespectAndReadsTakeOverForBothKinds() {
    InfinispanUpgradeRequest respect =
        (InfinispanUpgradeRequest)
            UpgradeRequests.parse(
                """
                {"cluster": {"cluster": "c1"}, "grid": "dg", "targetVersion": "15.0.21.Final"}
                """,
                false);
    InfinispanUpgradeRequest takeOver =
        (InfinispanUpgradeRequest)
            UpgradeRequests.parse(
                """
                {"cluster": {"cluster": "c1"}, "grid": "dg", "targetVersion": "15.0.21.Final",
                 "ownership": "TAKE_OVER"}
                """,
                false);
    HazelcastUpgradeRequest hazelcast =
        (HazelcastUpgradeRequest)
            UpgradeRequests.parse(
                """
                {"kind": "hazelcast", "cluster": {"cluster": "c1"}, "grid": "hz",
                 "targetVersion": "5.3.8", "ownership": "TAKE_OVER"}
                """,
                false);

    assertThat(respect.ownership()).isEqualTo(Ownership.RESPECT);
    assertThat(takeOver.ownership()).isEqualTo(Ownership.TAKE_OVER);
    assertThat(hazelcast.ownership()).isEqualTo(Ownership.TAKE_OVER);
    assertThatThrownBy(
            () ->
                UpgradeRequests.parse(
                    """
                    {"cluster": {"cluster": "c1"}, "grid": "dg", "targetVersion": "15.0.21.Final",
                     "ownership": "MINE"}
                    """,
                    false))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("ownership")
        .hasMessageContaining("TAKE_OVER");
  }

  @Test
  void pauseWritesInConfigModeIsRefusedWithTheFix() {
    assertThatThrownBy(
            () ->
                UpgradeRequests.parse(
                    """
                    {"cluster": {"cluster": "c1"}, "grid": "dg", "targetVersion": "15.0.21.Final",
                     "protostream": "PAUSE_WRITES", "connectionMode": "CONFIG"}
                    """,
                    false))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("protostream PAUSE_WRITES needs connectionMode RUNTIME")
        .hasMessageContaining("set \"connectionMode\": \"RUNTIME\"");
  }

  @Test
  void malformedJsonIsAClearError() {
    assertThatThrownBy(() -> UpgradeRequests.parse("{\"grid\": ", false))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void unknownFieldNamesTheKnownOnes() {
    assertThatThrownBy(
            () ->
                UpgradeRequests.parse(
                    "{\"cluster\":{\"cluster\":\"c\"},\"grid\":\"dg\",\"targetVersoin\":\"15.0.21.Final\"}",
                    false))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("unknown field 'targetVersoin'")
        .hasMessageContaining("targetVersion");
  }

  @Test
  void everyProblemIsListedAtOnce() {
    InvalidRequestException e =
        (InvalidRequestException)
            org.assertj.core.api.Assertions.catchThrowable(
                () ->
                    UpgradeRequests.parse(
                        """
                        {"cluster": {"cluster": "Bad_Name"}, "grid": "", "targetVersion": "latest",
                         "sync": {"threads": 0, "clientDrainSeconds": -1}, "gates": {"cutover": {"timeout": "soon"}, "launch": {}}}
                        """,
                        false));
    assertThat(e.problems())
        .anyMatch(p -> p.contains("cluster.cluster 'Bad_Name'"))
        .anyMatch(p -> p.contains("grid is required"))
        .anyMatch(p -> p.contains("targetVersion 'latest'"))
        .anyMatch(p -> p.contains("sync.threads 0"))
        .anyMatch(p -> p.contains("sync.clientDrainSeconds -1 must be between 0 and 3600"))
        .anyMatch(p -> p.contains("gates.cutover.timeout 'soon'"))
        .anyMatch(p -> p.contains("unknown gate 'launch'"));
  }

  @Test
  void everyUnknownFieldAndWrongTypeIsListedInTheRequestsOwnTerms() {
    InvalidRequestException e =
        (InvalidRequestException)
            org.assertj.core.api.Assertions.catchThrowable(
                () ->
                    UpgradeRequests.parse(
                        """
                        {"cluster": {"cluster": "c", "zone": "eu"}, "grid": "dg",
                         "targetVersion": "15.0.21.Final", "port": "eleven", "fourEyes": "yes",
                         "connectionMode": "teleport", "caches": [{"a": 1}],
                         "gates": {"cutover": {"approval": "MAYBE"}}, "colour": "blue"}
                        """,
                        false));
    assertThat(e.problems())
        .anyMatch(p -> p.startsWith("unknown field 'cluster.zone'; the fields of cluster: ["))
        .anyMatch(p -> p.equals("port: expected a whole number, got \"eleven\""))
        .anyMatch(p -> p.equals("fourEyes: expected true or false, got \"yes\""))
        .anyMatch(
            p -> p.startsWith("connectionMode: expected one of [") && p.endsWith("teleport\""))
        .anyMatch(p -> p.equals("caches[0]: expected a string, got an object"))
        .anyMatch(
            p ->
                p.equals("gates.cutover.approval: expected one of [REQUIRED, AUTO], got \"MAYBE\""))
        .anyMatch(p -> p.startsWith("unknown field 'colour'; the fields of the request: ["))
        .noneMatch(p -> p.contains("java.") || p.contains("`") || p.contains("deserialize"));
  }

  @Test
  void aRequestCannotNameWhoPassesItsGatesAutomatically() {
    assertThatThrownBy(
            () ->
                UpgradeRequests.parse(
                    "{\"cluster\":{\"cluster\":\"c\",\"namespace\":\"n\"},\"grid\":\"dg\","
                        + "\"targetVersion\":\"15.0.21.Final\",\"requestedBy\":\"bob\","
                        + "\"gates\":{\"cutover\":{\"approval\":\"AUTO\","
                        + "\"autoApprover\":\"alice\"}}}",
                    false))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(
            "gates.cutover.autoApprover is set by a fleet for its children's automatic passes");
  }

  @Test
  void unknownKindIsRefused() {
    assertThatThrownBy(() -> UpgradeRequests.parse("{\"kind\":\"redis\"}", false))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("unknown kind 'redis'; kinds: [infinispan, hazelcast");
  }

  @Test
  void hazelcastRequestsGetTheirOwnDefaultsAndWorkflowId() {
    UpgradeRequest parsed =
        UpgradeRequests.parse(
            """
            {"kind": "hazelcast", "cluster": {"cluster": "c1", "namespace": "grids"},
             "grid": "hz", "targetVersion": "5.3.8", "canary": true}
            """,
            true);
    assertThat(parsed.kind()).isEqualTo("hazelcast");
    HazelcastUpgradeRequest hazelcast = (HazelcastUpgradeRequest) parsed;
    assertThat(hazelcast.port()).isEqualTo(5701);
    assertThat(hazelcast.canary()).isTrue();
    assertThat(parsed.dryRun()).isTrue();
    assertThat(parsed.workflowId()).isEqualTo("hazelcast-upgrade-c1-grids-hz");
  }
}
