package io.gridshift.starter.cli;

import io.gridshift.workflows.client.TemporalAccess;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The {@code gridshift} command line, parsed by picocli: one {@code @Command} per verb ({@link
 * Commands} is the root with the global options and the upgrade verbs; {@link UpgradeCommand},
 * {@link FleetCommands}, {@link ScheduleCommands}, {@link LauncherCommands}). It talks to the REST
 * service when {@code --server URL} or {@code GRIDSHIFT_SERVER} is set (identity: the authenticated
 * user), else to Temporal directly (identity: {@code --by NAME}, else {@code $USER}).
 *
 * <ol>
 *   <li>Parse the arguments; the connection options are global (accepted before or after the verb);
 *       {@code --help} prints the usage of the command it follows.
 *   <li>The verb picks the transport ({@link #client()}: {@link RestClient} or {@link
 *       DirectClient}) only after its own arguments are checked, so a typo never connects anywhere.
 *   <li>A {@link CliException} prints its message and problems and becomes the exit code ({@link
 *       ExitCodes}); a command-line mistake is {@link ExitCodes#USAGE} with that command's usage
 *       ({@link CliErrors}).
 * </ol>
 */
public final class GridshiftCli {
  /** Builds the direct transport; tests replace it to use an in-process Temporal. */
  interface DirectConnector {
    /** Connects to Temporal as {@code access} says; {@code identity} signs decisions. */
    UpgradeClient connect(TemporalAccess access, String identity);
  }

  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;
  private final DirectConnector direct;

  /** The command tree's root: the global options, once parsed. */
  private Commands root;

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
    CommandLine commandLine = commandLine();
    PrintWriter outWriter = new PrintWriter(out, true, StandardCharsets.UTF_8);
    PrintWriter errWriter = new PrintWriter(err, true, StandardCharsets.UTF_8);
    commandLine.setOut(outWriter).setErr(errWriter);
    try {
      return commandLine.execute(argv);
    } finally {
      outWriter.flush();
      errWriter.flush();
    }
  }

  /** The whole command tree, with the house's error handling (a new tree per run). */
  CommandLine commandLine() {
    root = new Commands(this);
    CommandLine commandLine = new CommandLine(root);
    commandLine.addSubcommand(new UpgradeCommand(this));
    commandLine.addSubcommand(
        new CommandLine(new FleetCommands(this))
            .addSubcommand(new CommandLine(new ScheduleCommands(this))));
    LauncherCommands.addTo(commandLine);
    commandLine.addSubcommand(new Completion());
    CliErrors errors = new CliErrors(env);
    commandLine.setParameterExceptionHandler(errors::parameterException);
    commandLine.setExecutionExceptionHandler(errors::executionException);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    // As the hand-written parser did: an option given twice takes the last value.
    commandLine.setOverwrittenOptionsAllowed(true);
    headings(commandLine);
    return commandLine;
  }

  /** Lower-case headings as the rest of gridshift's text, on every command. */
  private static void headings(CommandLine commandLine) {
    commandLine
        .getCommandSpec()
        .usageMessage()
        .synopsisHeading("usage: ")
        .commandListHeading("%ncommands:%n")
        .optionListHeading("%noptions:%n")
        .parameterListHeading("%narguments:%n")
        .footerHeading("")
        // Wide enough for the examples and the exit-code lines to stay one line each.
        .width(100);
    commandLine.getSubcommands().values().forEach(GridshiftCli::headings);
  }

  /** {@code gridshift completion bash}: the shell completion script picocli generates. */
  @Command(
      name = "completion",
      description = "Print a bash (or zsh, with bashcompinit) completion script for gridshift.",
      footer = {
        "%nexamples:",
        "  source <(./gridshift completion bash)",
        "  ./gridshift completion bash > /etc/bash_completion.d/gridshift"
      })
  static final class Completion implements Runnable {
    @Spec CommandSpec spec;

    @Parameters(
        paramLabel = "SHELL",
        defaultValue = "bash",
        description = "bash (default); zsh runs the same script after 'autoload bashcompinit'")
    String shell;

    @Override
    public void run() {
      if (!shell.equals("bash") && !shell.equals("zsh")) {
        throw new ParameterException(
            spec.commandLine(), "no completion for shell '" + shell + "'; use bash or zsh");
      }
      CommandLine root = spec.root().commandLine();
      String script = AutoComplete.bash("gridshift", root);
      // bash looks a command up by its full path first, then by its last component; naming both
      // keeps completion working for ./gridshift wherever bash's lookup differs.
      spec.commandLine().getOut().print(script);
      spec.commandLine()
          .getOut()
          .println("complete -F _complete_gridshift -o default ./gridshift gridshift");
    }
  }

  PrintStream out() {
    return out;
  }

  PrintStream err() {
    return err;
  }

  /** The transport the global options and the environment pick. */
  UpgradeClient client() {
    String url = server();
    if (url != null) {
      if (root.by != null) {
        throw new CliException(
            ExitCodes.USAGE,
            "--by is not accepted through the REST service: the server records the user you"
                + " authenticate as (env GRIDSHIFT_TOKEN, or GRIDSHIFT_USER and GRIDSHIFT_PASSWORD)");
      }
      return new RestClient(serverUri(url), RestCredentials.from(env));
    }
    return direct.connect(temporalAccess(), identity());
  }

  /** Schedules are managed on Temporal directly (the REST service does not serve them). */
  DirectSchedules directSchedules() {
    if (server() != null) {
      throw new CliException(
          ExitCodes.USAGE,
          "fleet schedule talks to Temporal directly; drop --server (and GRIDSHIFT_SERVER) and pass"
              + " --temporal HOST:PORT");
    }
    return new DirectSchedules(temporalAccess(), identity());
  }

  private String server() {
    return orElse(root.server, env("GRIDSHIFT_SERVER"));
  }

  /**
   * $USER, else the account the JVM runs as (containers and cron often have no $USER), as the
   * approve commands that status and the demo print assume.
   */
  private String identity() {
    return orElse(root.by, orElse(env("USER"), System.getProperty("user.name")));
  }

  /**
   * Temporal as the environment describes it ({@link TemporalAccess#fromEnvironment}: TLS, API key,
   * payload keys), with {@code --temporal} and {@code --temporal-namespace} taking precedence.
   */
  private TemporalAccess temporalAccess() {
    TemporalAccess fromEnv = TemporalAccess.fromEnvironment(env);
    TemporalAccess access =
        fromEnv
            .withTarget(orElse(root.temporal, fromEnv.target()))
            .withNamespace(orElse(root.temporalNamespace, fromEnv.namespace()));
    if (!access.problems().isEmpty()) {
      throw new CliException(ExitCodes.USAGE, String.join("; ", access.problems()));
    }
    return access;
  }

  /** The connection options a person must repeat to run a printed command as it is. */
  String commandOptions() {
    if (root.server != null) {
      return " --server " + root.server;
    }
    return (root.temporal == null ? "" : " --temporal " + root.temporal)
        + (root.temporalNamespace == null ? "" : " --temporal-namespace " + root.temporalNamespace);
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

  private String env(String name) {
    return orElse(env.get(name), null);
  }

  private static String orElse(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
