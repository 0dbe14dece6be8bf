package io.gridshift.workflows.fleet.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridshift.workflows.fleet.FleetSpec;
import io.gridshift.workflows.kinds.GridKinds;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FleetSpecProblemsTest {
  private static final ObjectMapper JSON = GridKinds.registerWith(new ObjectMapper());
  private static final String REMOVE = "REMOVE";
  private static final String KINDS = "[infinispan, hazelcast]";

  /** A valid spec using every field; each case below breaks one thing. */
  private static final String VALID =
      """
      {"name": "nightly", "requestedBy": "alice",
       "clusters": [
         {"name": "eu-1", "labels": {"env": "prod"},
          "window": {"timeZone": "Europe/Berlin",
                     "weekly": [{"days": ["SAT", "sun"], "start": "01:00", "end": "05:00"}],
                     "blackouts": ["2026-12-24..2026-12-26", "2027-01-01"]}},
         {"name": "us-1", "labels": {"env": "staging"}}],
       "grids": {"kinds": ["infinispan", "hazelcast"], "namespaces": ["grids"]},
       "targets": {
         "infinispan": {"version": "15.0.21.Final"},
         "hazelcast": {"newestPatchOf": "5.3", "allowed": ["5.3.2", "5.3.8"]}},
       "stages": [
         {"name": "canary", "count": 1},
         {"name": "half", "percent": 50, "maxParallel": 2, "maxParallelPerCluster": 1,
          "maxFailures": "10%", "bake": "10m",
          "approval": {"approval": "REQUIRED", "timeout": "24h", "onTimeout": "ABORT"}},
         {"name": "rest", "select": {"clusterLabels": {"env": "prod"}}, "maxFailures": "1"}],
       "childDefaults": {
         "infinispan": {"kind": "infinispan", "credentialsSecret": "dg-credentials",
                        "gates": {"cutover": {"approval": "REQUIRED", "timeout": "4h"}}},
         "hazelcast": {"kind": "hazelcast", "canary": true}},
       "fourEyes": true, "dryRun": false}
      """;

  @Test
  void theValidSpecHasNoProblem() throws Exception {
    assertThat(problems(JSON.readTree(VALID))).isEmpty();
  }

  @Test
  void anEmptySpecSaysWhatToGive() {
    assertThat(FleetSpecProblems.problems(null, Fleets.KINDS))
        .containsExactly(
            "the fleet spec is empty; give at least name, requestedBy, clusters, targets and"
                + " stages (see deploy/examples/fleet-minimal.json)");
  }

  @Test
  void aSpecWithNothingButANameListsWhatIsMissing() {
    FleetSpec bare = new FleetSpec("x", null, null, null, null, null, null, null, null);
    assertThat(FleetSpecProblems.problems(bare, Fleets.KINDS))
        .containsExactly(
            "requestedBy is empty; say who asks (a user name or an e-mail address): the audit"
                + " names them, and under fourEyes they cannot approve their own fleet",
            "clusters is empty; list every cluster the fleet may touch, e.g. - name: prod-eu-1",
            "targets.infinispan is missing, and the fleet's grids selector takes infinispan"
                + " grids; give its target version, or list only the kinds you mean in grids.kinds",
            "targets.hazelcast is missing, and the fleet's grids selector takes hazelcast grids;"
                + " give its target version, or list only the kinds you mean in grids.kinds",
            "stages is empty; give at least one stage, e.g. - name: all (without select, count or"
                + " percent it takes every grid)");
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("oneProblemEach")
  void eachProblemNamesTheFieldAndTheFix(String pointer, String value, String expected)
      throws Exception {
    assertThat(problems(with(pointer, value))).containsExactly(expected);
  }

  static Stream<Arguments> oneProblemEach() {
    return Stream.of(
        // name and requester
        of("/name", "\"Nightly\"", "name 'Nightly' is not a valid fleet name (" + LABEL + ")"),
        of("/name", REMOVE, "name is empty; give a fleet name"),
        of(
            "/requestedBy",
            "\"alice\\nbob\"",
            "requestedBy 'alice?bob' contains a control character (a line break, a tab...);"
                + " give a plain name"),
        // clusters
        of("/clusters/1", "null", "clusters[1] is empty; give at least its name"),
        of(
            "/clusters/1/name",
            "\"eu-1\"",
            "clusters[1].name 'eu-1' is listed twice; list each cluster once"),
        of(
            "/clusters/1/name",
            "\"US_1\"",
            "clusters[1].name 'US_1' is not a valid cluster name ("
                + LABEL
                + "): the name its agent serves (gridshift-cluster-<name>)"),
        // windows
        of(
            "/clusters/0/window/timeZone",
            "\"Berlin\"",
            "clusters[0].window.timeZone 'Berlin' is not a time zone; use an IANA zone id such as"
                + " Europe/Berlin, America/New_York or UTC"),
        of(
            "/clusters/0/window/weekly/0/days/0",
            "\"SATURDAY\"",
            "clusters[0].window.weekly[0].days: 'SATURDAY' is not a day; use MON, TUE, WED, THU,"
                + " FRI, SAT or SUN (or no days for every day)"),
        of(
            "/clusters/0/window/weekly/0/start",
            "\"1:00\"",
            "clusters[0].window.weekly[0].start '1:00' is not a time of day; use HH:mm from 00:00"
                + " to 23:59 (an end at or before the start ends the next day, so 22:00-00:00 runs"
                + " to midnight)"),
        of(
            "/clusters/0/window/weekly/0/end",
            "\"24:00\"",
            "clusters[0].window.weekly[0].end '24:00' is not a time of day; use HH:mm from 00:00"
                + " to 23:59 (an end at or before the start ends the next day, so 22:00-00:00 runs"
                + " to midnight)"),
        of(
            "/clusters/0/window/weekly/0",
            "null",
            "clusters[0].window.weekly[0] is empty; give start and end (HH:mm) and optionally"
                + " days"),
        of(
            "/clusters/0/window/blackouts/0",
            "\"2026-12-26..2026-12-24\"",
            "clusters[0].window.blackouts[0] '2026-12-26..2026-12-24' ends before it starts;"
                + " write the earlier date first"),
        of(
            "/clusters/0/window/blackouts/1",
            "\"New Year\"",
            "clusters[0].window.blackouts[1] 'New Year' is not a date; use a date like 2026-12-24"
                + " or an inclusive range like 2026-12-24..2026-12-26"),
        of(
            "/clusters/0/window/blackouts/1",
            "\"2027-02-30\"",
            "clusters[0].window.blackouts[1] '2027-02-30' is not a date; use a date like"
                + " 2026-12-24 or an inclusive range like 2026-12-24..2026-12-26"),
        of(
            "/clusters/0/window/blackouts/1",
            "null",
            "clusters[0].window.blackouts[1] is empty; use a date like 2026-12-24 or an inclusive"
                + " range like 2026-12-24..2026-12-26"),
        // selectors
        of(
            "/grids/clusters",
            "[\"ap-1\"]",
            "grids.clusters: cluster 'ap-1' is not in clusters; add it there (with its window) or"
                + " remove it here"),
        of(
            "/grids/clusterLabels",
            "{\"env\": \"dev\"}",
            "grids.clusterLabels {env=dev} match no cluster in clusters; correct them or give a"
                + " cluster these labels"),
        of(
            "/grids/namespaces/0",
            "\"Grids\"",
            "grids.namespaces[0] 'Grids' is not a valid namespace (" + LABEL + ")"),
        of(
            "/stages/2/select/kinds",
            "[\"redis\"]",
            "stages[2].select.kinds: unknown kind 'redis'; the kinds are " + KINDS),
        of(
            "/stages/2/select/explicit",
            "[{\"cluster\": \"eu-1\", \"namespace\": \"grids\", \"name\": \"dg\", \"kind\":"
                + " \"infinispan\"}]",
            "stages[2].select: explicit names the grids exactly; remove clusters, clusterLabels,"
                + " kinds, namespaces and labels beside it, or remove explicit"),
        of(
            "/stages/0/select",
            "{\"explicit\": [null]}",
            "stages[0].select.explicit[0] is empty; give cluster, namespace, name and kind"),
        of(
            "/stages/0/select",
            "{\"explicit\": [{\"cluster\": \"eu-1\", \"namespace\": \"grids\", \"name\": \"dg\"}]}",
            "stages[0].select.explicit[0].kind is empty; give the grid's kind, one of " + KINDS),
        of(
            "/stages/0/select",
            "{\"explicit\": [{\"cluster\": \"eu-1\", \"namespace\": \"grids\", \"name\": \"dg\","
                + " \"kind\": \"redis\"}]}",
            "stages[0].select.explicit[0].kind: unknown kind 'redis'; the kinds are " + KINDS),
        of(
            "/stages/0/select",
            "{\"explicit\": [{\"cluster\": \"ap-1\", \"namespace\": \"grids\", \"name\": \"dg\","
                + " \"kind\": \"infinispan\"}]}",
            "stages[0].select.explicit[0].cluster: cluster 'ap-1' is not in clusters; add it there"
                + " (with its window) or remove it here"),
        of(
            "/stages/0/select",
            "{\"explicit\": [{\"cluster\": \"eu-1\", \"name\": \"dg\", \"kind\": \"infinispan\"}]}",
            "stages[0].select.explicit[0].namespace is empty; give a namespace"),
        of(
            "/stages/0/select",
            "{\"explicit\": [{\"cluster\": \"eu-1\", \"namespace\": \"grids\", \"name\": \"-dg\","
                + " \"kind\": \"infinispan\"}]}",
            "stages[0].select.explicit[0].name '-dg' is not a valid grid name (" + LABEL + ")"),
        // targets
        of(
            "/targets/hazelcast",
            REMOVE,
            "targets.hazelcast is missing, and the fleet's grids selector takes hazelcast grids;"
                + " give its target version, or list only the kinds you mean in grids.kinds"),
        of(
            "/targets/redis",
            "{\"version\": \"7.2.4\"}",
            "targets: unknown kind 'redis'; the kinds are " + KINDS),
        of(
            "/targets/infinispan",
            "null",
            "targets.infinispan is missing; give version (e.g. 15.0.21.Final) or newestPatchOf and"
                + " allowed"),
        of(
            "/targets/infinispan",
            "{}",
            "targets.infinispan gives no version; give exactly one: version (an exact version) or"
                + " newestPatchOf (X.Y) with allowed"),
        of(
            "/targets/infinispan/newestPatchOf",
            "\"15.0\"",
            "targets.infinispan gives both version and newestPatchOf; give exactly one: version"
                + " (an exact version) or newestPatchOf (X.Y) with allowed"),
        of(
            "/targets/infinispan/version",
            "\"latest\"",
            "targets.infinispan.version 'latest' is not a version; write it as the product does,"
                + " e.g. 15.0.21.Final or 5.3.8"),
        of(
            "/targets/infinispan/allowed",
            "[\"15.0.21.Final\"]",
            "targets.infinispan.allowed is read only with newestPatchOf; remove it or remove"
                + " version"),
        of(
            "/targets/hazelcast/allowed/1",
            "\"newest\"",
            "targets.hazelcast.allowed[1] 'newest' is not a version; write it as the product does,"
                + " e.g. 15.0.21.Final or 5.3.8"),
        of(
            "/targets/hazelcast/newestPatchOf",
            "\"5\"",
            "targets.hazelcast.newestPatchOf '5' is not a major.minor version; write it as X.Y,"
                + " e.g. 15.0 or 5.3"),
        of(
            "/targets/hazelcast/newestPatchOf",
            "\"5.4\"",
            "targets.hazelcast.allowed [5.3.2, 5.3.8] holds no version of 5.4; add the 5.4.x"
                + " versions you allow, or change newestPatchOf"),
        // stages
        of("/stages/1", "null", "stages[1] is empty; give at least its name"),
        of("/stages/1/name", REMOVE, "stages[1].name is empty; give a stage name"),
        of(
            "/stages/1/name",
            "\"canary\"",
            "stages[1].name 'canary' is used twice; give each stage its own"),
        of(
            "/stages/0/count",
            "0",
            "stages[0].count 0 must be 1 or more; to take every remaining grid, leave count out"),
        of(
            "/stages/0/percent",
            "10",
            "stages[0] gives both count and percent; give one (count: a number of grids, percent:"
                + " a share of the grids remaining)"),
        of(
            "/stages/1/percent",
            "101",
            "stages[1].percent 101 must be between 1 and 100 (100: every grid left)"),
        of(
            "/stages/1/maxParallel",
            "0",
            "stages[1].maxParallel 0 must be between 1 and 500 (how many grids upgrade at once;"
                + " default 1)"),
        of(
            "/stages/1/maxParallel",
            "501",
            "stages[1].maxParallel 501 must be between 1 and 500 (how many grids upgrade at once;"
                + " default 1)"),
        of(
            "/stages/1/maxParallelPerCluster",
            "0",
            "stages[1].maxParallelPerCluster 0 must be 1 or more; leave it out for no limit beyond"
                + " maxParallel"),
        of(
            "/stages/1/maxFailures",
            "\"110%\"",
            "stages[1].maxFailures '110%' is not a failure budget; give a number of grids (0, 1,"
                + " 2...) or a percent of the stage's grids from 0% to 100%"),
        of(
            "/stages/1/bake",
            "\"a while\"",
            "stages[1].bake 'a while' is not a duration; use e.g. 30s, 10m, 1h30m, 2d or PT10M"),
        of(
            "/stages/1/approval/timeout",
            "\"10s\"",
            "stages[1].approval.timeout '10s' is shorter than 1m; a gate stays open between 1m and"
                + " 30d: use e.g. 30m, 24h or 7d (with onTimeout KEEP_WAITING to wait longer)"),
        // child defaults
        of(
            "/childDefaults/redis",
            "{\"kind\": \"infinispan\"}",
            "childDefaults: unknown kind 'redis'; the kinds are " + KINDS),
        of(
            "/childDefaults/hazelcast",
            "null",
            "childDefaults.hazelcast is empty; give the request fields every child gets, or"
                + " remove it"),
        of(
            "/childDefaults/hazelcast",
            "{\"kind\": \"infinispan\"}",
            "childDefaults.hazelcast has kind 'infinispan'; set kind: hazelcast or move it under"
                + " childDefaults.infinispan"),
        of(
            "/stages/1/approval/autoApprover",
            "\"mallory\"",
            "stages[1].approval.autoApprover is set by a fleet for its children's automatic passes;"
                + " leave it out"),
        of(
            "/childDefaults/hazelcast/gates",
            "{\"canary\": {\"approval\": \"AUTO\", \"autoApprover\": \"mallory\"}}",
            "childDefaults.hazelcast.gates.canary.autoApprover is set by a fleet for its children's"
                + " automatic passes; leave it out"),
        of(
            "/childDefaults/hazelcast/targetVersion",
            "\"5.3.8\"",
            "childDefaults.hazelcast.targetVersion is set by the fleet (from targets.hazelcast);"
                + " remove it here"),
        of(
            "/childDefaults/hazelcast/grid",
            "\"hz\"",
            "childDefaults.hazelcast.grid is set by the fleet (from each discovered grid); remove"
                + " it here"),
        of(
            "/childDefaults/hazelcast/cluster",
            "{\"cluster\": \"eu-1\"}",
            "childDefaults.hazelcast.cluster is set by the fleet (from the grid's cluster and"
                + " namespace); remove it here"),
        of(
            "/childDefaults/hazelcast/requestedBy",
            "\"bob\"",
            "childDefaults.hazelcast.requestedBy is set by the fleet (from the fleet's"
                + " requestedBy); remove it here"),
        of(
            "/childDefaults/hazelcast/dryRun",
            "true",
            "childDefaults.hazelcast.dryRun is set by the fleet (from the fleet's dryRun); remove"
                + " it here"),
        of(
            "/childDefaults/infinispan/gates/cut-over",
            "{\"approval\": \"AUTO\"}",
            "childDefaults.infinispan.gates: unknown gate 'cut-over'; the gates are"
                + " [writes-paused, switch-traffic, cutover, delete-source]"),
        of(
            "/childDefaults/infinispan/gates/cutover/timeout",
            "\"45d\"",
            "childDefaults.infinispan.gates.cutover.timeout '45d' is longer than 30d; a gate stays"
                + " open between 1m and 30d: use e.g. 30m, 24h or 7d (with onTimeout KEEP_WAITING"
                + " to wait longer)"));
  }

  @Test
  void aTargetIsNeededOnlyForTheKindsTheFleetSelects() throws Exception {
    ObjectNode onlyInfinispan = with("/grids/kinds", "[\"infinispan\"]");
    ((ObjectNode) onlyInfinispan.get("targets")).remove("hazelcast");
    assertThat(problems(onlyInfinispan)).isEmpty();

    ObjectNode explicit =
        with(
            "/grids",
            "{\"explicit\": [{\"cluster\": \"us-1\", \"namespace\": \"grids\", \"name\": \"hz\","
                + " \"kind\": \"hazelcast\"}]}");
    ((ObjectNode) explicit.get("targets")).remove("infinispan");
    assertThat(problems(explicit)).isEmpty();
  }

  @Test
  void problemsAreAllListedAtOnce() throws Exception {
    ObjectNode broken = with("/stages/0/count", "0");
    set(broken, "/name", JSON.readTree("\"Nightly\""));
    set(broken, "/stages/1/bake", JSON.readTree("\"soon\""));
    assertThat(problems(broken)).hasSize(3);
  }

  private static final String LABEL =
      "a-z, 0-9 and '-', starting and ending with a letter or digit";

  private static Arguments of(String pointer, String value, String expected) {
    return Arguments.of(pointer, value, expected);
  }

  private static List<String> problems(JsonNode spec) throws Exception {
    return FleetSpecProblems.problems(JSON.treeToValue(spec, FleetSpec.class), Fleets.KINDS);
  }

  /** The valid spec with the JSON pointer's field set to {@code value} (or removed). */
  private static ObjectNode with(String pointer, String value) throws Exception {
    ObjectNode spec = (ObjectNode) JSON.readTree(VALID);
    set(spec, pointer, REMOVE.equals(value) ? null : JSON.readTree(value));
    return spec;
  }

  private static void set(ObjectNode root, String pointer, JsonNode value) {
    int slash = pointer.lastIndexOf('/');
    JsonNode parent = root.at(pointer.substring(0, slash));
    String last = pointer.substring(slash + 1);
    if (parent instanceof ArrayNode array) {
      array.set(Integer.parseInt(last), value == null ? JSON.nullNode() : value);
    } else if (value == null) {
      ((ObjectNode) parent).remove(last);
    } else {
      ((ObjectNode) parent).set(last, value);
    }
  }
}
