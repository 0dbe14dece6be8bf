package io.gridshift.starter.cli;

import io.gridshift.starter.FleetSummary;
import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.fleet.FleetStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gridshift fleet ...}: start (or plan) a fleet, read it, list fleets, decide its gates,
 * pause/resume/abort it, skip or retry one of its grids, over the transport's {@link FleetClient}.
 * Exit codes and errors are the upgrade commands' ({@link ExitCodes}).
 */
@Command(
    name = "fleet",
    synopsisSubcommandLabel = "COMMAND",
    description = "Upgrade many grids in stages, with a failure budget and gates between stages.",
    footer = {
      "%nexamples:",
      "  gridshift fleet start --file fleet.yaml --dry-run",
      "  gridshift fleet status fleet-weekly -o yaml",
      "  gridshift fleet skip fleet-weekly prod-eu/apps/dg --comment \"maintenance\""
    })
final class FleetCommands implements Runnable {
  private static final Pattern GRID = Pattern.compile("[^/\\s]+/[^/\\s]+/[^/\\s]+");
  private static final String ID = "<fleet-id>";
  private static final String ID_TEXT = "the fleet's workflow id (a fleet NAME runs as fleet-NAME)";
  private static final String COMMENT = "why, for the audit log";

  private final GridshiftCli cli;
  @Spec CommandSpec spec;

  FleetCommands(GridshiftCli cli) {
    this.cli = cli;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing fleet subcommand");
  }

  @Command(
      name = "start",
      description = "Start the fleet a spec file describes (YAML or JSON), or plan it.",
      footer = {
        "%nexamples:",
        "  gridshift fleet start --file fleet.yaml",
        "  gridshift fleet start --file fleet.yaml --dry-run -o json"
      })
  int start(
      @Option(names = "--file", required = true, paramLabel = "fleet.yaml") Path file,
      @Option(names = "--dry-run", description = "plan only: nothing changes") boolean dryRun,
      @Mixin OutputOptions output) {
    String spec = read(file);
    PrintStream out = cli.out();
    return withClient(
        client -> {
          FleetClient.Started started = client.start(spec, dryRun);
          if (started.plan() != null) {
            return printPlan(started, file, output);
          }
          out.println("started fleet " + started.workflowId());
          if (started.location() != null) {
            out.println("  " + started.location());
          }
          out.println(
              "follow it with: ./gridshift fleet status "
                  + started.workflowId()
                  + cli.commandOptions());
          return ExitCodes.OK;
        });
  }

  /**
   * Prints a dry run's plan. Refused grids are listed with their reasons but do not fail the
   * command: the fleet runs the others. A fleet that would not start at all is exit {@link
   * ExitCodes#FAILED}.
   */
  private int printPlan(FleetClient.Started dryRun, Path file, OutputOptions output) {
    PrintStream out = cli.out();
    if (output.table()) {
      FleetPrinter.print(dryRun.plan(), out, cli.commandOptions());
    } else {
      output.print(dryRun.plan(), out);
    }
    if (dryRun.refusal() != null) {
      throw new CliException(ExitCodes.FAILED, dryRun.refusal());
    }
    if (output.table()) {
      out.printf(
          "%ndry run %s: nothing was changed; start the fleet with ./gridshift fleet start"
              + " --file %s%s%n",
          dryRun.workflowId(), file, cli.commandOptions());
    }
    return ExitCodes.OK;
  }

  @Command(
      name = "status",
      description = "Show a fleet: stages, grids, budget, agents, open gate, audit log.",
      footer = {
        "%nexamples:",
        "  gridshift fleet status fleet-weekly",
        "  gridshift fleet status fleet-weekly -o json"
      })
  int status(
      @Parameters(paramLabel = ID, description = ID_TEXT) String id, @Mixin OutputOptions output) {
    return withClient(
        client -> {
          FleetStatus status = client.status(id);
          if (output.table()) {
            FleetPrinter.print(status, cli.out(), cli.commandOptions());
          } else {
            output.print(status, cli.out());
          }
          return ExitCodes.OK;
        });
  }

  @Command(
      name = "list",
      description = "List fleet runs and dry runs, newest first.",
      footer = {"%nexamples:", "  gridshift fleet list", "  gridshift fleet list -o yaml"})
  int list(@Mixin OutputOptions output) {
    return withClient(
        client -> {
          List<FleetSummary> fleets = client.list();
          if (output.table()) {
            FleetPrinter.printList(fleets, cli.out());
          } else {
            output.print(fleets, cli.out());
          }
          return ExitCodes.OK;
        });
  }

  @Command(
      name = "approve",
      description = "Approve a fleet's open gate.",
      footer = {"%nexample:", "  gridshift fleet approve fleet-weekly canary --comment \"ok\""})
  int approve(
      @Parameters(paramLabel = ID, description = ID_TEXT) String id,
      @Parameters(paramLabel = "<gate>") String gate,
      @Option(names = "--comment", paramLabel = "TEXT", description = COMMENT) String comment) {
    return decide(id, gate, true, comment);
  }

