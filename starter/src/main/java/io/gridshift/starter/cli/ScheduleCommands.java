package io.gridshift.starter.cli;

import io.gridshift.starter.Json;
import io.gridshift.starter.UpgradeException;
import io.gridshift.starter.schedule.FleetScheduleRequest;
import io.gridshift.starter.schedule.FleetScheduleView;
import io.gridshift.starter.schedule.FleetSchedules;
import io.gridshift.starter.schedule.FleetSpecs;
import io.gridshift.workflows.common.InvalidRequestException;
import io.gridshift.workflows.fleet.FleetSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code gridshift fleet schedule create|list|describe|pause|unpause|trigger|delete}: recurring
 * fleet upgrades as Temporal Schedules ({@link FleetSchedules}), directly on Temporal.
 */
final class ScheduleCommands {
  /** The usage lines of these commands (the CLI's usage text includes them). */
  static final String USAGE =
      String.join(
          "\n",
          "  gridshift fleet schedule create --id ID --file fleet.yaml",
          "      (--cron \"0 2 * * SAT\" | --calendar \"day_of_week=SAT hour=2\") [--time-zone Europe/Berlin]",
          "      [--overlap skip|buffer-one|buffer-all|allow-all|cancel-other|terminate-other]",
          "      [--catchup-window 10m] [--paused --note TEXT]",
          "  gridshift fleet schedule list [--json]",
          "  gridshift fleet schedule describe <id> [--json]",
          "  gridshift fleet schedule pause|unpause <id> [--note TEXT]",
          "  gridshift fleet schedule trigger|delete <id>",
          "");

  private static final Map<String, Syntax> SYNTAX =
      Map.of(
          "create",
          new Syntax(
              Set.of(
                  "id",
                  "file",
                  "cron",
                  "calendar",
                  "time-zone",
                  "overlap",
                  "catchup-window",
                  "paused",
                  "note"),
              3),
          "list",
          new Syntax(Set.of("json"), 3),
          "describe",
          new Syntax(Set.of("json"), 4),
          "pause",
          new Syntax(Set.of("note"), 4),
          "unpause",
          new Syntax(Set.of("note"), 4),
          "trigger",
          new Syntax(Set.of(), 4),
          "delete",
          new Syntax(Set.of(), 4));

  private record Syntax(Set<String> options, int positionals) {}

  private final PrintStream out;
  private final Supplier<FleetSchedules> connect;

  /**
   * @param connect connects to Temporal when a command needs it (after its arguments are checked)
   */
  ScheduleCommands(PrintStream out, Supplier<FleetSchedules> connect) {
    this.out = out;
    this.connect = connect;
  }

  /** Whether {@code args} is a {@code fleet schedule ...} command. */
  static boolean handles(Args args) {
    return args.positionalCount() >= 2
        && args.positional(0, "command").equals("fleet")
        && args.positional(1, "subcommand").equals("schedule");
  }

  int run(Args args) {
    String verb =
        args.positional(2, "what to do after 'fleet schedule' (create, list, describe...)");
    Syntax syntax = SYNTAX.get(verb);
    if (syntax == null) {
      throw new CliException(
          ExitCodes.USAGE,
          "unknown command 'fleet schedule "
              + verb
              + "'; it takes "
              + new java.util.TreeSet<>(SYNTAX.keySet()));
    }
    Set<String> allowed = new HashSet<>(Commands.CONNECTION);
    allowed.addAll(syntax.options());
    args.requireOnly("fleet schedule " + verb, allowed, syntax.positionals());
    if (verb.equals("create")) {
      return create(args);
    }
    if (verb.equals("list")) {
      return print(call(() -> connect.get().list()), args.flag("json"));
    }
    String id = args.positional(3, "schedule id");
    return switch (verb) {
      case "describe" -> print(List.of(call(() -> connect.get().describe(id))), args.flag("json"));
      case "pause" -> done(id, "paused", () -> connect.get().pause(id, args.option("note", null)));
      case "unpause" ->
          done(id, "unpaused", () -> connect.get().unpause(id, args.option("note", null)));
      case "trigger" ->
          done(
              id,
              "triggered (a run starts now unless one is still running)",
              () -> connect.get().trigger(id));
      default -> done(id, "deleted (runs already started go on)", () -> connect.get().delete(id));
    };
  }

  private int create(Args args) {
    String file = args.option("file", null);
    FleetSpec spec = null;
    List<String> problems = new ArrayList<>();
    if (file != null) {
      try {
        spec = FleetSpecs.read(Path.of(file));
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    FleetScheduleRequest request =
        new FleetScheduleRequest(
            args.option("id", null),
            spec,
            optionList(args, "cron"),
            optionList(args, "calendar"),
            args.option("time-zone", null),
            args.option("overlap", null),
            args.option("catchup-window", null),
            args.flag("paused"),
            args.option("note", null));
    problems.addAll(
        file == null
            ? request.problems()
            : request.problems().stream().filter(p -> !p.startsWith("no fleet spec")).toList());
    if (!problems.isEmpty()) {
      throw new CliException(
          ExitCodes.INVALID, "cannot create the schedule; nothing was changed:", problems);
    }
    call(
        () -> {
          connect.get().create(request);
          return null;
        });
    out.println("created schedule " + request.id() + (request.paused() ? " (paused)" : ""));
    out.println("see it with: ./gridshift fleet schedule describe " + request.id());
    return ExitCodes.OK;
  }

  private static List<String> optionList(Args args, String name) {
    String value = args.option(name, null);
    return value == null ? List.of() : List.of(value);
  }

  private int done(String id, String what, Runnable action) {
    call(
        () -> {
          action.run();
          return null;
        });
    out.println("schedule " + id + " " + what);
    return ExitCodes.OK;
  }

  private int print(List<FleetScheduleView> views, boolean json) {
    if (json) {
      try {
        out.println(
            Json.mapper()
                .writeValueAsString(
                    views.size() == 1 && views.get(0).actions() != null ? views.get(0) : views));
      } catch (IOException e) {
        throw new IllegalStateException("cannot render JSON", e);
      }
      return ExitCodes.OK;
    }
    if (views.isEmpty()) {
      out.println("no schedules");
    }
    views.forEach(this::printView);
    return ExitCodes.OK;
  }

  private void printView(FleetScheduleView v) {
    out.printf(
        "%s  %s  %s%n", v.id(), v.workflowType(), v.paused() ? "PAUSED: " + v.note() : "active");
    v.times().forEach(t -> out.println("  " + t + " (" + v.timeZone() + ")"));
    if (v.overlap() != null) {
      out.printf("  overlap %s, catch-up window %s%n", v.overlap(), v.catchupWindow());
      out.printf("  runs started %d, skipped (overlap) %d%n", v.actions(), v.skippedOverlap());
    }
    v.nextRuns().forEach(t -> out.println("  next " + t));
    v.recentRuns().forEach(r -> out.println("  ran  " + r.scheduledAt() + "  " + r.workflowId()));
    v.running().forEach(id -> out.println("  running " + id));
  }

  private static <T> T call(Supplier<T> action) {
    try {
      return action.get();
    } catch (InvalidRequestException e) {
      throw new CliException(
          ExitCodes.INVALID, "cannot create the schedule; nothing was changed:", e.problems());
    } catch (UpgradeException e) {
      int code =
          switch (e.reason()) {
            case NOT_FOUND -> ExitCodes.NOT_FOUND;
            case CONFLICT -> ExitCodes.CONFLICT;
            case INVALID -> ExitCodes.INVALID;
            default -> ExitCodes.FAILED;
          };
      throw new CliException(code, e.getMessage());
    }
  }
}
