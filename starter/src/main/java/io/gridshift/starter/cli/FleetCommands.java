package io.gridshift.starter.cli;

import io.gridshift.starter.FleetSummary;
import io.gridshift.starter.Json;
import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.fleet.FleetStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code gridshift fleet ...}: start (or plan) a fleet, read it, list fleets, decide its gates,
 * pause/resume/abort it, skip or retry one of its grids, over one {@link FleetClient}. Exit codes
 * and errors are the upgrade commands' ({@link ExitCodes}).
 */
final class FleetCommands {
  /** The options of each subcommand (besides the connection's) and its positional words. */
  private record Syntax(Set<String> options, int positionals) {}

  private static final Map<String, Syntax> SYNTAX =
      Map.of(
          "start", new Syntax(Set.of("file", "dry-run", "json"), 2),
          "status", new Syntax(Set.of("json"), 3),
          "list", new Syntax(Set.of("json"), 2),
          "approve", new Syntax(Set.of("comment"), 4),
          "reject", new Syntax(Set.of("comment"), 4),
          "pause", new Syntax(Set.of("comment"), 3),
          "resume", new Syntax(Set.of("comment"), 3),
          "abort", new Syntax(Set.of("comment"), 3),
          "skip", new Syntax(Set.of("comment"), 4),
          "retry", new Syntax(Set.of("comment"), 4));

  private static final Pattern GRID = Pattern.compile("[^/\\s]+/[^/\\s]+/[^/\\s]+");

  private final FleetClient client;
  private final PrintStream out;
  private final String commandOptions;

  /**
   * @param commandOptions options to repeat in the commands this prints (e.g. {@code --server URL})
   */
  FleetCommands(FleetClient client, PrintStream out, String commandOptions) {
    this.client = client;
    this.out = out;
    this.commandOptions = commandOptions;
  }

  /** Refuses an unknown subcommand, an option it does not take, or an extra argument. */
  static void check(Args args) {
    String sub = args.positional(1, "fleet subcommand: one of " + subcommands());
    Syntax syntax = SYNTAX.get(sub);
    if (syntax == null) {
      throw new CliException(
          ExitCodes.USAGE,
          "unknown subcommand 'fleet "
              + sub
              + "'; use one of "
              + subcommands()
              + ", or 'fleet schedule ...'");
    }
    Set<String> allowed = new HashSet<>(Commands.CONNECTION);
    allowed.addAll(syntax.options());
    args.requireOnly("fleet " + sub, allowed, syntax.positionals());
  }

  int run(Args args) {
    check(args);
    String sub = args.positional(1, "fleet subcommand");
    return switch (sub) {
      case "start" -> start(args);
      case "status" -> status(args);
      case "list" -> list(args);
      case "approve", "reject" -> decide(sub, args);
      case "pause", "resume", "abort" -> control(sub, args);
      case "skip", "retry" -> grid(sub, args);
      default -> throw new IllegalStateException("checked above: " + sub);
    };
  }

  private int start(Args args) {
    String file = args.option("file", null);
    if (file == null) {
      throw new CliException(ExitCodes.USAGE, "fleet start needs --file fleet.yaml");
    }
    FleetClient.Started started = client.start(read(file), args.flag("dry-run"));
    if (started.plan() != null) {
      return printPlan(started, file, args.flag("json"));
    }
    out.println("started fleet " + started.workflowId());
    if (started.location() != null) {
      out.println("  " + started.location());
    }
    out.println(
        "follow it with: ./gridshift fleet status " + started.workflowId() + commandOptions);
    return ExitCodes.OK;
  }

  /**
   * Prints a dry run's plan. Refused grids are listed with their reasons but do not fail the
   * command: the fleet runs the others. A fleet that would not start at all is exit {@link
   * ExitCodes#FAILED}.
   */
  private int printPlan(FleetClient.Started dryRun, String file, boolean asJson) {
    if (asJson) {
      printJson(dryRun.plan());
    } else {
      FleetPrinter.print(dryRun.plan(), out, commandOptions);
    }
    if (dryRun.refusal() != null) {
      throw new CliException(ExitCodes.FAILED, dryRun.refusal());
    }
    if (!asJson) {
      out.printf(
          "%ndry run %s: nothing was changed; start the fleet with ./gridshift fleet start"
              + " --file %s%s%n",
          dryRun.workflowId(), file, commandOptions);
    }
    return ExitCodes.OK;
  }

  private int status(Args args) {
    FleetStatus status = client.status(args.positional(2, "fleet workflow id"));
    if (args.flag("json")) {
      printJson(status);
    } else {
      FleetPrinter.print(status, out, commandOptions);
    }
    return ExitCodes.OK;
  }

  private int list(Args args) {
    List<FleetSummary> fleets = client.list();
    if (args.flag("json")) {
      printJson(fleets);
    } else {
      FleetPrinter.printList(fleets, out);
    }
    return ExitCodes.OK;
  }

  private int decide(String verb, Args args) {
    String id = args.positional(2, "fleet workflow id");
    String gate = args.positional(3, "gate name");
    AuditEntry entry =
        client.decide(id, gate, verb.equals("approve"), args.option("comment", null));
    out.printf(
        "%s: gate '%s' of %s by %s at %s%n", entry.action(), gate, id, entry.by(), entry.at());
    return ExitCodes.OK;
  }

  private int control(String action, Args args) {
    String id = args.positional(2, "fleet workflow id");
    AuditEntry entry = client.control(id, action, args.option("comment", null));
    out.printf(
        "%s: %s by %s at %s; follow it with ./gridshift fleet status %s%s%n",
        entry.action(), id, entry.by(), entry.at(), id, commandOptions);
    return ExitCodes.OK;
  }

  private int grid(String action, Args args) {
    String id = args.positional(2, "fleet workflow id");
    String grid = args.positional(3, "grid as cluster/namespace/name");
    if (!GRID.matcher(grid).matches()) {
      throw new CliException(
          ExitCodes.USAGE,
          "grid '" + grid + "' is not cluster/namespace/name, e.g. prod-eu/apps/dg");
    }
    AuditEntry entry = client.grid(id, action, grid, args.option("comment", null));
    // The audit log has no action of its own for a grid's skip or retry: say the verb asked for.
    out.printf(
        "%s: grid %s of %s by %s at %s; follow it with ./gridshift fleet status %s%s%n",
        action, grid, id, entry.by(), entry.at(), id, commandOptions);
    return ExitCodes.OK;
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (NoSuchFileException e) {
      throw new CliException(ExitCodes.USAGE, "fleet spec file " + file + " does not exist");
    } catch (IOException e) {
      throw new CliException(ExitCodes.USAGE, "cannot read " + file + ": " + e.getMessage());
    }
  }

  private void printJson(Object value) {
    try {
      out.println(Json.mapper().writeValueAsString(value));
    } catch (IOException e) {
      throw new IllegalStateException("cannot render JSON", e);
    }
  }

  private static List<String> subcommands() {
    return SYNTAX.keySet().stream().sorted().toList();
  }
}
