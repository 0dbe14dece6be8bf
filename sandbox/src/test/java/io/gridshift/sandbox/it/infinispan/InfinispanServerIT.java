package io.gridshift.sandbox.it.infinispan;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridshift.activities.infinispan.GridAddress;
import io.gridshift.activities.infinispan.RestClient;
import io.gridshift.sandbox.infinispan.InfinispanDistributions;
import io.gridshift.sandbox.infinispan.InfinispanServer;
import io.gridshift.sandbox.infinispan.InfinispanServerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The launcher itself: resolution cache, readiness, logs, stop, restart on the same root. */
class InfinispanServerIT {
  private static final Logger LOG = LoggerFactory.getLogger(InfinispanServerIT.class);

  @Test
  void startsStopsAndRestartsOnTheSameRoot() throws IOException {
    Path lib = InfinispanDistributions.resolve(ItGrids.TARGET_VERSION);
    long again = System.nanoTime();
    assertThat(InfinispanDistributions.resolve(ItGrids.TARGET_VERSION)).isEqualTo(lib);
    assertThat(ItGrids.millisSince(again)).isLessThan(1_000);
    assertThat(lib.resolve("infinispan-server-runtime-" + ItGrids.TARGET_VERSION + "-loader.jar"))
        .exists();

    Path root = ItGrids.ROOT.resolve("solo-0");
    ItGrids.deleteTree(root);
    InfinispanServerSpec spec =
        new InfinispanServerSpec(
            ItGrids.TARGET_VERSION,
            root,
            "127.0.11.9",
            ItGrids.PORT,
            "it-solo",
            List.of(),
            ItGrids.JGROUPS_PORT,
            null,
            Map.of(),
            Map.of());

    long starting = System.nanoTime();
    InfinispanServer server = InfinispanServer.start(spec);
    try {
      assertThat(server.awaitReady(Duration.ofSeconds(90))).isTrue();
      LOG.info("{} ready {} ms after start", server, ItGrids.millisSince(starting));
      assertThat(Files.readString(server.logFile())).contains("ISPN080001");
      assertThat(root.resolve("conf/infinispan.xml")).content().contains("gridshift-tcp");
      // No auth in the default config: the REST API answers anonymous callers.
      RestClient rest = new RestClient(GridAddress.anonymous("solo", "127.0.11.9", ItGrids.PORT));
      assertThat(rest.get("/rest/v2/caches").status()).isEqualTo(200);

      server.stop(Duration.ofSeconds(10));
      assertThat(server.isAlive()).isFalse();
      assertThat(server.isReady()).isFalse();

      long restarting = System.nanoTime();
      server = InfinispanServer.start(spec);
      assertThat(server.awaitReady(Duration.ofSeconds(90))).isTrue();
      LOG.info("{} restarted on its root in {} ms", server, ItGrids.millisSince(restarting));
      assertThat(Files.readString(server.logFile())).contains("ISPN000390"); // persisted state
    } finally {
      server.close();
    }
    assertThat(server.isAlive()).isFalse();
  }
}
