package io.gridshift.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.GatePolicy;
import io.gridshift.workflows.common.OpenGate;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.UpgradeStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the demo prints for a person without {@code --yes}: commands to paste, pauses shown. */
class DemoPromptsTest {
  private static final String ID = "infinispan-upgrade-sandbox-default-dg";
  private static final OpenGate GATE =
      new OpenGate(
          "switch-traffic",
          "2026-12-06T20:00:00Z",
          "2026-12-07T20:00:00Z",
          GatePolicy.TimeoutAction.ABORT,
          "alice",
          false);

  @Test
  void theGatePromptPrintsCommandsThatCanBePastedAsTheyAre() {
    String prompt =
        UpgradeFollower.prompt(
            ID, GATE, "a note", new DemoCommands(DemoCommands.CLI_DEFAULT_TEMPORAL, "alice"));

    assertThat(prompt)
        .contains("    ./gridshift approve " + ID + " switch-traffic --by alice\n")
        .contains("    ./gridshift reject " + ID + " switch-traffic --by alice\n")
        .contains("a note")
        .contains("if nobody decides by then, the upgrade is aborted")
        .doesNotContain("NAME")
        .doesNotContain("TEXT");
  }

  @Test
  void commandsNameTheSandboxesTemporalWhenItIsNotTheDefaultAndQuoteOddNames() {
    DemoCommands commands = new DemoCommands("127.0.0.1:17233", "o'brien smith");

    assertThat(commands.decide("approve", ID, "cutover"))
        .isEqualTo(
            "./gridshift approve "
                + ID
                + " cutover --by 'o'\\''brien smith' --temporal 127.0.0.1:17233");
    assertThat(commands.control("resume", ID))
        .isEqualTo(
            "./gridshift resume " + ID + " --by 'o'\\''brien smith' --temporal 127.0.0.1:17233");
  }

  @Test
  void aPauseIsShownWithWhoCommentAndTheCommandThatResumes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    ProgressPrinter printer =
        new ProgressPrinter(out, new DemoCommands(DemoCommands.CLI_DEFAULT_TEMPORAL, "alice"));
    List<AuditEntry> audit = new ArrayList<>();
    printer.print(status(false, audit));
    audit.add(
        new AuditEntry(
            "2026-12-06T20:01:00Z", null, AuditEntry.Action.PAUSED, "bob", "lunch", null));
    printer.print(status(true, audit));
    printer.print(status(true, audit));
    audit.add(
        new AuditEntry("2026-12-06T20:05:00Z", null, AuditEntry.Action.RESUMED, "bob", null, null));
    printer.print(status(false, audit));

    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertThat(printed)
        .contains("PAUSED by bob: \"lunch\"")
        .contains("./gridshift resume " + ID + " --by alice")
        .contains("resumed by bob: the upgrade goes on");
    assertThat(printed.split("PAUSED by", -1)).as("said once, not at every poll").hasSize(2);
    assertThat(printed).contains("an open gate can still be decided");
  }

  private static UpgradeStatus status(boolean paused, List<AuditEntry> audit) {
    return new UpgradeStatus(
        ID,
        "infinispan",
        paused ? Phase.PAUSED : Phase.RUNNING,
        null,
        List.of(),
        null,
        List.copyOf(audit),
        paused,
        null,
        null);
  }
}
