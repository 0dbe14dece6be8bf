package io.gridshift.starter.cli;

import io.gridshift.starter.UpgradeFilter;
import io.gridshift.starter.UpgradeSummary;
import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.UpgradeStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The root command: the global options (inherited by every verb, so they go before or after it),
 * {@code help}, and the upgrade verbs {@code status}, {@code list}, {@code approve}, {@code
 * reject}, {@code pause}, {@code resume}, {@code abort} ({@code upgrade start} is {@link
 * UpgradeCommand}). Each verb checks its arguments (picocli) before it connects, and returns an
 * exit code ({@link ExitCodes}).
 */
@Command(
    name = "gridshift",
    synopsisSubcommandLabel = "COMMAND",
    description =
        "Upgrade Infinispan and Hazelcast grids on Kubernetes, one at a time or as fleets.",
    footer = {
      "",
      "Run 'gridshift COMMAND --help' for a command's options and examples; the fleet commands:",
      "  gridshift fleet start|status|list|approve|reject|pause|resume|abort|skip|retry ...",
      "  gridshift fleet schedule create|list|describe|pause|unpause|trigger|delete ...",
      "",
      "Through the REST service (./gridshift server):",
      "  --server URL (or env GRIDSHIFT_SERVER); credentials from env GRIDSHIFT_TOKEN, or",
      "  GRIDSHIFT_USER and GRIDSHIFT_PASSWORD; you act as the user you authenticate as",
      "Directly on Temporal:",
      "  --temporal HOST:PORT (env GRIDSHIFT_TEMPORAL, default 127.0.0.1:7233),",
      "  --temporal-namespace NAME (env GRIDSHIFT_TEMPORAL_NAMESPACE, default: default), TLS and",
      "  API key from the environment as for the worker; --by NAME (default: $USER, else your",
      "  login name) is who the audit log records",
      "Read commands print -o table (default), json or yaml; json/yaml are the REST API's fields.",
      "",
      "exit codes: 0 ok, 1 failed (Temporal or the server unreachable, a refused dry run),",
      "  2 usage, 3 not found, 4 conflict (refused by the upgrade or fleet: gate not open, not",
      "  paused, already running), 5 invalid request, 6 denied (credentials, role, four-eyes),",
      "  status --watch: 7 the upgrade ended unsuccessfully (failed, aborted, needs attention),",
      "  8 a gate is open and waits for a decision"
    })
final class Commands implements Runnable {
  private static final String COMMENT = "why, for the audit log";

  private final GridshiftCli cli;

  @Option(
      names = "--server",
      paramLabel = "URL",
      scope = ScopeType.INHERIT,
      description = "the REST service (env GRIDSHIFT_SERVER); without it: Temporal directly")
  String server;

  @Option(
      names = "--temporal",
      paramLabel = "HOST:PORT",
      scope = ScopeType.INHERIT,
      description = "Temporal's frontend (env GRIDSHIFT_TEMPORAL, default 127.0.0.1:7233)")
  String temporal;

  @Option(
      names = "--temporal-namespace",
      paramLabel = "NAME",
      scope = ScopeType.INHERIT,
      description = "Temporal namespace (env GRIDSHIFT_TEMPORAL_NAMESPACE, default: default)")
  String temporalNamespace;

  @Option(
      names = "--by",
      paramLabel = "NAME",
      scope = ScopeType.INHERIT,
      description = "who the audit log records, directly on Temporal only (default: $USER)")
  String by;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      scope = ScopeType.INHERIT,
      description = "this command's usage, options and examples")
  boolean help;

  @Spec CommandSpec spec;

  Commands(GridshiftCli cli) {
    this.cli = cli;
  }

  /** No command: the usage, as a usage error. */
  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing command");
  }

  /** {@code gridshift help [COMMAND...]}: the usage of gridshift, or of the command named. */
  @Command(
      name = "help",
      description = "Show the usage of gridshift, or of a command (the same as COMMAND --help).",
      footer = {"%nexamples:", "  gridshift help", "  gridshift help fleet schedule create"})
  int help(@Parameters(arity = "0..*", paramLabel = "COMMAND") List<String> words) {
    CommandLine command = spec.commandLine();
    for (String word : words == null ? List.<String>of() : words) {
      CommandLine sub = command.getSubcommands().get(word);
      if (sub == null) {
        throw new ParameterException(
            command,
            "no command '"
                + word
                + "' in '"
                + command.getCommandSpec().qualifiedName(" ")
                + "'; use one of "
                + new java.util.TreeSet<>(command.getSubcommands().keySet()));
      }
      command = sub;
    }
    command.usage(spec.commandLine().getOut());
    return ExitCodes.OK;
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
        "  gridshift status infinispan-upgrade-prod-eu-1-prod-dg",
        "  gridshift status infinispan-upgrade-prod-eu-1-prod-dg -o yaml",
        "  gridshift status infinispan-upgrade-prod-eu-1-prod-dg --watch --interval 5s && echo done"
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
    Duration every = StatusWatcher.parseInterval(interval);
    try (UpgradeClient client = cli.client()) {
      if (watch) {
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
        "  gridshift approve infinispan-upgrade-prod-eu-1-prod-dg switch-traffic --comment \"dashboards green\""
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
        "  gridshift reject infinispan-upgrade-prod-eu-1-prod-dg cutover --comment \"errors on the target\""
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
      footer = {
        "%nexample:",
        "  gridshift pause infinispan-upgrade-prod-eu-1-prod-dg --comment \"change freeze\""
      })
  int pause(
      @Parameters(paramLabel = "<workflow-id>") String id,
      @Option(names = "--comment", paramLabel = "TEXT", description = COMMENT) String comment) {
    return control(id, "pause", comment);
  }

  @Command(
      name = "resume",
      description = "Resume a paused upgrade.",
      footer = {"%nexample:", "  gridshift resume infinispan-upgrade-prod-eu-1-prod-dg"})
  int resume(
      @Parameters(paramLabel = "<workflow-id>") String id,
      @Option(names = "--comment", paramLabel = "TEXT", description = COMMENT) String comment) {
    return control(id, "resume", comment);
  }

  @Command(
      name = "abort",
      description = "Abort an upgrade: it compensates what it changed, as far as it safely can.",
      footer = {
        "%nexample:",
        "  gridshift abort infinispan-upgrade-prod-eu-1-prod-dg --comment \"wrong version\""
      })
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
}