  @Command(
      name = "reject",
      description = "Reject a fleet's open gate.",
      footer = {"%nexample:", "  gridshift fleet reject fleet-weekly canary --comment \"errors\""})
  int reject(
      @Parameters(paramLabel = ID, description = ID_TEXT) String id,
      @Parameters(paramLabel = "<gate>") String gate,
      @Option(names = "--comment", paramLabel = "TEXT", description = COMMENT) String comment) {
    return decide(id, gate, false, comment);
  }

  private int decide(String id, String gate, boolean approve, String comment) {
    return withClient(
        client -> {
          AuditEntry entry = client.decide(id, gate, approve, comment);
          cli.out()
              .printf(
                  "%s: gate '%s' of %s by %s at %s%n",
                  entry.action(), gate, id, entry.by(), entry.at());
          return ExitCodes.OK;
        });
  }

  @Command(
      name = "pause",
      description = "Pause a fleet: no new grid starts; running ones go on.",
      footer = {"%nexample:", "  gridshift fleet pause fleet-weekly --comment \"freeze\""})
  int pause(
      @Parameters(paramLabel = ID, description = ID_TEXT) String id,
      @Option(names = "--comment", paramLabel = "TEXT", description = COMMENT) String comment) {
    return control(id, "pause", comment);
  }

  @Command(
      name = "resume",
      description = "Resume a paused fleet.",
      footer = {"%nexample:", "  gridshift fleet resume fleet-weekly"})
  int resume(
      @Parameters(paramLabel = ID, description = ID_TEXT) String id,
      @Option(names = "--comment", paramLabel = "TEXT", description = COMMENT) String comment) {
    return control(id, "resume", comment);
  }

  @Command(
      name = "abort",
      description = "Abort a fleet: no new grid starts.",
      footer = {"%nexample:", "  gridshift fleet abort fleet-weekly --comment \"wrong version\""})
  int abort(
      @Parameters(paramLabel = ID, description = ID_TEXT) String id,
      @Option(names = "--comment", paramLabel = "TEXT", description = COMMENT) String comment) {
    return control(id, "abort", comment);
  }

  private int control(String id, String action, String comment) {
    return withClient(
        client -> {
          AuditEntry entry = client.control(id, action, comment);
          cli.out()
              .printf(
                  "%s: %s by %s at %s; follow it with ./gridshift fleet status %s%s%n",
                  entry.action(), id, entry.by(), entry.at(), id, cli.commandOptions());
          return ExitCodes.OK;
        });
  }

  @Command(
      name = "skip",
      description = "Skip one grid of a fleet (it is not upgraded).",
      footer = {"%nexample:", "  gridshift fleet skip fleet-weekly prod-eu/apps/dg"})
  int skip(
      @Parameters(paramLabel = ID, description = ID_TEXT) String id,
      @Parameters(paramLabel = "<cluster/namespace/name>") String grid,
      @Option(names = "--comment", paramLabel = "TEXT", description = COMMENT) String comment) {
    return grid(id, "skip", grid, comment);
  }

  @Command(
      name = "retry",
      description = "Retry one failed grid of a fleet.",
      footer = {"%nexample:", "  gridshift fleet retry fleet-weekly prod-eu/apps/dg"})
  int retry(
      @Parameters(paramLabel = ID, description = ID_TEXT) String id,
      @Parameters(paramLabel = "<cluster/namespace/name>") String grid,
      @Option(names = "--comment", paramLabel = "TEXT", description = COMMENT) String comment) {
    return grid(id, "retry", grid, comment);
  }

  private int grid(String id, String action, String grid, String comment) {
    if (!GRID.matcher(grid).matches()) {
      throw new CliException(
          ExitCodes.USAGE,
          "grid '" + grid + "' is not cluster/namespace/name, e.g. prod-eu/apps/dg");
    }
    return withClient(
        client -> {
          AuditEntry entry = client.grid(id, action, grid, comment);
          // The audit log has no action of its own for a grid's skip or retry: say the verb.
          cli.out()
              .printf(
                  "%s: grid %s of %s by %s at %s; follow it with ./gridshift fleet status %s%s%n",
                  action, grid, id, entry.by(), entry.at(), id, cli.commandOptions());
          return ExitCodes.OK;
        });
  }

  private int withClient(Function<FleetClient, Integer> command) {
    try (UpgradeClient client = cli.client()) {
      return command.apply(client.fleets());
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new CliException(ExitCodes.USAGE, "fleet spec file " + file + " does not exist");
    } catch (IOException e) {
      throw new CliException(ExitCodes.USAGE, "cannot read " + file + ": " + e.getMessage());
    }
  }
}
