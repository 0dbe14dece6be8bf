package io.gridshift.starter.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How the CLI reports failures: a command-line mistake names what is wrong and what the command
 * accepts, then prints that command's usage (exit {@link ExitCodes#USAGE}); a {@link CliException}
 * prints its message and problems (its own exit code); anything else is one line a person can
 * report ({@link ExitCodes#FAILED}).
 */
final class CliErrors {
  private final Map<String, String> env;

  CliErrors(Map<String, String> env) {
    this.env = env;
  }

  /** picocli's {@code IParameterExceptionHandler}: the arguments did not parse. */
  int parameterException(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    err.println(message(e));
    command.usage(err);
    return ExitCodes.USAGE;
  }

  /** picocli's {@code IExecutionExceptionHandler}: the command ran and threw. */
  int executionException(Exception e, CommandLine command, ParseResult parsed) {
    PrintWriter err = command.getErr();
    CliException failure;
    if (e instanceof CliException cli) {
      failure = cli;
    } else if (e instanceof IllegalArgumentException) {
      failure = new CliException(ExitCodes.USAGE, e.getMessage());
    } else {
      // A bug or a failure nobody foresaw: one line a person can report, not a stack trace.
      failure =
          new CliException(
              ExitCodes.FAILED,
              "gridshift failed unexpectedly: "
                  + e
                  + "; run again with GRIDSHIFT_DEBUG=1 for the stack trace, and report it");
      if (env.get("GRIDSHIFT_DEBUG") != null && !env.get("GRIDSHIFT_DEBUG").isBlank()) {
        e.printStackTrace(err);
      }
    }
    err.println(failure.getMessage());
    failure.problems().forEach(p -> err.println("  - " + p));
    if (failure.exitCode() == ExitCodes.USAGE) {
      command.usage(err);
    }
    return failure.exitCode();
  }

  /** picocli's message, reworded where the house says more: what is wrong, and what to do. */
  private static String message(ParameterException e) {
    CommandLine command = e.getCommandLine();
    String name = commandName(command);
    if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
      String first = unmatched.getUnmatched().get(0);
      String suggestion =
          unmatched.getSuggestions().isEmpty()
              ? ""
              : "; did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?";
      if (first.startsWith("-")) {
        return "unknown option "
            + first.replaceFirst("=.*", "")
            + " for '"
            + name
            + "'; it accepts "
            + options(command)
            + suggestion;
      }
      if (!command.getSubcommands().isEmpty()) {
        List<String> verbs =
            command.getSubcommands().keySet().stream().filter(v -> !v.equals("help")).toList();
        return (command.getParent() == null
                ? "unknown command '" + first + "'"
                : "unknown subcommand '" + name + " " + first + "'")
            + "; use one of "
            + new TreeSet<>(verbs)
            + suggestion;
      }
      return "unexpected argument '"
          + first
          + "' for '"
          + name
          + "'; quote a value that contains spaces";
    }
    if (e instanceof MissingParameterException missing && !missing.getMissing().isEmpty()) {
      ArgSpec arg = missing.getMissing().get(0);
      String what =
          arg instanceof OptionSpec option
              ? option.longestName() + " " + option.paramLabel()
              : arg.paramLabel();
      return "'" + name + "' needs " + what;
    }
    return e.getMessage();
  }

  private static TreeSet<String> options(CommandLine command) {
    TreeSet<String> names = new TreeSet<>();
    command.getCommandSpec().options().forEach(o -> names.add(o.longestName()));
    return names;
  }

  /** The command as typed after {@code gridshift}, e.g. {@code fleet status}. */
  private static String commandName(CommandLine command) {
    String path = command.getCommandSpec().qualifiedName(" ");
    return path.startsWith("gridshift ") ? path.substring("gridshift ".length()) : path;
  }
}
