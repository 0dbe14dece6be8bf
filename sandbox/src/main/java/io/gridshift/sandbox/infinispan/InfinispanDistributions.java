package io.gridshift.sandbox.infinispan;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real Infinispan server distributions, assembled from Maven Central: the jars of {@code
 * org.infinispan:infinispan-server-runtime} (plus its {@code loader} classifier, which 14.x and
 * 15.x boot through) copied by {@code mvn dependency:copy-dependencies} over a generated helper
 * pom, one per version, into {@code
 * ${GRIDSHIFT_CACHE:-~/.cache/gridshift}/infinispan/<version>/lib}.
 *
 * <p>Resolution happens once per version: a {@code .complete} marker is written last, after the
 * jars were moved into place. Concurrent resolvers wait on a lock (a monitor within this JVM, a
 * file lock across processes), then find the marker.
 */
public final class InfinispanDistributions {
  private static final Logger LOG = LoggerFactory.getLogger(InfinispanDistributions.class);
  private static final Pattern VERSION = Pattern.compile("[0-9]+\\.[0-9]+\\.[0-9]+[A-Za-z0-9._-]*");
  private static final Map<String, Object> LOCKS = new ConcurrentHashMap<>();
  private static final long RESOLVE_TIMEOUT_MINUTES = 15;

  private InfinispanDistributions() {}

  /**
   * Folder holding the server's jars for {@code version} (e.g. {@code 14.0.28.Final}), resolved
   * from Maven Central on first use.
   *
   * @throws IOException when Maven fails (its output is in {@code <version>/resolve.log})
   */
  public static Path resolve(String version) throws IOException {
    if (version == null || !VERSION.matcher(version).matches()) {
      throw new IllegalArgumentException(
          "'" + version + "' is not an Infinispan version such as 15.0.21.Final");
    }
    Path home = cacheRoot().resolve("infinispan").resolve(version);
    Path lib = home.resolve("lib");
    Path marker = home.resolve(".complete");
    if (Files.exists(marker)) {
      return lib;
    }
    synchronized (LOCKS.computeIfAbsent(version, v -> new Object())) {
      Files.createDirectories(home);
      try (FileChannel channel =
              new RandomAccessFile(home.resolve(".lock").toFile(), "rw").getChannel();
          FileLock lock = channel.lock()) {
        if (!Files.exists(marker)) {
          download(version, home, lib);
          Files.writeString(marker, version + "\n");
        }
      }
    }
    return lib;
  }

  /** {@code $GRIDSHIFT_CACHE}, else {@code ~/.cache/gridshift}. */
  public static Path cacheRoot() {
    String configured = System.getenv("GRIDSHIFT_CACHE");
    return configured != null && !configured.isBlank()
        ? Path.of(configured)
        : Path.of(System.getProperty("user.home"), ".cache", "gridshift");
  }

  private static void download(String version, Path home, Path lib) throws IOException {
    Path pom = home.resolve("pom.xml");
    Path staging = home.resolve("lib.partial");
    Path log = home.resolve("resolve.log");
    Files.writeString(pom, helperPom(version), StandardCharsets.UTF_8);
    deleteTree(staging);
    LOG.info("resolving Infinispan server {} from Maven Central into {}", version, lib);
    long started = System.nanoTime();
    List<String> command =
        List.of(
            System.getProperty("gridshift.mvn", "mvn"),
            "-B",
            "-q",
            "-f",
            pom.toString(),
            "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies",
            "-DincludeScope=runtime",
            "-DoutputDirectory=" + staging);
    Process mvn =
        new ProcessBuilder(command)
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      if (!mvn.waitFor(RESOLVE_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        mvn.destroyForcibly();
        throw new IOException(
            "resolving Infinispan " + version + " took over 15 minutes; see " + log);
      }
    } catch (InterruptedException e) {
      mvn.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while resolving Infinispan " + version, e);
    }
    if (mvn.exitValue() != 0 || !Files.isDirectory(staging)) {
      throw new IOException(
          "mvn could not resolve Infinispan server "
              + version
              + " (exit "
              + mvn.exitValue()
              + "); is the version on Maven Central? Output: "
              + log);
    }
    deleteTree(lib);
    Files.move(staging, lib, StandardCopyOption.ATOMIC_MOVE);
    LOG.info(
        "resolved Infinispan server {} in {} s",
        version,
        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
  }

  /**
   * Server modules that Maven Central (as served here) lacks for a version: the helper pom excludes
   * them so the rest resolves. The server boots without them; only their features (memcached
   * connector, JDBC/RocksDB/SIFS stores, the bundled CLI, anchored keys, CloudEvents) are missing,
   * none of which the sandbox configures.
   */
  private static final Map<String, List<String>> MISSING_MODULES =
      Map.of(
          "12.1.12.Final",
          List.of(
              "infinispan-server-memcached",
              "infinispan-client-rest",
              "infinispan-cachestore-jdbc",
              "infinispan-cachestore-rocksdb",
              "infinispan-persistence-soft-index",
              "infinispan-cli-client",
              "infinispan-scripting",
              "infinispan-anchored-keys",
              "infinispan-cloudevents-integration"));

  /**
   * Missing modules the server cannot boot without, taken from the previous micro release of the
   * same minor (its own Infinispan dependencies excluded, so the version's own jars stay): 12.1's
   * task engine loads {@code org.infinispan.scripting} classes at start.
   */
  private static final Map<String, List<String>> SUBSTITUTE_MODULES =
      Map.of("12.1.12.Final", List.of("infinispan-scripting:12.1.11.Final"));

  /** One helper pom per version: two versions of the same artifact cannot share a module. */
  static String helperPom(String version) {
    // 16.x ships no loader jar: it boots from the runtime jar directly.
    boolean loader = Integer.parseInt(version.substring(0, version.indexOf('.'))) < 16;
    StringBuilder exclusions = new StringBuilder();
    for (String module : MISSING_MODULES.getOrDefault(version, List.of())) {
      exclusions
          .append("<exclusion><groupId>org.infinispan</groupId><artifactId>")
          .append(module)
          .append("</artifactId></exclusion>");
    }
    String dependency =
        "    <dependency><groupId>org.infinispan</groupId>"
            + "<artifactId>infinispan-server-runtime</artifactId><version>%s</version>%s"
            + (exclusions.isEmpty() ? "" : "<exclusions>" + exclusions + "</exclusions>")
            + "</dependency>\n";
    return "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
        + "  <modelVersion>4.0.0</modelVersion>\n"
        + "  <groupId>io.gridshift.sandbox</groupId>\n"
        + "  <artifactId>infinispan-server-"
        + version
        + "</artifactId>\n"
        + "  <version>1</version>\n"
        + "  <packaging>pom</packaging>\n"
        + "  <dependencies>\n"
        + String.format(dependency, version, "")
        + (loader ? String.format(dependency, version, "<classifier>loader</classifier>") : "")
        + substitutes(version)
        + "  </dependencies>\n"
        + "</project>\n";
  }

  private static String substitutes(String version) {
    StringBuilder out = new StringBuilder();
    for (String module : SUBSTITUTE_MODULES.getOrDefault(version, List.of())) {
      String[] parts = module.split(":");
      out.append("    <dependency><groupId>org.infinispan</groupId><artifactId>")
          .append(parts[0])
          .append("</artifactId><version>")
          .append(parts[1])
          .append("</version><exclusions><exclusion><groupId>org.infinispan</groupId>")
          .append("<artifactId>*</artifactId></exclusion></exclusions></dependency>\n");
    }
    return out.toString();
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
