package io.gridshift.sandbox.hazelcast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Hazelcast member in its own JVM on a loopback address: {@code java -cp hazelcast.jar
 * com.hazelcast.core.server.HazelcastMemberStarter} with {@code -Dhazelcast.config} pointing at the
 * spec's YAML. Every started member is killed by a JVM shutdown hook if nobody stopped it, so tests
 * and the sandbox leak no processes.
 */
public final class HazelcastMember implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HazelcastMember.class);
  private static final Set<HazelcastMember> RUNNING = ConcurrentHashMap.newKeySet();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient PROBE =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(1))
          .build();

  /** What Hazelcast documents for running on Java 17 (module access it uses for metrics/IO). */
  static final List<String> MODULE_FLAGS =
      List.of(
          "--add-modules",
          "java.se",
          "--add-exports",
          "java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-opens",
          "java.base/java.lang=ALL-UNNAMED",
          "--add-opens",
          "java.base/jdk.internal.misc=ALL-UNNAMED",
          "--add-opens",
          "java.base/java.nio=ALL-UNNAMED",
          "--add-opens",
          "java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens",
          "java.management/sun.management=ALL-UNNAMED",
          "--add-opens",
          "jdk.management/com.sun.management.internal=ALL-UNNAMED");

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(HazelcastMember::killAll, "hazelcast-member-reaper"));
  }

  private final HazelcastMemberSpec spec;
  private final Process process;

  private HazelcastMember(HazelcastMemberSpec spec, Process process) {
    this.spec = spec;
    this.process = process;
  }

  /**
   * Writes {@code <workDir>/hazelcast.yaml} and spawns the member's JVM; returns without waiting
   * for readiness. Heap defaults to 256 MB ({@code -Dgridshift.hazelcast.heap} or an {@code -Xmx}
   * in the spec's JVM options change it).
   */
  public static HazelcastMember start(HazelcastMemberSpec spec) throws IOException {
    Path jar = HazelcastDistributions.resolve(spec.version());
    Path workDir = spec.workDir().toAbsolutePath();
    Files.createDirectories(workDir);
    Path config = workDir.resolve("hazelcast.yaml");
    String yaml = spec.configYaml() == null ? sandboxConfig(1) : spec.configYaml();
    Files.writeString(config, yaml, StandardCharsets.UTF_8);
    Path log = workDir.resolve("member.log");
    ProcessBuilder builder =
        new ProcessBuilder(command(spec, jar, config))
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    // The image's HZ_* variables override the config; the sandbox's own must not leak in.
    builder.environment().keySet().removeIf(k -> k.startsWith("HZ_"));
    builder.environment().putAll(spec.env());
    HazelcastMember member = new HazelcastMember(spec, builder.start());
    RUNNING.add(member);
    LOG.info(
        "started Hazelcast {} member on {}:{} (cluster {}, members {}, pid {})",
        spec.version(),
        spec.bindAddress(),
        spec.port(),
        spec.clusterName(),
        spec.members(),
        member.process.pid());
    return member;
  }

  static List<String> command(HazelcastMemberSpec spec, Path jar, Path config) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + System.getProperty("gridshift.hazelcast.heap", "256m"));
    command.add("-XX:+UseSerialGC"); // two cores shared by many JVMs: no parallel GC threads
    command.add("-XX:+ExitOnOutOfMemoryError");
    command.add("-Djava.net.preferIPv4Stack=true");
    command.addAll(MODULE_FLAGS);
    command.add("-Dhazelcast.config=" + config);
    // Members of one sandbox share port numbers on distinct loopback addresses: never bind 0.0.0.0.
    command.add("-Dhazelcast.socket.bind.any=false");
    command.add("-Dhazelcast.phone.home.enabled=false"); // no internet here
    command.add("-Dgridshift.hazelcast.cluster-name=" + spec.clusterName());
    command.add("-Dgridshift.hazelcast.bind-address=" + spec.bindAddress());
    command.add("-Dgridshift.hazelcast.port=" + spec.port());
    List<String> members =
        spec.members().isEmpty() ? List.of(spec.bindAddress() + ":" + spec.port()) : spec.members();
    command.add("-Dgridshift.hazelcast.members=" + String.join(",", members));
    command.addAll(spec.jvmOptions());
    command.add("-cp");
    command.add(jar.toAbsolutePath().toString());
    command.add("com.hazelcast.core.server.HazelcastMemberStarter");
    return command;
  }

  /** Whether {@code GET /hazelcast/health/ready} answers 200 (the Helm chart's readiness probe). */
  public boolean isReady() {
    if (!process.isAlive()) {
      return false;
    }
    try {
      return get(spec.bindAddress(), spec.port(), "/hazelcast/health/ready").statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  /** {@code GET /hazelcast/health}; empty when the member does not answer. */
  public Optional<HazelcastHealth> health() {
    return process.isAlive() ? health(spec.bindAddress(), spec.port()) : Optional.empty();
  }

  /**
   * {@code GET http://host:port/hazelcast/health} of any member (a pod's, say); empty when it does
   * not answer 200 within about a second.
   */
  public static Optional<HazelcastHealth> health(String host, int port) {
    try {
      HttpResponse<String> response = get(host, port, "/hazelcast/health");
      if (response.statusCode() != 200) {
        return Optional.empty();
      }
      JsonNode body = JSON.readTree(response.body());
      return Optional.of(
          new HazelcastHealth(
              body.path("nodeState").asText(),
              body.path("clusterState").asText(),
              body.path("clusterSafe").asBoolean(),
              body.path("migrationQueueSize").asInt(),
              body.path("clusterSize").asInt()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static HttpResponse<String> get(String host, int port, String path) throws IOException {
    URI uri = URI.create("http://" + host + ":" + port + path);
    try {
      return PROBE.send(
          HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(1)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while calling " + uri, e);
    }
  }

  /** Polls {@link #isReady()}; false when the timeout passes or the process exits first. */
  public boolean awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (isReady()) {
        return true;
      }
      if (!process.isAlive()) {
        LOG.warn("{} exited with {}; see {}", this, process.exitValue(), logFile());
        return false;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * SIGTERM (with {@code -Dhazelcast.shutdownhook.policy=GRACEFUL} the member hands its partitions
   * over before exiting), then SIGKILL once {@code grace} has passed, like a kubelet. Returns when
   * the process is gone.
   */
  public void stop(Duration grace) {
    try {
      if (process.isAlive()) {
        process.destroy(); // SIGTERM on Unix
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
          LOG.warn("{} did not stop within {}; killing it", this, grace);
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      RUNNING.remove(this);
    }
  }

  /** SIGKILL now: the member gets no chance to migrate its partitions. */
  public void kill() {
    try {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      RUNNING.remove(this);
    }
  }

  /** Stops with a 30 second grace period. */
  @Override
  public void close() {
    stop(Duration.ofSeconds(30));
  }

  public String bindAddress() {
    return spec.bindAddress();
  }

  public int port() {
    return spec.port();
  }

  public HazelcastMemberSpec spec() {
    return spec;
  }

  public long pid() {
    return process.pid();
  }

  /** The JVM's stdout and stderr, where Hazelcast logs ({@code <workDir>/member.log}). */
  public Path logFile() {
    return spec.workDir().resolve("member.log");
  }

  /**
   * Member config YAML for the sandbox (loopback): cluster name, bind address ({@code
   * hazelcast.local.localAddress}: interface matching fails for 127.0.x.y addresses, which no
   * network interface lists), port and tcp-ip member list from the {@code gridshift.hazelcast.*}
   * properties {@link #start} sets; multicast and auto-detection off; REST endpoint groups
   * HEALTH_CHECK, CLUSTER_READ, CLUSTER_WRITE and DATA enabled; map default {@code backup-count =
   * backupCount}.
   */
  public static String sandboxConfig(int backupCount) {
    return """
        hazelcast:
          cluster-name: ${gridshift.hazelcast.cluster-name}
          properties:
            hazelcast.local.localAddress: ${gridshift.hazelcast.bind-address}
          network:
            port:
              auto-increment: false
              port: ${gridshift.hazelcast.port}
            join:
              auto-detection:
                enabled: false
              multicast:
                enabled: false
              tcp-ip:
                enabled: true
                member-list:
                  - ${gridshift.hazelcast.members}
            rest-api:
              enabled: true
              endpoint-groups:
                HEALTH_CHECK:
                  enabled: true
                CLUSTER_READ:
                  enabled: true
                CLUSTER_WRITE:
                  enabled: true
                DATA:
                  enabled: true
          map:
            default:
              backup-count: %d
        """
        .formatted(backupCount);
  }

  @Override
  public String toString() {
    return "Hazelcast " + spec.version() + "@" + spec.bindAddress() + ":" + spec.port();
  }

  private static void killAll() {
    for (HazelcastMember member : RUNNING) {
      member.process.destroyForcibly();
    }
  }
}
