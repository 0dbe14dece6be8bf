package io.gridshift.starter.cli;

import io.gridshift.starter.Json;
import io.gridshift.starter.UpgradeException;
import io.gridshift.starter.UpgradeRequests;
import io.gridshift.starter.UpgradeService;
import io.gridshift.workflows.common.AuditEntry;
import io.gridshift.workflows.common.GateDecision;
import io.gridshift.workflows.common.InvalidRequestException;
import io.gridshift.workflows.common.OperatorAction;
import io.gridshift.workflows.common.UpgradeStatus;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;

/**
 * The {@code gridshift} command line: talks to Temporal directly.
 *
 * <pre>
 * gridshift upgrade start --file request.json [--dry-run]
 * gridshift status &lt;id&gt; [--json]
 * gridshift approve|reject &lt;id&gt; &lt;gate&gt; --by NAME [--comment TEXT]
 * gridshift pause|resume|abort &lt;id&gt; --by NAME [--comment TEXT]
 * common options: --temporal HOST:PORT (env GRIDSHIFT_TEMPORAL, default 127.0.0.1:7233), --namespace NS
 * </pre>
 */
public final class GridshiftCli {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;
  static final int NOT_FOUND = 3;
  static final int CONFLICT = 4;
  static final int INVALID = 5;

  private static final String USAGE_TEXT =
      """
      usage:
        gridshift upgrade start --file request.json [--dry-run]
        gridshift status <workflow-id> [--json]
        gridshift approve <workflow-id> <gate> --by NAME [--comment TEXT]
        gridshift reject  <workflow-id> <gate> --by NAME [--comment TEXT]
        gridshift pause|resume|abort <workflow-id> --by NAME [--comment TEXT]
      options: --temporal HOST:PORT (env GRIDSHIFT_TEMPORAL, default 127.0.0.1:7233)
               --namespace NAME (default: default)""";

  private final PrintStream out;
  private final PrintStream err;

  GridshiftCli(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] argv) {
    System.exit(new GridshiftCli(System.out, System.err).run(argv));
  }

  /** Runs one command; returns the exit code. */
  int run(String[] argv) {
    Args args;
    try {
      args = new Args(argv, Set.of("dry-run", "json", "help"));
    } catch (IllegalArgumentException e) {
      return usage(e.getMessage());
    }
    if (args.positionalCount() == 0 || args.flag("help")) {
      out.println(USAGE_TEXT);
      return args.flag("help") ? OK : USAGE;
    }
    String target = args.option("temporal", envOr("GRIDSHIFT_TEMPORAL", "127.0.0.1:7233"));
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    try {
      WorkflowClient client =
          WorkflowClient.newInstance(
              stubs,
              WorkflowClientOptions.newBuilder()
                  .setNamespace(args.option("namespace", "default"))
                  .build());
      return dispatch(args, new UpgradeService(client));
    } catch (InvalidRequestException e) {
      err.println("invalid request:");
      e.problems().forEach(p -> err.println("  - " + p));
      return INVALID;
    } catch (IllegalArgumentException e) {
      return usage(e.getMessage());
    } catch (UpgradeException e) {
      err.println(e.getMessage());
      return switch (e.reason()) {
        case NOT_FOUND -> NOT_FOUND;
        case CONFLICT -> CONFLICT;
        case INVALID -> INVALID;
      };
    } catch (io.grpc.StatusRuntimeException e) {
      err.println(
          "cannot reach Temporal at "
              + target
              + " ("
              + e.getStatus().getCode()
              + "); start it, or pass --temporal HOST:PORT");
      return FAILED;
    } finally {
      stubs.shutdownNow();
    }
  }

  private int dispatch(Args args, UpgradeService service) {
    String command = args.positional(0, "command");
    return switch (command) {
      case "upgrade" -> upgrade(args, service);
      case "status" -> status(args, service);
      case "approve", "reject" -> decide(command, args, service);
      case "pause", "resume", "abort" -> control(command, args, service);
      default -> usage("unknown command '" + command + "'");
    };
  }

  private int upgrade(Args args, UpgradeService service) {
    if (!"start".equals(args.positional(1, "'start' after 'upgrade'"))) {
      return usage("unknown subcommand 'upgrade " + args.positional(1, "") + "'");
    }
    String file = args.option("file", null);
    if (file == null) {
      return usage("upgrade start needs --file request.json");
    }
    String json;
    try {
      json = Files.readString(Path.of(file));
    } catch (NoSuchFileException e) {
      return usage("request file " + file + " does not exist");
    } catch (IOException e) {
      return usage("cannot read " + file + ": " + e.getMessage());
    }
    UpgradeRequests.Parsed parsed = UpgradeRequests.parse(json, args.flag("dry-run"));
    WorkflowExecution execution = service.start(parsed);
    out.println("started " + execution.getWorkflowId() + " (run " + execution.getRunId() + ")");
    if (parsed.dryRun()) {
      UpgradeStatus plan = service.awaitCompletion(execution.getWorkflowId());
      StatusPrinter.print(plan, out);
      printJson(plan.plan());
      return plan.phase() == io.gridshift.workflows.common.Phase.PLANNED ? OK : FAILED;
    }
    out.println("follow it with: ./gridshift status " + execution.getWorkflowId());
    return OK;
  }

  private int status(Args args, UpgradeService service) {
    UpgradeStatus status = service.status(args.positional(1, "workflow id"));
    if (args.flag("json")) {
      printJson(status);
    } else {
      StatusPrinter.print(status, out);
    }
    return OK;
  }

  private int decide(String verb, Args args, UpgradeService service) {
    String id = args.positional(1, "workflow id");
    String gate = args.positional(2, "gate name");
    String by = args.option("by", System.getenv("GRIDSHIFT_USER"));
    if (by == null || by.isBlank()) {
      return usage(verb + " needs an identity: --by NAME (or env GRIDSHIFT_USER)");
    }
    GateDecision decision = new GateDecision(gate, by, args.option("comment", null));
    AuditEntry entry =
        verb.equals("approve") ? service.approve(id, decision) : service.reject(id, decision);
    out.printf(
        "%s: gate '%s' of %s by %s at %s%n", entry.action(), gate, id, entry.by(), entry.at());
    return OK;
  }

  private int control(String signal, Args args, UpgradeService service) {
    String id = args.positional(1, "workflow id");
    String by = args.option("by", System.getenv("GRIDSHIFT_USER"));
    service.signal(id, signal, new OperatorAction(by, args.option("comment", null)));
    out.printf("sent %s to %s%n", signal, id);
    return OK;
  }

  private void printJson(Object value) {
    try {
      out.println(Json.mapper().writeValueAsString(value));
    } catch (IOException e) {
      throw new IllegalStateException("cannot render JSON", e);
    }
  }

  private int usage(String problem) {
    err.println(problem);
    err.println(USAGE_TEXT);
    return USAGE;
  }

  private static String envOr(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
