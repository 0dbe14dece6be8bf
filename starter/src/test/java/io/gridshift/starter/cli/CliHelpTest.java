package io.gridshift.starter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's own help and completion, without any server: {@code --help} and {@code help} name every
 * verb, each verb's {@code --help} has a usage line and examples, and {@code completion bash} is a
 * bash script that completes the verbs for {@code gridshift} and {@code ./gridshift}.
 */
class CliHelpTest {
  /** Every verb the CLI and the launcher know (the launcher runs the last six itself). */
  static final List<String> VERBS =
      List.of(
          "upgrade",
          "status",
          "list",
          "approve",
          "reject",
          "pause",
          "resume",
          "abort",
          "fleet",
          "completion",
          "worker",
          "agent",
          "server",
          "sandbox",
          "demo",
          "hash-password");

  private final CliRunner cli =
      new CliRunner(
          Map.of(),
          (access, identity) -> {
            throw new AssertionError("help must not connect to Temporal");
          });

  @Test
  void helpListsEveryVerb() {
    for (String[] argv : new String[][] {{"--help"}, {"help"}, {"-h"}}) {
      CliRunner.Result help = cli.run(argv);
      assertThat(help.exitCode()).as(help.toString()).isZero();
      for (String verb : VERBS) {
        assertThat(help.out()).as(String.join(" ", argv)).containsPattern("(?m)^  " + verb + " ");
      }
    }
  }

  @Test
  void everyVerbHasItsOwnUsageAndExamples() {
    for (String verb : List.of("status", "list", "approve", "abort")) {
      CliRunner.Result help = cli.run(verb, "--help");
      assertThat(help.exitCode()).as(help.toString()).isZero();
      assertThat(help.out()).contains("usage: gridshift " + verb).containsPattern("examples?:");
    }
    CliRunner.Result schedule = cli.run("help", "fleet", "schedule", "create");
    assertThat(schedule.out())
        .contains("usage: gridshift fleet schedule create")
        .contains("--calendar");
    assertThat(cli.run("help", "nope").exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void launcherVerbsSayWhereTheyRun() {
    CliRunner.Result worker = cli.run("worker", "--config", "w.yaml");
    assertThat(worker.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(worker.err()).contains("run it as ./gridshift worker --config worker.yaml");
  }

  @Test
  void completionScriptCompletesEveryVerbForBothNames() {
    CliRunner.Result completion = cli.run("completion", "bash");
    assertThat(completion.exitCode()).as(completion.toString()).isZero();
    assertThat(completion.out())
        .startsWith("#!/usr/bin/env bash")
        .contains("complete -F _complete_gridshift -o default ./gridshift gridshift");
    for (String verb : VERBS) {
      assertThat(completion.out()).contains(verb);
    }
    assertThat(completion.out()).contains("schedule").contains("--watch").contains("--output");
    assertThat(cli.run("completion", "fish").exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  /** {@code source <(./gridshift completion bash)} in a real bash: fleet's subcommands complete. */
  @Test
  void bashSourcesTheScriptAndCompletesSubcommands(@TempDir Path dir) throws Exception {
    Path script = dir.resolve("gridshift-completion.bash");
    Files.writeString(script, cli.run("completion", "bash").out());
    String probe =
        "source '%s' 2>/dev/null; complete -p ./gridshift gridshift >/dev/null || exit 9;"
                .formatted(script)
            + " COMP_WORDS=(./gridshift fleet sch); COMP_CWORD=2; COMP_LINE='./gridshift fleet sch';"
            + " COMP_POINT=${#COMP_LINE}; _complete_gridshift 2>/dev/null; echo \"${COMPREPLY[@]}\"";
    Process bash = new ProcessBuilder("bash", "-c", probe).redirectErrorStream(true).start();
    assertThat(bash.waitFor(20, TimeUnit.SECONDS)).isTrue();
    String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bash.exitValue()).as(out).isZero();
    assertThat(out.trim()).isEqualTo("schedule");
  }

  @Test
  void outputFormatIsCheckedBeforeConnecting() {
    CliRunner.Result bad = cli.run("status", "x", "-o", "xml");
    assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err()).contains("xml").contains("TABLE, JSON, YAML");
    CliRunner.Result interval = cli.run("status", "x", "--watch", "--interval", "soon");
    assertThat(interval.exitCode()).isEqualTo(ExitCodes.USAGE);
  }
}
