package io.gridshift.sandbox.it.infinispan;

import io.gridshift.sandbox.infinispan.InfinispanDistributions;
import io.gridshift.sandbox.infinispan.InfinispanServer;
import io.gridshift.sandbox.infinispan.InfinispanServerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real servers the Infinispan ITs share: a source grid of the source version and a target grid
 * of the target version, one node each, both with a digest users realm. Started once for all IT
 * classes of the run (they use distinct caches) and stopped at its end.
 */
final class ItGrids implements ExtensionContext.Store.CloseableResource {
  private static final Logger LOG = LoggerFactory.getLogger(ItGrids.class);

  static final String USER = "admin";
  static final String PASSWORD = "it-Secret-1";
  static final int PORT = 11222;
  static final int JGROUPS_PORT = 7800;
  static final Path ROOT = Path.of("target", "it-infinispan");

  static final String SOURCE_VERSION =
      System.getProperty("gridshift.infinispan.source", "14.0.28.Final");
  static final String TARGET_VERSION =
      System.getProperty("gridshift.infinispan.target", "15.0.21.Final");

  final InfinispanServer source;
  final InfinispanServer target;

  ItGrids() throws IOException {
    deleteTree(ROOT);
    long resolving = System.nanoTime();
    InfinispanDistributions.resolve(SOURCE_VERSION);
    InfinispanDistributions.resolve(TARGET_VERSION);
    LOG.info("distributions ready in {} ms", millisSince(resolving));
    long starting = System.nanoTime();
    source = start(authenticated(SOURCE_VERSION, "src-0", "127.0.10.1", "it-source"));
    target = start(authenticated(TARGET_VERSION, "tgt-0", "127.0.11.1", "it-target"));
    awaitReady(source);
    awaitReady(target);
    LOG.info(
        "source {} and target {} ready in {} ms (started together)",
        source,
        target,
        millisSince(starting));
  }

  static InfinispanServerSpec authenticated(
      String version, String node, String address, String cluster) {
    return new InfinispanServerSpec(
        version,
        ROOT.resolve(node),
        address,
        PORT,
        cluster,
        List.of(address + "[" + JGROUPS_PORT + "]"),
        JGROUPS_PORT,
        InfinispanServer.sandboxConfig(true),
        InfinispanServer.usersFiles(USER, PASSWORD),
        Map.of());
  }

  static InfinispanServer start(InfinispanServerSpec spec) throws IOException {
    return InfinispanServer.start(spec);
  }

  static void awaitReady(InfinispanServer server) {
    if (!server.awaitReady(Duration.ofSeconds(90))) {
      throw new IllegalStateException(server + " did not become ready; see " + server.logFile());
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (Files.exists(root)) {
      try (Stream<Path> paths = Files.walk(root)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  static long millisSince(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
  }

  @Override
  public void close() {
    source.stop(Duration.ofSeconds(10));
    target.stop(Duration.ofSeconds(10));
  }
}
