package io.gridshift.sandbox.process;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Entry point of {@code ./gridshift sandbox up|status|down} (and {@code run}, the background
 * process {@code up} starts). Exit codes: {@value #OK} done (status: up), {@value #FAILED} failed,
 * {@value #USAGE} bad command line, {@value #NOT_UP} (status) no sandbox is up.
 */
public final class SandboxMain {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;
  static final int NOT_UP = 3;

  /** The background process's log, in the sandbox directory. */
  static final String LOG_FILE = "sandbox.log";

  private SandboxMain() {}

  public static void main(String[] args) throws Exception {
    SandboxCommand command;
    try {
      command = SandboxCommand.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(USAGE);
      return;
    }
    if (command.verb().equals("run")) {
      SandboxRun.run(command);
      return;
    }
    int status;
    try {
      status = run(command, System.out);
    } catch (IllegalStateException | IOException e) {
      System.err.println("sandbox " + command.verb() + ": " + e.getMessage());
      status = FAILED;
    }
    System.exit(status);
  }

  /** Runs {@code up}, {@code status} or {@code down}; the exit code. */
  static int run(SandboxCommand command, PrintStream out) throws IOException, InterruptedException {
    switch (command.verb()) {
      case "up" -> SandboxReach.print(new SandboxUp(command, out).run(), command.dir(), out);
      case "down" -> new SandboxDown(command.dir(), out).run();
      case "status" -> {
        return status(command.dir(), out);
      }
      default -> throw new IllegalArgumentException("not a client command: " + command.verb());
    }
    return OK;
  }

  private static int status(Path dir, PrintStream out) throws IOException {
    Optional<SandboxState> state = SandboxState.read(dir);
    if (state.isEmpty()) {
      out.printf(
          "No sandbox is up in %s (no %s); start one with ./gridshift sandbox up%s%n",
          dir,
          SandboxState.FILE_NAME,
          dir.equals(Path.of(SandboxCommand.DEFAULT_DIR)) ? "" : " --dir " + dir);
      return NOT_UP;
    }
    if (!state.get().processAlive()) {
      out.printf(
          "The sandbox in %s is not up: its process %d is gone (killed?). `./gridshift sandbox"
              + " down` removes what it left, `./gridshift sandbox up` starts a new one (add --dir"
              + " %s).%n",
          dir, state.get().pid(), dir);
      return NOT_UP;
    }
    SandboxReach.print(state.get(), dir, out);
    return OK;
  }

  /** The last lines of {@code log}, for a message about a process that failed. */
  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }
}
