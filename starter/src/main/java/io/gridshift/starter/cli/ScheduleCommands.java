package io.gridshift.starter.cli;

import io.gridshift.starter.UpgradeException;
import io.gridshift.starter.schedule.FleetScheduleRequest;
import io.gridshift.starter.schedule.FleetScheduleView;
import io.gridshift.starter.schedule.FleetSchedules;
import io.gridshift.starter.schedule.FleetSpecs;
import io.gridshift.workflows.common.InvalidRequestException;
import io.gridshift.workflows.fleet.FleetSpec;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gridshift fleet schedule create|list|describe|pause|unpause|trigger|delete}: recurring
 * fleet upgrades as Temporal Schedules ({@link FleetSchedules}), directly on Temporal; each verb
 * connects only after its arguments are checked.
 */
@Command(
    name = "schedule",
    synopsisSubcommandLabel = "COMMAND",
    description = "Recurring fleet upgrades as Temporal Schedules (directly on Temporal).",
    footer = {
      "%nexamples:",
      "  gridshift fleet schedule create --id fleet-weekly --file fleet.yaml \\",
      "      --calendar \"day_of_week=SAT hour=2\" --time-zone Europe/Berlin",
      "  gridshift fleet schedule describe fleet-weekly -o yaml"
    })
final class ScheduleCommands implements Runnable {
  private static final String ID = "<id>";
  private static final String NOTE = "why, shown with the schedule";

  private final GridshiftCli cli;
  @Spec CommandSpec spec;

  ScheduleCommands(GridshiftCli cli) {
    this.cli = cli;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing fleet schedule subcommand");
  }

  @Command(
      name = "create",
      description = "Create a schedule that starts the fleet at the times given.",
      footer = {
        "%nexamples:",
        "  gridshift fleet schedule create --id fleet-weekly --file fleet.yaml --cron \"0 2 * * SAT\"",
        "  gridshift fleet schedule create --id fleet-weekly --file fleet.yaml \\",
        "      --calendar \"day_of_week=SAT hour=2\" --time-zone Europe/Berlin --paused --note freeze"
      })
  int create(
      @Option(names = "--id", paramLabel = "ID", description = "the schedule's id") String id,
      @Option(names = "--file", paramLabel = "fleet.yaml", description = "the fleet spec")
          String file,
      @Option(names = "--cron", paramLabel = "EXPR", description = "e.g. \"0 2 * * SAT\"")
          String cron,
      @Option(
              names = "--calendar",
              paramLabel = "SPEC",
              description = "e.g. \"day_of_week=SAT hour=2\"")
          String calendar,
      @Option(names = "--time-zone", paramLabel = "ZONE", description = "e.g. Europe/Berlin")
          String timeZone,
      @Option(
              names = "--overlap",
              paramLabel = "POLICY",
              description =
                  "skip|buffer-one|buffer-all|allow-all|cancel-other|terminate-other (default skip)")
          String overlap,
      @Option(names = "--catchup-window", paramLabel = "DURATION", description = "e.g. 10m")
          String catchupWindow,
      @Option(names = "--paused", description = "create it paused") boolean paused,
      @Option(names = "--note", paramLabel = "TEXT", description = NOTE) String note) {
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
            id,
            spec,
            cron == null ? List.of() : List.of(cron),
            calendar == null ? List.of() : List.of(calendar),
            timeZone,
            overlap,
            catchupWindow,
            paused,
            note);
    problems.addAll(
        file == null
            ? request.problems()
            : request.problems().stream().filter(p -> !p.startsWith("no fleet spec")).toList());
    if (!problems.isEmpty()) {
      throw new CliException(
          ExitCodes.INVALID, "cannot create the schedule; nothing was changed:", problems);
    }
    try (DirectSchedules schedules = cli.directSchedules()) {
      call(
          () -> {
            schedules.schedules().create(request);
            return null;
          });
    }
    PrintStream out = cli.out();
    out.println("created schedule " + request.id() + (request.paused() ? " (paused)" : ""));
    out.println("see it with: ./gridshift fleet schedule describe " + request.id());
    return ExitCodes.OK;
  }

  @Command(
      name = "list",
      description = "List the fleet schedules.",
      footer = {
        "%nexamples:",
        "  gridshift fleet schedule list",
        "  gridshift fleet schedule list -o json"
      })
  int list(@Mixin OutputOptions output) {
    try (DirectSchedules schedules = cli.directSchedules()) {
      return print(call(() -> schedules.schedules().list()), output, false);
    }
  }

  @Command(
      name = "describe",
      description = "Show a schedule: times, overlap policy, next and recent runs.",
      footer = {"%nexample:", "  gridshift fleet schedule describe fleet-weekly -o yaml"})
  int describe(@Parameters(paramLabel = ID) String id, @Mixin OutputOptions output) {
    try (DirectSchedules schedules = cli.directSchedules()) {
      return print(List.of(call(() -> schedules.schedules().describe(id))), output, true);
    }
  }

  @Command(
      name = "pause",
      description = "Pause a schedule (no run starts until unpaused).",
      footer = {
        "%nexample:",
        "  gridshift fleet schedule pause fleet-weekly --note \"change freeze\""
      })
  int pause(
      @Parameters(paramLabel = ID) String id,
      @Option(names = "--note", paramLabel = "TEXT", description = NOTE) String note) {
    return done(id, "paused", s -> s.pause(id, note));
  }

  @Command(
      name = "unpause",
      description = "Unpause a schedule.",
      footer = {"%nexample:", "  gridshift fleet schedule unpause fleet-weekly"})
  int unpause(
      @Parameters(paramLabel = ID) String id,
      @Option(names = "--note", paramLabel = "TEXT", description = NOTE) String note) {
    return done(id, "unpaused", s -> s.unpause(id, note));
  }

  @Command(
      name = "trigger",
      description = "Start a run now (unless one is still running).",
      footer = {"%nexample:", "  gridshift fleet schedule trigger fleet-weekly"})
  int trigger(@Parameters(paramLabel = ID) String id) {
    return done(id, "triggered (a run starts now unless one is still running)", s -> s.trigger(id));
  }

  @Command(
      name = "delete",
      description = "Delete a schedule (runs already started go on).",
      footer = {"%nexample:", "  gridshift fleet schedule delete fleet-weekly"})
  int delete(@Parameters(paramLabel = ID) String id) {
    return done(id, "deleted (runs already started go on)", s -> s.delete(id));
  }

  private int done(String id, String what, Consumer<FleetSchedules> action) {
    try (DirectSchedules schedules = cli.directSchedules()) {
      call(
          () -> {
            action.accept(schedules.schedules());
            return null;
          });
    }
    cli.out().println("schedule " + id + " " + what);
    return ExitCodes.OK;
  }

  private int print(List<FleetScheduleView> views, OutputOptions output, boolean one) {
    PrintStream out = cli.out();
    if (!output.table()) {
      output.print(one ? views.get(0) : views, out);
      return ExitCodes.OK;
    }
    if (views.isEmpty()) {
      out.println("no schedules");
    }
    views.forEach(v -> printView(v, out));
    return ExitCodes.OK;
  }

  private static void printView(FleetScheduleView v, PrintStream out) {
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
