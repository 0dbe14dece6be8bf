package io.gridshift.starter.cli;

import io.gridshift.starter.UpgradeFilter;
import io.gridshift.starter.UpgradeSummary;
import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.Phase;
import io.gridshift.workflows.common.UpgradeStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The upgrade verbs: {@code upgrade start}, {@code status}, {@code list}, {@code approve}, {@code
 * reject}, {@code pause}, {@code resume}, {@code abort}. Each checks its arguments (picocli) before
 * it connects, and returns an exit code ({@link ExitCodes}).
 */
@Command(name = "upgrades")
final class Commands {
  private static final String COMMENT = "why, for the audit log";

  private final GridshiftCli cli;

  Commands(GridshiftCli cli) {
    this.cli = cli;
  }

  /** {@code gridshift upgrade start}. */
  @Command(
      name = "upgrade",
      synopsisSubcommandLabel = "start",
      description = "Start (or plan) an upgrade of one grid.")
  static final class Upgrade implements Runnable {
    private final GridshiftCli cli;
    @Spec CommandSpec spec;

    Upgrade(GridshiftCli cli) {
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

    /**
     * Prints a dry run's plan; a refused plan is exit {@link ExitCodes#FAILED} with every reason.
     */
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
          dryRun.problems().isEmpty()
              ? List.of(String.valueOf(plan.message()))
              : dryRun.problems());
    }
  }

  @Command(
      name = "status",
      description = {
        "Show an upgrade: steps, open gate (with the commands that decide it), audit log.",
        "With --watch, follow it until it ends or a gate opens, printing a line on each change;",
        "then exit 0 when it completed, 7 when it failed, was aborted or needs attention, 8 when",
        "a gate is open (it waits for a decision)."
      },
      footer = {
        "%nexamples:",
        "  gridshift status dg-15.0.21.Final",
        "  gridshift status dg-15.0.21.Final -o yaml",
        "  gridshift status dg-15.0.21.Final --watch --interval 5s && echo done"
      })
  int status(
      @Parameters(paramLabel = "<workflow-id>", description = "the upgrade's workflow id")
          String id,
      @Option(names = "--watch", description = "follow it until it ends or a gate opens")
          boolean watch,
      @Option(
              names = "--interval",
              paramLabel = "DURATION",
              defaultValue = "2s",
              description = "how often --watch asks (e.g. 500ms, 2s, 1m; default ${DEFAULT-VALUE})")
          String interval,
      @Mixin OutputOptions output) {
    PrintStream out = cli.out();
    try (UpgradeClient client = cli.client()) {
      if (watch) {
        Duration every = StatusWatcher.parseInterval(interval);
        // Progress lines go to stdout for a person, to stderr when stdout is a document.
        StatusWatcher watcher =
            new StatusWatcher(client::status, output.table() ? out : cli.err(), every);
        StatusWatcher.Outcome outcome = watcher.watch(id);
        print(outcome.status(), output, out);
        return outcome.exitCode();
      }
      print(client.status(id), output, out);
      return ExitCodes.OK;
    }
  }

  private void print(UpgradeStatus status, OutputOptions output, PrintStream out) {
    if (output.table()) {
      StatusPrinter.print(status, out, cli.commandOptions());
    } else {
      output.print(status, out);
    }
  }

  @Command(
      name = "list",
      description = "List open and recent upgrades, newest first.",
      footer = {
        "%nexamples:",
        "  gridshift list",
        "  gridshift list --cluster prod-eu --status running",
        "  gridshift list -o json | jq -r '.[].workflowId'"
      })
  int list(
      @Option(names = "--cluster", paramLabel = "C", description = "only this cluster")
          String cluster,
      @Option(names = "--grid", paramLabel = "G", description = "only this grid") String grid,
      @Option(names = "--namespace", paramLabel = "N", description = "only this namespace")
          String namespace,
      @Option(
              names = "--status",
              paramLabel = "S",
              description = "running, completed, failed, ... (case does not matter)")
          String status,
      @Mixin OutputOptions output) {
    UpgradeFilter filter = new UpgradeFilter(cluster, namespace, grid, status);
    try (UpgradeClient client = cli.client()) {
      List<UpgradeSummary> upgrades = client.list(filter);
      if (output.table()) {
        ListPrinter.print(upgrades, cli.out());
      } else {
        output.print(upgrades, cli.out());
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "approve",
      description = "Approve an upgrade's open gate.",
      footer = {
        "%nexample:",
        "  gridshift approve dg-15.0.21.Final switch-traffic --comment \"dashboards green\""
      })
  int approve(
      @Parameters(paramLabel = "<workflow-id>") String id,
      @Parameters(paramLabel = "<gate>") String gate,
      @Option(names = "--comment", paramLabel = "TEXT", description = COMMENT) String comment) {
    return decide(id, gate, true, comment);
  }

  @Command(
      name = "reject",
      description = "Reject an upgrade's open gate (the upgrade compensates or stops).",
      footer = {
        "%nexample:",
        "  gridshift reject dg-15.0.21.Final cutover --comment \"errors on the target\""
      })
  int reject(
      @Parameters(paramLabel = "<workflow-id>") String id,
      @Parameters(paramLabel = "<gate>") String gate,
      @Option(names = "--comment", paramLabel = "TEXT", description = COMMENT) String comment) {
    return decide(id, gate, false, comment);
  }

  private int decide(String id, String gate, boolean approve, String comment) {
    try (UpgradeClient client = cli.client()) {
      AuditEntry entry = client.decide(id, gate, approve, comment);
      cli.out()
          .printf(
              "%s: gate '%s' of %s by %s at %s%n",
              entry.action(), gate, id, entry.by(), entry.at());
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "pause",
      description = "Pause an upgrade before its next step.",
      footer = {"%nexample:", "  gridshift pause dg-15.0.21.Final --comment \"change freeze\""})
  int pause(
      @Parameters(paramLabel = "<workflow-id>") String id,
      @Option(names = "--comment", paramLabel = "TEXT", description = COMMENT) String comment) {
    return control(id, "pause", comment);
  }

  @Command(
      name = "resume",
      description = "Resume a paused upgrade.",
      footer = {"%nexample:", "  gridshift resume dg-15.0.21.Final"})
  int resume(
      @Parameters(paramLabel = "<workflow-id>") String id,
      @Option(names = "--comment", paramLabel = "TEXT", description = COMMENT) String comment) {
    return control(id, "resume", comment);
  }

  @Command(
      name = "abort",
      description = "Abort an upgrade: it compensates what it changed, as far as it safely can.",
      footer = {"%nexample:", "  gridshift abort dg-15.0.21.Final --comment \"wrong version\""})
  int abort(
      @Parameters(paramLabel = "<workflow-id>") String id,
      @Option(names = "--comment", paramLabel = "TEXT", description = COMMENT) String comment) {
    return control(id, "abort", comment);
  }

  private int control(String id, String action, String comment) {
    try (UpgradeClient client = cli.client()) {
      AuditEntry entry = client.control(id, action, comment);
      cli.out()
          .printf(
              "%s: %s by %s at %s; follow it with ./gridshift status %s%s%n",
              entry.action(), id, entry.by(), entry.at(), id, cli.commandOptions());
      return ExitCodes.OK;
    }
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
