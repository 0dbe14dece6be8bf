package io.gridshift.sandbox.infinispan;

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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Infinispan server in its own JVM on a loopback address: {@code java -cp "<lib>/*"
 * org.infinispan.server.Bootstrap -s <root> -n <node>} with the sandbox's configuration files.
 * Every started server is killed by a JVM shutdown hook if nobody stopped it, so tests and the
 * sandbox leak no processes.
 */
public final class InfinispanServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(InfinispanServer.class);
  private static final Set<InfinispanServer> RUNNING = ConcurrentHashMap.newKeySet();
  private static final HttpClient PROBE =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(1))
          .build();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(InfinispanServer::killAll, "infinispan-server-reaper"));
  }

  private final InfinispanServerSpec spec;
  private final Process process;

  private InfinispanServer(InfinispanServerSpec spec, Process process) {
    this.spec = spec;
    this.process = process;
  }

  /**
   * Writes the server's {@code conf/} and spawns its JVM; returns without waiting for readiness.
   * Heap defaults to 384 MB ({@code -Dgridshift.infinispan.heap} changes it).
   */
  public static InfinispanServer start(InfinispanServerSpec spec) throws IOException {
    Path lib = InfinispanDistributions.resolve(spec.version());
    Path root = spec.serverRoot().toAbsolutePath();
    writeConf(spec, root);
    Path stdout = root.resolve("log").resolve("process.log");
    ProcessBuilder builder =
        new ProcessBuilder(command(spec, lib, root))
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(stdout.toFile()));
    builder.environment().putAll(spec.env());
    if (spec.tls() != null) {
      // Read by the sandbox configuration's keystore element (not on the command line).
      builder.environment().put("GRIDSHIFT_KEYSTORE_PASSWORD", spec.tls().password());
    }
    InfinispanServer server = new InfinispanServer(spec, builder.start());
    RUNNING.add(server);
    LOG.info(
        "started Infinispan {} node {} on {}:{} (cluster {}, pid {})",
        spec.version(),
        spec.nodeName(),
        spec.bindAddress(),
        spec.port(),
        spec.clusterName(),
        server.process.pid());
    return server;
  }

  private static void writeConf(InfinispanServerSpec spec, Path root) throws IOException {
    Path conf = root.resolve("conf");
    Files.createDirectories(conf);
    Files.createDirectories(root.resolve("log"));
    Files.createDirectories(root.resolve("data"));
    Files.createDirectories(root.resolve("lib")); // 16.x requires it, older versions ignore it
    String xml =
        spec.configXml() == null
            ? SandboxServerFiles.infinispanXml(spec.version(), false, spec.tls() != null, "")
            : spec.configXml();
    Files.writeString(conf.resolve("infinispan.xml"), xml, StandardCharsets.UTF_8);
    Files.writeString(conf.resolve("log4j2.xml"), SandboxServerFiles.log4j2Xml());
    Files.writeString(conf.resolve("logging.properties"), "");
    for (Map.Entry<String, String> file : spec.confFiles().entrySet()) {
      Files.writeString(conf.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
    }
    if (spec.tls() != null) {
      Files.write(conf.resolve(ServerTls.KEYSTORE_FILE), spec.tls().keyStore());
    }
  }

  private static List<String> command(InfinispanServerSpec spec, Path lib, Path root) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + System.getProperty("gridshift.infinispan.heap", "384m"));
    command.add("-XX:+UseSerialGC"); // two cores shared by many JVMs: no parallel GC threads
    command.add("-XX:+ExitOnOutOfMemoryError");
    command.add("-Djava.net.preferIPv4Stack=true");
    // Without it JGroups opens one socket on 0.0.0.0.
    command.add("-Djgroups.bind_addr=" + spec.bindAddress());
    command.add("-Dinfinispan.bind.address=" + spec.bindAddress());
    command.add("-Dinfinispan.cluster.name=" + spec.clusterName());
    command.add("-Dinfinispan.node.name=" + spec.nodeName());
    command.add("-Dgridshift.port=" + spec.port());
    command.add("-Dgridshift.jgroups.port=" + spec.jgroupsPort());
    List<String> hosts =
        spec.initialHosts().isEmpty()
            ? List.of(spec.bindAddress() + "[" + spec.jgroupsPort() + "]")
            : spec.initialHosts();
    command.add("-Dgridshift.jgroups.initial_hosts=" + String.join(",", hosts));
    if (ServerSchema.of(spec.version()).needsHomeProperty()) {
      // Set by server.sh; before 13.0 the REST connector's parser reads it (NPE without).
      command.add("-Dinfinispan.server.home.path=" + root);
    }
    command.add("-cp");
    command.add(lib.toAbsolutePath() + "/*");
    command.add("org.infinispan.server.Bootstrap");
    command.add("-s");
    command.add(root.toString());
    command.add("-n");
    command.add(spec.nodeName());
    return command;
  }

  /** Whether the server answers its health probe with HEALTHY (no authentication needed). */
  public boolean isReady() {
    if (!process.isAlive()) {
      return false;
    }
    String scheme = spec.tls() == null ? "http" : "https";
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(scheme + "://" + spec.bindAddress() + ":" + spec.port() + healthPath()))
            .timeout(Duration.ofSeconds(2))
            .GET()
            .build();
    try {
      HttpClient probe = spec.tls() == null ? PROBE : ProbeTls.CLIENT;
      HttpResponse<String> response = probe.send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && "HEALTHY".equals(response.body().strip());
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * 15+ serves {@code /rest/v2/container/...} and logs a deprecation warning for every call to the
   * older {@code /rest/v2/cache-managers/default/...}, which is all 14 has.
   */
  private String healthPath() {
    int major = Integer.parseInt(spec.version().substring(0, spec.version().indexOf('.')));
    return major >= 15
        ? "/rest/v2/container/health/status"
        : "/rest/v2/cache-managers/default/health/status";
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

  /** Whether the endpoint speaks TLS. */
  public boolean tls() {
    return spec.tls() != null;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGTERM (a graceful server shutdown), then SIGKILL after {@code grace}. */
  public void stop(Duration grace) {
    try {
      if (process.isAlive()) {
        process.destroy();
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

  /** Stops with a 10 second grace period. */
  @Override
  public void close() {
    stop(Duration.ofSeconds(10));
  }

  public String bindAddress() {
    return spec.bindAddress();
  }

  public int port() {
    return spec.port();
  }

  public InfinispanServerSpec spec() {
    return spec;
  }

  /** The server's own log ({@code <root>/log/server.log}). */
  public Path logFile() {
    return spec.serverRoot().resolve("log").resolve("server.log");
  }

  /** The JVM's stdout and stderr ({@code <root>/log/process.log}): crashes before logging. */
  public Path processLogFile() {
    return spec.serverRoot().resolve("log").resolve("process.log");
  }

  public long pid() {
    return process.pid();
  }

  /**
   * The sandbox's {@code infinispan.xml}: JGroups TCP + TCPPING on loopback using the properties
   * {@link #start} sets ({@code infinispan.bind.address}, {@code infinispan.cluster.name}, {@code
   * gridshift.jgroups.initial_hosts}, {@code gridshift.jgroups.port}); one endpoint on {@code
   * ${infinispan.bind.address}:${gridshift.port}}. With {@code auth}, a properties security realm
   * (digest) reading {@code users.properties}/{@code groups.properties} from {@code conf/}.
   */
  public static String sandboxConfig(boolean auth) {
    return sandboxConfig(auth, false);
  }

  /**
   * {@link #sandboxConfig(boolean)}, with {@code tls} presenting {@code conf/}{@value
   * ServerTls#KEYSTORE_FILE} (a spec's {@link InfinispanServerSpec#tls()}) on the endpoint.
   */
  public static String sandboxConfig(boolean auth, boolean tls) {
    return SandboxServerFiles.infinispanXml(auth, tls);
  }

  /**
   * The sandbox's {@code infinispan.xml} in the schema a server of {@code version} reads (10.1 and
   * later), without authentication or TLS, with {@code cachesXml} (cache elements, e.g. caches with
   * remote stores for a CONFIG-mode rolling upgrade, or empty) in its cache container.
   */
  public static String sandboxConfig(String version, String cachesXml) {
    return SandboxServerFiles.infinispanXml(version, false, false, cachesXml);
  }

  /** {@code users.properties}/{@code groups.properties} for one admin user (plain text). */
  public static Map<String, String> usersFiles(String user, String password) {
    return SandboxServerFiles.usersFiles(user, password);
  }

  @Override
  public String toString() {
    return "Infinispan "
        + spec.version()
        + " "
        + spec.nodeName()
        + "@"
        + spec.bindAddress()
        + ":"
        + spec.port();
  }

  private static void killAll() {
    for (InfinispanServer server : RUNNING) {
      server.process.destroyForcibly();
    }
  }
}
