package io.gridshift.sandbox.process;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code sandbox down}: stops the sandbox process of a directory.
 *
 * <ol>
 *   <li>No state file: nothing is up; said, and done.
 *   <li>SIGTERM to the process: its shutdown hook stops every pod's server (each with its grace
 *       period), the Kubernetes APIs and Temporal. Waits until the process has exited; after {@link
 *       #EXIT_TIMEOUT} it is killed, and the message says that pods' servers may be left.
 *   <li>Waits until its ports are free, then removes the state file.
 * </ol>
 */
final class SandboxDown {
  /** Longer than a pod's grace period in the sandbox (15 s), with every pod stopped at once. */
  static final Duration EXIT_TIMEOUT = Duration.ofSeconds(90);

  private static final Duration PORTS_TIMEOUT = Duration.ofSeconds(15);

  private final Path dir;
  private final PrintStream out;

  SandboxDown(Path dir, PrintStream out) {
    this.dir = dir;
    this.out = out;
  }

  /** Stops it; an IllegalStateException when it could not be stopped cleanly. */
  void run() throws IOException, InterruptedException {
    Optional<SandboxState> found = SandboxState.read(dir);
    if (found.isEmpty()) {
      out.printf("No sandbox is up in %s (no %s): nothing to stop.%n", dir, SandboxState.FILE_NAME);
      return;
    }
    SandboxState state = found.get();
    if (!state.processAlive()) {
      Files.delete(SandboxState.file(dir));
      out.printf(
          "The sandbox process %d of %s had already exited (killed?); removed its state file."
              + " Pods' servers it started may still run: look for java processes with %s in"
              + " their command line.%n",
          state.pid(), dir, state.dir());
      return;
    }
    out.printf("Stopping the sandbox in %s (pid %d) and its pods ...%n", dir, state.pid());
    boolean clean = stop(state.pid());
    List<Integer> stillTaken = LoopbackPorts.awaitFree(ports(state), PORTS_TIMEOUT);
    if (!stillTaken.isEmpty()) {
      throw new IllegalStateException(
          "the sandbox process "
              + state.pid()
              + " exited, but ports "
              + stillTaken
              + " are still in use after "
              + PORTS_TIMEOUT.toSeconds()
              + " s; find what listens there (ss -ltnp) before starting a sandbox again");
    }
    Files.deleteIfExists(SandboxState.file(dir));
    if (!clean) {
      throw new IllegalStateException(
          "the sandbox process "
              + state.pid()
              + " did not exit within "
              + EXIT_TIMEOUT.toSeconds()
              + " s of SIGTERM and was killed; pods' servers may still run (java processes with "
              + state.dir()
              + " in their command line); see "
              + state.log());
    }
    out.printf("Sandbox in %s stopped; its ports are free.%n", dir);
  }

  /** SIGTERM, then waits; SIGKILL after {@link #EXIT_TIMEOUT}. Whether it exited by itself. */
  private static boolean stop(long pid) throws InterruptedException {
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    if (handle.isEmpty()) {
      return true;
    }
    handle.get().destroy();
    try {
      handle.get().onExit().get(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      handle.get().destroyForcibly();
      handle.get().onExit().join();
      return false;
    }
  }

  private static List<Integer> ports(SandboxState state) {
    List<Integer> ports = new ArrayList<>();
    ports.add(LoopbackPorts.portOf(state.temporalTarget()));
    state.clusters().forEach(c -> ports.add(LoopbackPorts.portOf(c.apiUrl())));
    return ports;
  }
}
