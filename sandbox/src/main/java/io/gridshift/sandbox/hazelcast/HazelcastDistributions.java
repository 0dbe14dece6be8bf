package io.gridshift.sandbox.hazelcast;

import io.gridshift.sandbox.infinispan.InfinispanDistributions;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real Hazelcast (open source) from Maven Central: the single {@code com.hazelcast:hazelcast} jar,
 * member and client in one, copied by {@code mvn dependency:copy} into {@code
 * ${GRIDSHIFT_CACHE:-~/.cache/gridshift}/hazelcast/<version>/}.
 *
 * <p>Resolution happens once per version: the jar is copied to a staging folder and moved into
 * place last. Concurrent resolvers wait on a lock (a monitor within this JVM, a file lock across
 * processes), then find the jar.
 */
public final class HazelcastDistributions {
  private static final Logger LOG = LoggerFactory.getLogger(HazelcastDistributions.class);
  private static final Pattern VERSION = Pattern.compile("[0-9]+\\.[0-9]+\\.[0-9]+[A-Za-z0-9._-]*");
  private static final Map<String, Object> LOCKS = new ConcurrentHashMap<>();
  private static final long RESOLVE_TIMEOUT_MINUTES = 10;

  private HazelcastDistributions() {}

  /**
   * The {@code hazelcast-<version>.jar} for {@code version} (e.g. {@code 5.3.8}), resolved from
   * Maven Central on first use.
   *
   * @throws IOException when Maven fails (its output is in {@code <version>/resolve.log})
   */
  public static Path resolve(String version) throws IOException {
    if (version == null || !VERSION.matcher(version).matches()) {
      throw new IllegalArgumentException(
          "'" + version + "' is not a Hazelcast version such as 5.3.8");
    }
    Path home = InfinispanDistributions.cacheRoot().resolve("hazelcast").resolve(version);
    Path jar = home.resolve("hazelcast-" + version + ".jar");
    if (Files.isRegularFile(jar)) {
      return jar;
    }
    synchronized (LOCKS.computeIfAbsent(version, v -> new Object())) {
      Files.createDirectories(home);
      try (FileChannel channel =
              new RandomAccessFile(home.resolve(".lock").toFile(), "rw").getChannel();
          FileLock lock = channel.lock()) {
        if (!Files.isRegularFile(jar)) {
          download(version, home, jar);
        }
      }
    }
    return jar;
  }

  private static void download(String version, Path home, Path jar) throws IOException {
    Path staging = home.resolve("staging");
    Path log = home.resolve("resolve.log");
    LOG.info("resolving Hazelcast {} from Maven Central into {}", version, home);
    List<String> command =
        List.of(
            System.getProperty("gridshift.mvn", "mvn"),
            "-B",
            "-q",
            "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy",
            "-Dartifact=com.hazelcast:hazelcast:" + version,
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
        throw new IOException("resolving Hazelcast " + version + " took too long; see " + log);
      }
    } catch (InterruptedException e) {
      mvn.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while resolving Hazelcast " + version, e);
    }
    Path copied = staging.resolve(jar.getFileName());
    if (mvn.exitValue() != 0 || !Files.isRegularFile(copied)) {
      throw new IOException(
          "mvn could not resolve com.hazelcast:hazelcast:"
              + version
              + " (exit "
              + mvn.exitValue()
              + "); is the version on Maven Central (5.3.x has no 5.3.3)? Output: "
              + log);
    }
    Files.move(copied, jar, StandardCopyOption.ATOMIC_MOVE);
    Files.deleteIfExists(staging);
  }
}
