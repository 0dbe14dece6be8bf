package io.gridshift.starter.cli;

import io.gridshift.workflows.client.TemporalAccess;
import java.io.PrintStream;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * The {@code gridshift} command line. It talks to the REST service when {@code --server URL} or
 * {@code GRIDSHIFT_SERVER} is set (identity: the authenticated user), else to Temporal directly
 * (identity: {@code --by NAME}, else {@code $USER}).
 *
 * <ol>
 *   <li>Parse the arguments; {@code --help} or nothing prints the usage.
 *   <li>Pick the transport ({@link RestClient} or {@link DirectClient}).
 *   <li>Run the command ({@link Commands}); a {@link CliException} prints its message and problems
 *       and becomes the exit code ({@link ExitCodes}).
 * </ol>
 */
public final class GridshiftCli {
  static final String USAGE_TEXT =
      """
      usage:
        gridshift upgrade start --file request.json [--dry-run] [--json]
        gridshift status <workflow-id> [--json]
        gridshift list [--cluster C] [--grid G] [--namespace N] [--status S] [--json]
        gridshift approve <workflow-id> <gate> [--comment TEXT]
        gridshift reject  <workflow-id> <gate> [--comment TEXT]
        gridshift pause|resume|abort <workflow-id> [--comment TEXT]
        gridshift fleet start --file fleet.yaml [--dry-run] [--json]   (YAML or JSON)
        gridshift fleet status <fleet-id> [--json]       (a fleet NAME runs as fleet-NAME)
        gridshift fleet list [--json]
        gridshift fleet approve|reject <fleet-id> <gate> [--comment TEXT]
        gridshift fleet pause|resume|abort <fleet-id> [--comment TEXT]
        gridshift fleet skip|retry <fleet-id> <cluster/namespace/name> [--comment TEXT]
      """
          + ScheduleCommands.USAGE
          + """
      through the REST service (./gridshift server):
        --server URL (or env GRIDSHIFT_SERVER); credentials from env GRIDSHIFT_TOKEN, or
        GRIDSHIFT_USER and GRIDSHIFT_PASSWORD; you act as the user you authenticate as
      directly on Temporal:
        --temporal HOST:PORT (env GRIDSHIFT_TEMPORAL, default 127.0.0.1:7233),
        --temporal-namespace NAME (env GRIDSHIFT_TEMPORAL_NAMESPACE, default: default),
        --by NAME (default: $USER, else your login name) is who the audit log records
      exit codes: 0 ok, 1 failed (Temporal or the server unreachable, a refused dry run),
        2 usage, 3 not found, 4 conflict (refused by the upgrade or fleet: gate not open, not
        paused, already running), 5 invalid request, 6 denied (credentials, role, four-eyes)""";

  /** Builds the direct transport; tests replace it to use an in-process Temporal. */
  interface DirectConnector {
    /** Connects to Temporal as {@code access} says; {@code identity} signs decisions. */
    UpgradeClient connect(TemporalAccess access, String identity);
  }

  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;
  private final DirectConnector direct;

  GridshiftCli(PrintStream out, PrintStream err, Map<String, String> env, DirectConnector direct) {
    this.out = out;
    this.err = err;
    this.env = env;
    this.direct = direct;
  }

  public static void main(String[] argv) {
    GridshiftCli cli =
        new GridshiftCli(System.out, System.err, System.getenv(), DirectClient::connect);
    System.exit(cli.run(argv));
  }

