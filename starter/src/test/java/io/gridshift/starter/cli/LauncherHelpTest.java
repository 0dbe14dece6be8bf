package io.gridshift.starter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code ./gridshift --help} (the launcher script, whose help never builds anything) names every
 * CLI command.
 */
class LauncherHelpTest {

  @Test
  void helpNamesEveryCliCommand() throws Exception {
    Path launcher = Path.of("").toAbsolutePath().getParent().resolve("gridshift");
    assertThat(launcher).exists();
    Process help =
        new ProcessBuilder("bash", launcher.toString(), "--help").redirectErrorStream(true).start();
    assertThat(help.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String text = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(help.exitValue()).as(text).isZero();
    // The same verbs as the CLI's own --help (CliHelpTest), so the two cannot drift apart.
    for (String command : CliHelpTest.VERBS) {
      assertThat(text).as("launcher help").containsPattern("[ |]" + command + "[ |]");
    }
    assertThat(text).contains("-o table|json|yaml").contains("--watch");
    assertThat(text).contains("help cli");
    assertThat(text)
        .as("launcher help")
        .containsPattern(
            "fleet start\\|status\\|list\\|approve\\|reject\\|pause\\|resume\\|abort\\|skip\\|retry");
  }
}
