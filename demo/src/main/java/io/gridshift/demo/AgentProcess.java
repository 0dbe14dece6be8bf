package io.gridshift.demo;

import io.gridshift.worker.AgentMain;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One running agent: a separate JVM ({@link AgentMain}) serving one sandbox cluster, its output
 * appended to a log file. It counts as up once it logged {@link AgentMain#STARTED}, the line an
 * agent writes after its pollers started; the identity it polls with is read from that line. A
 * worker ({@link io.gridshift.worker.WorkerMain}, which hosts workflows too) runs the same way with
 * its own started line.
 */
public final class AgentProcess {
  private static final Duration EXIT_WAIT = Duration.ofSeconds(10);

  private final String cluster;
  private final Path log;
  private final long logOffset;
  private final Process process;
  private final String startedMarker;
  private String identity;

  private AgentProcess(
      String cluster, Path log, long logOffset, Process process, String startedMarker) {
    this.cluster = cluster;
    this.log = log;
    this.logOffset = logOffset;
    this.process = process;
    this.startedMarker = startedMarker;
  }

  /**
   * Starts {@code command} for {@code cluster}, output (stdout and stderr) appended to {@code log}.
   */
  static AgentProcess launch(String cluster, List<String> command, Path log) throws IOException {
    return launch(cluster, command, log, AgentMain.STARTED);
  }

  /**
   * Starts {@code command} for {@code cluster}, output appended to {@code log}; it counts as up
   * once it logged {@code startedMarker} followed by {@code " as <identity>: polling"}.
   */
  public static AgentProcess launch(
      String cluster, List<String> command, Path log, String startedMarker) throws IOException {
    long offset = Files.exists(log) ? Files.size(log) : 0;
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    return new AgentProcess(cluster, log, offset, process, startedMarker);
  }

  /**
   * Waits until this run of the agent logs that it polls; an error with the end of its log when it
   * exits first (a refused config, say) or does not get there within {@code timeout}.
   */
  public void awaitPolling(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String started = startedLine();
      if (started != null) {
        identity = identityIn(started);
        return;
      }
      if (!process.isAlive()) {
        throw new IOException(
            "the agent of cluster "
                + cluster
                + " exited with status "
                + process.exitValue()
                + " before polling; its log "
                + log
                + " ends with:\n"
                + tail());
      }
      Thread.sleep(100);
    }
    throw new IOException(
        "the agent of cluster "
            + cluster
            + " did not start polling within "
            + timeout.toSeconds()
            + " s; its log "
            + log
            + " ends with:\n"
            + tail());
  }

  /** The started line of this run (the log may hold earlier runs), or null. */
  private String startedLine() throws IOException {
    for (String line : linesOfThisRun()) {
      if (line.contains(startedMarker)) {
        return line;
      }
    }
    return null;
  }

  private List<String> linesOfThisRun() throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      file.seek(Math.min(logOffset, file.length()));
      byte[] bytes = new byte[(int) (file.length() - file.getFilePointer())];
      file.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8).lines().toList();
    }
  }

  /** {@code "... gridshift agent started as <identity>: polling [...] ..."} -> the identity. */
  private String identityIn(String line) {
    int as = line.indexOf(startedMarker + " as ");
    int end = line.indexOf(": polling", as);
    return as < 0 || end < 0 ? "" : line.substring(as + startedMarker.length() + 4, end);
  }

  private String tail() throws IOException {
    List<String> lines = linesOfThisRun();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }

  /** The cluster this agent serves. */
  public String cluster() {
    return cluster;
  }

  /** The identity Temporal records on the tasks it runs, {@code <pid>@<host>/agent/<cluster>}. */
  public String identity() {
    return identity;
  }

  /** The process id of the agent's JVM. */
  public long pid() {
    return process.pid();
  }

  /** The log file (every run of this cluster's agent, appended). */
  public Path log() {
    return log;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Kills the agent at once (SIGKILL), as a crash or a node loss would: running activities are
   * abandoned, nothing is shut down cleanly. Returns once the process is gone.
   */
  public void kill() {
    process.destroyForcibly();
    awaitExit();
  }

  /** Stops the agent the way an orchestrator does (SIGTERM, then SIGKILL after a grace period). */
  public void stop() {
    process.destroy();
    if (!awaitExit()) {
      kill();
    }
  }

  private boolean awaitExit() {
    try {
      return process.waitFor(EXIT_WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public String toString() {
    return "agent of " + cluster + " (pid " + process.pid() + ", log " + log + ")";
  }
}