  /** Runs one command; returns the exit code. */
  int run(String[] argv) {
    try {
      Args args = new Args(argv, Set.of("dry-run", "json", "help", "paused"));
      if (args.positionalCount() == 0 || args.flag("help")) {
        out.println(USAGE_TEXT);
        return args.flag("help") ? ExitCodes.OK : ExitCodes.USAGE;
      }
      if (ScheduleCommands.handles(args)) {
        try (DirectSchedules direct = directSchedules(args)) {
          return new ScheduleCommands(out, direct::schedules).run(args);
        }
      }
      Commands.check(args);
      try (UpgradeClient client = client(args)) {
        return new Commands(client, out, commandOptions(args)).run(args);
      }
    } catch (IllegalArgumentException e) {
      return fail(new CliException(ExitCodes.USAGE, e.getMessage()));
    } catch (CliException e) {
      return fail(e);
    } catch (RuntimeException e) {
      // A bug or a failure nobody foresaw: one line a person can report, not a stack trace.
      return fail(
          new CliException(
              ExitCodes.FAILED,
              "gridshift failed unexpectedly: "
                  + e
                  + "; run again with GRIDSHIFT_DEBUG=1 for the stack trace, and report it"),
          e);
    }
  }

  private UpgradeClient client(Args args) {
    String server = args.option("server", env("GRIDSHIFT_SERVER"));
    if (server != null) {
      if (args.option("by", null) != null) {
        throw new CliException(
            ExitCodes.USAGE,
            "--by is not accepted through the REST service: the server records the user you"
                + " authenticate as (env GRIDSHIFT_TOKEN, or GRIDSHIFT_USER and GRIDSHIFT_PASSWORD)");
      }
      return new RestClient(serverUri(server), RestCredentials.from(env));
    }
    // $USER, else the account the JVM runs as (containers and cron often have no $USER), as the
    // approve commands that status and the demo print assume.
    String identity = args.option("by", orElse(env("USER"), System.getProperty("user.name")));
    return direct.connect(temporalAccess(args), identity);
  }

  /** Schedules are managed on Temporal directly (the REST service does not serve them). */
  private DirectSchedules directSchedules(Args args) {
    if (args.option("server", env("GRIDSHIFT_SERVER")) != null) {
      throw new CliException(
          ExitCodes.USAGE,
          "fleet schedule talks to Temporal directly; drop --server (and GRIDSHIFT_SERVER) and pass"
              + " --temporal HOST:PORT");
    }
    return new DirectSchedules(
        temporalAccess(args),
        args.option("by", orElse(env("USER"), System.getProperty("user.name"))));
  }

  /**
   * Temporal as the environment describes it ({@link TemporalAccess#fromEnvironment}: TLS, API key,
   * payload keys), with {@code --temporal} and {@code --temporal-namespace} taking precedence.
   */
  private TemporalAccess temporalAccess(Args args) {
    TemporalAccess fromEnv = TemporalAccess.fromEnvironment(env);
    TemporalAccess access =
        fromEnv
            .withTarget(args.option("temporal", fromEnv.target()))
            .withNamespace(args.option("temporal-namespace", fromEnv.namespace()));
    if (!access.problems().isEmpty()) {
      throw new CliException(ExitCodes.USAGE, String.join("; ", access.problems()));
    }
    return access;
  }

  /** The connection options a person must repeat to run a printed command as it is. */
  private static String commandOptions(Args args) {
    String server = args.option("server", null);
    if (server != null) {
      return " --server " + server;
    }
    String temporal = args.option("temporal", null);
    String namespace = args.option("temporal-namespace", null);
    return (temporal == null ? "" : " --temporal " + temporal)
        + (namespace == null ? "" : " --temporal-namespace " + namespace);
  }

  private static URI serverUri(String server) {
    try {
      URI uri = URI.create(server);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException("no scheme or host");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new CliException(
          ExitCodes.USAGE,
          "server URL '" + server + "' is not a URL; use e.g. --server http://127.0.0.1:8080");
    }
  }

  private int fail(CliException e) {
    return fail(e, null);
  }

  private int fail(CliException e, Throwable cause) {
    err.println(e.getMessage());
    if (cause != null && env("GRIDSHIFT_DEBUG") != null) {
      cause.printStackTrace(err);
    }
    e.problems().forEach(p -> err.println("  - " + p));
    if (e.exitCode() == ExitCodes.USAGE) {
      err.println(USAGE_TEXT);
    }
    return e.exitCode();
  }

  private String env(String name) {
    return orElse(env.get(name), null);
  }

  private static String orElse(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
