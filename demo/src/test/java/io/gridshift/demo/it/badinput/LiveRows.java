package io.gridshift.demo.it.badinput;

import static io.gridshift.demo.it.badinput.BadCase.cli;
import static io.gridshift.demo.it.badinput.BadCase.rest;
import static io.gridshift.demo.it.badinput.BadCase.workflow;
import static io.gridshift.demo.it.badinput.BadInputWorld.ALICE;
import static io.gridshift.demo.it.badinput.BadInputWorld.BOB;
import static io.gridshift.demo.it.badinput.BadInputWorld.LIVE;
import static io.gridshift.demo.it.badinput.BadInputWorld.LIVE_GATE;
import static io.gridshift.demo.it.badinput.Requests.ispn;
import static io.gridshift.demo.it.badinput.Requests.longText;
import static io.gridshift.demo.it.badinput.RestRows.UPGRADES;

import java.util.List;

/**
 * Rows that need the upgrade of dg waiting at gate switch-traffic (four-eyes on, requested by
 * alice), through every door.
 */
final class LiveRows {
  private LiveRows() {}

  static List<BadCase> rows() {
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
