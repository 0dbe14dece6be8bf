package io.gridshift.starter.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The verbs that run another program than the CLI: {@code worker}, {@code agent}, {@code server},
 * {@code sandbox}, {@code demo}, {@code hash-password}. The {@code ./gridshift} launcher (and the
 * image's entrypoint) start those programs before this CLI sees the arguments; they are declared
 * here so {@code --help} and shell completion name every verb, and so a direct call says where the
 * verb runs instead of "unknown command".
 */
final class LauncherCommands {
  private LauncherCommands() {}

  /** Each verb: name, what it does, how it is called. */
  private record Verb(String name, String description, String usage) {}

  private static final List<Verb> VERBS =
      List.of(
          new Verb("worker", "Run a worker against real clusters.", "--config worker.yaml"),
          new Verb(
              "agent",
              "Run a cluster's agent (a worker with hostWorkflows: false).",
              "--config agent.yaml"),
          new Verb("server", "Run the REST service and operations page.", "[deploy/server.yaml]"),
          new Verb(
              "sandbox",
              "The local world (Temporal, Kubernetes API, controllers) as a background process.",
              "up [--clusters N|a,b,c] [--dir DIR] | status|down [--dir DIR]"),
          new Verb(
              "demo",
              "Run a demo upgrade on the local sandbox.",
              "infinispan|hazelcast|fleet [--yes] [--report FILE] [--sandbox DIR]"),
          new Verb(
              "hash-password",
              "Print a password's bcrypt hash (read from stdin) for server.yaml.",
              "< password"));

  /** Adds the launcher's verbs to the CLI's command tree. */
  static void addTo(CommandLine root) {
    for (Verb verb : VERBS) {
      CommandSpec spec = CommandSpec.forAnnotatedObject(new Delegated(verb));
      spec.name(verb.name());
      spec.usageMessage()
          .description(verb.description())
          .customSynopsis("gridshift " + verb.name() + " " + verb.usage())
          .footer("%nThe ./gridshift launcher (or the image's entrypoint) runs it.");
      spec.parser().unmatchedOptionsArePositionalParams(true);
      root.addSubcommand(verb.name(), new CommandLine(spec));
    }
  }

  /** A launcher verb called on the CLI itself: say where it runs. */
  @Command
  static final class Delegated implements Runnable {
    private final Verb verb;
    @Spec CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "ARGS", description = "passed to the program")
    List<String> args = new ArrayList<>();

    Delegated(Verb verb) {
      this.verb = verb;
    }

    @Override
    public void run() {
      throw new CliException(
          ExitCodes.USAGE,
          "'"
              + verb.name()
              + "' is not a CLI command: run it as ./gridshift "
              + verb.name()
              + " "
              + verb.usage()
              + " (the launcher starts the program it needs; so does the image's entrypoint)");
    }
  }
}
