package io.gridshift.sandbox.process;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code sandbox up}: starts the sandbox as a background process and returns once it is up.
 *
 * <ol>
 *   <li>Refuses when a sandbox is up in the directory already (its state file names a live
 *       process), or when a port it needs is taken; a state file whose process is gone is removed.
 *   <li>Starts {@code java ... SandboxMain run ...} with this JVM's class path, in a session of its
 *       own ({@code setsid}, where there is one) so that closing the terminal does not stop it,
 *       stdin from {@code /dev/null}, output to {@code <dir>/sandbox.log} (the previous run's log
 *       kept as {@code sandbox.previous.log}).
 *   <li>Waits until the process has written its state file; if it exits first or takes too long,
 *       says so with the end of its log (and stops it).
 * </ol>
 */
final class SandboxUp {
  static final Duration START_TIMEOUT = Duration.ofMinutes(2);
  private static final Path SETSID = Path.of("/usr/bin/setsid");

  private final SandboxCommand command;
  private final PrintStream out;

  SandboxUp(SandboxCommand command, PrintStream out) {
    this.command = command;
    this.out = out;
  }

  /** Starts it; the state once up. An IllegalStateException says why it did not start. */
  SandboxState run() throws IOException, InterruptedException {
    Path dir = command.dir();
    refuseIfUp(dir);
    refuseTakenPorts();
    Files.createDirectories(dir);
    Path log = dir.resolve(SandboxMain.LOG_FILE);
    if (Files.exists(log)) {
      Files.move(log, dir.resolve("sandbox.previous.log"), StandardCopyOption.REPLACE_EXISTING);
    }
    Path logback = dir.resolve("sandbox-logback.xml");
    Files.writeString(logback, ChildLogging.LOGBACK);
    ProcessBuilder builder = new ProcessBuilder(javaCommand(logback));
    // The class path in the environment, not on the command line: the launcher's wildcards arrive
    // here expanded (hundreds of jars), and `ps` should show what runs, not a page of jars.
    builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
    Process process =
        builder
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    out.printf("Starting the sandbox in %s (log %s) ...%n", dir, log);
    return awaitState(process, log);
  }

  private void refuseIfUp(Path dir) throws IOException {
    Optional<SandboxState> state = SandboxState.read(dir);
    if (state.isEmpty()) {
      return;
    }
    if (state.get().processAlive()) {
      throw new IllegalStateException(
          "a sandbox is already up in "
              + dir
              + " (pid "
              + state.get().pid()
              + ", Temporal "
              + state.get().temporalTarget()
              + "): `./gridshift sandbox status"
              + dirOption()
              + "` shows how to reach it, `./gridshift sandbox down"
              + dirOption()
              + "` stops it");
    }
    out.printf(
        "(the sandbox process %d that wrote %s is gone; removing its state)%n",
        state.get().pid(), SandboxState.file(dir));
    Files.delete(SandboxState.file(dir));
  }

  private void refuseTakenPorts() {
    List<String> taken = new ArrayList<>();
    for (Map.Entry<Integer, String> port : command.fixedPorts().entrySet()) {
      if (LoopbackPorts.taken(port.getKey())) {
        taken.add(port.getKey() + " (" + port.getValue() + ")");
      }
    }
    if (!taken.isEmpty()) {
      throw new IllegalStateException(
          "port "
              + String.join(", ", taken)
              + " on 127.0.0.1 is in use: another sandbox (`./gridshift sandbox status --dir"
              + " DIR`), a demo (`./gridshift demo ...`) or another Temporal runs. Stop it, or"
              + " start this sandbox on other ports with --temporal-port, --kube-port and"
              + " --ui-port (0: any free port)");
    }
  }

  private String dirOption() {
    return command.dir().normalize().equals(Path.of(SandboxCommand.DEFAULT_DIR))
        ? ""
        : " --dir " + command.dir();
  }

  private List<String> javaCommand(Path logback) {
    List<String> java = new ArrayList<>();
    if (Files.isExecutable(SETSID)) {
      // -w: should setsid have to fork, it still exits only with the sandbox, with its status.
      java.addAll(List.of(SETSID.toString(), "-w"));
    }
    java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    java.add("-Dlogback.configurationFile=" + logback.toAbsolutePath());
    // Hazelcast's client logs through SLF4J like everything else (as ./gridshift sets it).
    java.add("-Dhazelcast.logging.type=slf4j");
    java.add(SandboxMain.class.getName());
    java.addAll(command.runArguments());
    return java;
  }

  private SandboxState awaitState(Process process, Path log)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<SandboxState> state = SandboxState.read(command.dir());
      if (state.isPresent() && state.get().processAlive()) {
        return state.get();
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the sandbox process exited with status "
                + process.exitValue()
                + " before it was up; "
                + log
                + " ends with:\n"
                + SandboxMain.tail(log));
      }
      Thread.sleep(200);
    }
    process.destroy();
    throw new IllegalStateException(
        "the sandbox was not up within "
            + START_TIMEOUT.toSeconds()
            + " s, so it was stopped; "
            + log
            + " ends with:\n"
            + SandboxMain.tail(log));
  }
}
