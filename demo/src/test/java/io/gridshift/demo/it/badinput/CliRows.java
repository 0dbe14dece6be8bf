package io.gridshift.demo.it.badinput;

import static io.gridshift.demo.it.badinput.BadCase.cli;
import static io.gridshift.demo.it.badinput.BadInputWorld.ALICE;
import static io.gridshift.demo.it.badinput.BadInputWorld.BOB;
import static io.gridshift.demo.it.badinput.BadInputWorld.LIVE;
import static io.gridshift.demo.it.badinput.Requests.ispn;
import static io.gridshift.demo.it.badinput.Requests.longText;

import java.util.List;

/** The CLI's rows: command lines, request files and identities. */
final class CliRows {
  private CliRows() {}

  static List<BadCase> rows() {
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
}
