package io.gridshift.starter.cli;

import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.UpgradeStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gridshift upgrade start}: starts (or plans) the upgrade a request file describes. */
@Command(
    name = "upgrade",
    synopsisSubcommandLabel = "start",
    description = "Start (or plan) an upgrade of one grid.")
final class UpgradeCommand implements Runnable {
  private final GridshiftCli cli;
  @Spec CommandSpec spec;

  UpgradeCommand(GridshiftCli cli) {
    this.cli = cli;
  }

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "missing 'start' after 'upgrade': gridshift upgrade start --file F");
  }

  @Command(
      name = "start",
      description = "Start the upgrade a request file describes, or plan it with --dry-run.",
      footer = {
        "%nexamples:",
        "  gridshift upgrade start --file request.json",
        "  gridshift upgrade start --file request.json --dry-run -o json",
        "  gridshift upgrade start --file request.json --server http://127.0.0.1:8080"
      })
  int start(
      @Option(
              names = "--file",
              required = true,
              paramLabel = "request.json",
              description = "the upgrade request")
          Path file,
      @Option(names = "--dry-run", description = "plan only: nothing changes") boolean dryRun,
      @Mixin OutputOptions output) {
    String request = read(file);
    PrintStream out = cli.out();
    try (UpgradeClient client = cli.client()) {
      UpgradeClient.Started started = client.start(request, dryRun);
      if (started.plan() != null) {
        return printPlan(started, output, out);
      }
      out.println("started " + started.workflowId());
      if (started.location() != null) {
        out.println("  " + started.location());
      }
      out.println(
          "follow it with: ./gridshift status " + started.workflowId() + cli.commandOptions());
      return ExitCodes.OK;
    }
  }

  /** Prints a dry run's plan; a refused plan is exit {@link ExitCodes#FAILED} with every reason. */
  private int printPlan(UpgradeClient.Started dryRun, OutputOptions output, PrintStream out) {
    UpgradeStatus plan = dryRun.plan();
    if (output.table()) {
      StatusPrinter.print(plan, out, cli.commandOptions());
      out.println();
      out.println(OutputOptions.render(plan.details(), OutputOptions.Format.JSON));
    } else {
      output.print(plan, out);
    }
    if (dryRun.problems().isEmpty() && plan.phase() == Phase.PLANNED) {
      return ExitCodes.OK;
    }
    throw new CliException(
        ExitCodes.FAILED,
        "the dry run " + dryRun.workflowId() + " refused the upgrade; nothing was changed:",
        dryRun.problems().isEmpty() ? List.of(String.valueOf(plan.message())) : dryRun.problems());
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new CliException(ExitCodes.USAGE, "request file " + file + " does not exist");
    } catch (IOException e) {
      throw new CliException(ExitCodes.USAGE, "cannot read " + file + ": " + e.getMessage());
    }
  }
}
