package io.gridshift.starter.cli;

import io.gridshift.starter.Json;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The CLI's commands over one {@link UpgradeClient}; each returns an exit code. */
final class Commands {
  private final UpgradeClient client;
  private final PrintStream out;
  private final String commandOptions;

  /**
   * @param commandOptions options to repeat in the commands this prints (e.g. {@code --server
   *     URL}), so a person can copy them as they are
   */
  Commands(UpgradeClient client, PrintStream out, String commandOptions) {
    this.client = client;
    this.out = out;
    this.commandOptions = commandOptions;
  }

  /** Options every command accepts: where to connect, who acts, help. */
  static final Set<String> CONNECTION =
      Set.of("server", "temporal", "temporal-namespace", "by", "help");

  /** The options of each command (besides {@link #CONNECTION}) and its positional words. */
  private record Syntax(Set<String> options, int positionals) {}

  private static final Map<String, Syntax> SYNTAX =
      Map.of(
          "upgrade", new Syntax(Set.of("file", "dry-run", "json"), 2),
          "status", new Syntax(Set.of("json"), 2),
          "list", new Syntax(Set.of("cluster", "grid", "namespace", "status", "json"), 1),
          "approve", new Syntax(Set.of("comment"), 3),
          "reject", new Syntax(Set.of("comment"), 3),
          "pause", new Syntax(Set.of("comment"), 2),
          "resume", new Syntax(Set.of("comment"), 2),
          "abort", new Syntax(Set.of("comment"), 2));

  /**
   * Refuses an unknown command, an option the command does not take, or an extra argument, before
   * anything is sent.
   */
  static void check(Args args) {
    String command = args.positional(0, "command");
    if (command.equals("fleet")) {
      FleetCommands.check(args);
      return;
    }
    Syntax syntax = SYNTAX.get(command);
    if (syntax == null) {
      throw usage("unknown command '" + command + "'");
    }
    Set<String> allowed = new HashSet<>(CONNECTION);
    allowed.addAll(syntax.options());
    args.requireOnly(command, allowed, syntax.positionals());
  }

  int run(Args args) {
    check(args);
    String command = args.positional(0, "command");
    return switch (command) {
      case "upgrade" -> upgrade(args);
      case "status" -> status(args);
      case "list" -> list(args);
      case "approve", "reject" -> decide(command, args);
      case "pause", "resume", "abort" -> control(command, args);
      case "fleet" -> new FleetCommands(client.fleets(), out, commandOptions).run(args);
      default -> throw usage("unknown command '" + command + "'");
    };
  }

  private int upgrade(Args args) {
    String sub = args.positional(1, "'start' after 'upgrade'");
    if (!"start".equals(sub)) {
      throw usage("unknown subcommand 'upgrade " + sub + "'; did you mean 'upgrade start'?");
    }
    String file = args.option("file", null);
    if (file == null) {
      throw usage("upgrade start needs --file request.json");
    }
    UpgradeClient.Started started = client.start(read(file), args.flag("dry-run"));
    if (started.plan() != null) {
      return printPlan(started, args.flag("json"));
    }
    out.println("started " + started.workflowId());
    if (started.location() != null) {
      out.println("  " + started.location());
    }
    out.println("follow it with: ./gridshift status " + started.workflowId() + commandOptions);
    return ExitCodes.OK;
  }

  /** Prints a dry run's plan; a refused plan is exit {@link ExitCodes#FAILED} with every reason. */
  private int printPlan(UpgradeClient.Started dryRun, boolean asJson) {
    UpgradeStatus plan = dryRun.plan();
    if (asJson) {
      printJson(plan);
    } else {
      StatusPrinter.print(plan, out, commandOptions);
      out.println();
      printJson(plan.details());
    }
    if (dryRun.problems().isEmpty() && plan.phase() == Phase.PLANNED) {
      return ExitCodes.OK;
    }
    throw new CliException(
        ExitCodes.FAILED,
        "the dry run " + dryRun.workflowId() + " refused the upgrade; nothing was changed:",
        dryRun.problems().isEmpty() ? List.of(String.valueOf(plan.message())) : dryRun.problems());
  }

  private int status(Args args) {
    UpgradeStatus status = client.status(args.positional(1, "workflow id"));
    if (args.flag("json")) {
      printJson(status);
    } else {
      StatusPrinter.print(status, out, commandOptions);
    }
    return ExitCodes.OK;
  }

  private int list(Args args) {
    List<UpgradeSummary> upgrades =
        client.list(
            new UpgradeFilter(
                args.option("cluster", null),
                args.option("namespace", null),
                args.option("grid", null),
                args.option("status", null)));
    if (args.flag("json")) {
      printJson(upgrades);
    } else {
      ListPrinter.print(upgrades, out);
    }
    return ExitCodes.OK;
  }

  private int decide(String verb, Args args) {
    String id = args.positional(1, "workflow id");
    String gate = args.positional(2, "gate name");
    AuditEntry entry =
        client.decide(id, gate, verb.equals("approve"), args.option("comment", null));
    out.printf(
        "%s: gate '%s' of %s by %s at %s%n", entry.action(), gate, id, entry.by(), entry.at());
    return ExitCodes.OK;
  }

  private int control(String action, Args args) {
    String id = args.positional(1, "workflow id");
    AuditEntry entry = client.control(id, action, args.option("comment", null));
    out.printf(
        "%s: %s by %s at %s; follow it with ./gridshift status %s%s%n",
        entry.action(), id, entry.by(), entry.at(), id, commandOptions);
    return ExitCodes.OK;
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (NoSuchFileException e) {
      throw usage("request file " + file + " does not exist");
    } catch (IOException e) {
      throw usage("cannot read " + file + ": " + e.getMessage());
    }
  }

  private void printJson(Object value) {
    try {
      out.println(Json.mapper().writeValueAsString(value));
    } catch (IOException e) {
      throw new IllegalStateException("cannot render JSON", e);
    }
  }

  private static CliException usage(String problem) {
    return new CliException(ExitCodes.USAGE, problem);
  }
}
