package io.gridshift.sandbox.process;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gridshift.workflows.client.TemporalAccess;
import io.gridshift.workflows.client.TemporalTls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a running sandbox process tells others about itself, in {@code <dir>/}{@value #FILE_NAME}:
 * written once everything is up (so the file's presence means "up", unless its process is gone),
 * removed by {@code sandbox down} once the process has exited. Paths are absolute, so the file
 * reads the same from any working directory.
 *
 * @param pid the sandbox process
 * @param dir the sandbox directory
 * @param temporalTarget the Temporal frontend, {@code 127.0.0.1:<port>}
 * @param kubeconfig the kubeconfig with one context per cluster (the first current)
 * @param clusters the clusters, the first being the demos' one
 * @param workerConfig a worker config for {@code ./gridshift worker --config} (hosts workflows,
 *     serves every cluster)
 * @param log the sandbox process's log
 * @param started when it was up, ISO-8601
 * @param processStarted when its process started, ISO-8601 (as the OS tells it: a process with the
 *     same pid that started at another time is another program)
 * @param temporalTls what clients set to reach Temporal when the sandbox runs it over TLS (CA and
 *     client certificate files); {@link TemporalTls#NONE} for plain text
 * @param ui the Temporal UI, {@code http://127.0.0.1:<port>}; null when the sandbox runs none
 */
public record SandboxState(
    long pid,
    String dir,
    String temporalTarget,
    String kubeconfig,
    List<Cluster> clusters,
    String workerConfig,
    String log,
    String started,
    String processStarted,
    TemporalTls temporalTls,
    String ui) {
  /** The state file's name in the sandbox directory. */
  public static final String FILE_NAME = "sandbox.json";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public SandboxState {
    clusters = clusters == null ? List.of() : List.copyOf(clusters);
    temporalTls = temporalTls == null ? TemporalTls.NONE : temporalTls;
  }

  /** The state of a sandbox without a UI server. */
  public SandboxState(
      long pid,
      String dir,
      String temporalTarget,
      String kubeconfig,
      List<Cluster> clusters,
      String workerConfig,
      String log,
      String started,
      String processStarted,
      TemporalTls temporalTls) {
    this(
        pid,
        dir,
        temporalTarget,
        kubeconfig,
        clusters,
        workerConfig,
        log,
        started,
        processStarted,
        temporalTls,
        null);
  }

  /** The state of a sandbox whose Temporal is plain text. */
  public SandboxState(
      long pid,
      String dir,
      String temporalTarget,
      String kubeconfig,
      List<Cluster> clusters,
      String workerConfig,
      String log,
      String started,
      String processStarted) {
    this(
        pid,
        dir,
        temporalTarget,
        kubeconfig,
        clusters,
        workerConfig,
        log,
        started,
        processStarted,
        null,
        null);
  }

  /** How clients reach the sandbox's Temporal (with TLS when it runs over TLS). */
  public TemporalAccess temporalAccess() {
    return TemporalAccess.plain(temporalTarget).withTls(temporalTls);
  }

  /**
   * One cluster of the sandbox.
   *
   * @param name its name (the task queue {@code gridshift-cluster-<name>} and requests' cluster)
   * @param context its context in {@link SandboxState#kubeconfig()}
   * @param apiUrl its Kubernetes API, {@code http://127.0.0.1:<port>}
   * @param kubeconfig a kubeconfig of its own, with only its context (what its agent would hold)
   */
  public record Cluster(String name, String context, String apiUrl, String kubeconfig) {}

  /** The state file of the sandbox in {@code dir}. */
  public static Path file(Path dir) {
    return dir.resolve(FILE_NAME);
  }

  /**
   * The state of the sandbox in {@code dir}, if a state file is there (its process may be gone).
   */
  public static Optional<SandboxState> read(Path dir) throws IOException {
    Path file = file(dir);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), SandboxState.class));
    } catch (IOException e) {
      throw new IOException(
          "the sandbox state file "
              + file
              + " cannot be read ("
              + e.getMessage()
              + "); if no sandbox runs, delete it",
          e);
    }
  }

  /** Writes the state file at once (a reader never sees half a file). */
  public void write() throws IOException {
    Path file = file(Path.of(dir));
    Path partial = file.resolveSibling(FILE_NAME + ".partial");
    JSON.writeValue(partial.toFile(), this);
    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Whether the process that wrote this state still runs: its pid is alive and started when the
   * sandbox's did (it is not another program that reused the pid after the sandbox was killed).
   */
  public boolean processAlive() {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .map(p -> sameStart(p.info().startInstant().orElse(null)))
        .orElse(false);
  }

  private boolean sameStart(Instant start) {
    if (start == null || processStarted == null) {
      return true;
    }
    // Both read from the OS, in clock ticks since boot: the same process gives the same instant.
    return Duration.between(Instant.parse(processStarted), start).abs().toMillis() < 1000;
  }

  /** When the current process started, as {@link #processStarted()} records it. */
  static String currentProcessStart() {
    return ProcessHandle.current().info().startInstant().map(Instant::toString).orElse(null);
  }

  /** The first cluster: the one the demos use. */
  public Cluster defaultCluster() {
    return clusters.get(0);
  }
}
