package io.gridshift.demo.bench;

import io.gridshift.activities.infinispan.GridAddress;
import io.gridshift.activities.infinispan.RestClient;
import io.gridshift.activities.infinispan.RestResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.infinispan.client.hotrod.RemoteCache;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.infinispan.client.hotrod.configuration.ConfigurationBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before/after of gridshift's REST transport for {@code sync-data}: the hand-written client's call
 * (one JDK {@code HttpClient} POST over HTTP/1.1, what it sent to a grid without credentials) and
 * the Infinispan REST client library's {@code synchronizeData} as gridshift now calls it, on the
 * same two real servers (one 14.0.28 source node, one 15.0.21 target node), runs alternating. Each
 * run syncs the source cache into a fresh target cache created with a remote store to it.
 *
 * <p>Usage: {@code RestClientBench [entries] [runs] [dir]} (default 50000, 3, target/rest-bench).
 */
public final class RestClientBench {
  private static final Logger LOG = LoggerFactory.getLogger(RestClientBench.class);
  private static final String SOURCE_CACHE = "bench";

  private RestClientBench() {}

  public static void main(String[] args) throws Exception {
    int entries = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path dir = Path.of(args.length > 2 ? args[2] : "target/rest-bench");
    Files.createDirectories(dir);
    try (SyncGrid source = SyncGrid.start("14.0.28.Final", dir, "127.0.40", 1, 1, "rb-src");
        SyncGrid target = SyncGrid.start("15.0.21.Final", dir, "127.0.41", 1, 1, "rb-tgt")) {
      source.rest(0).createCache(SOURCE_CACHE, "{\"distributed-cache\":{\"mode\":\"SYNC\"}}");
      load(source.host(0), entries);
      List<Long> handWritten = new ArrayList<>();
      List<Long> library = new ArrayList<>();
      GridAddress grid = GridAddress.anonymous("bench/target", target.host(0), SyncGrid.PORT);
      try (RestClient rest = new RestClient(grid)) {
        // One of each first, not counted: the servers' JIT warms up on the first syncs.
        timed(target, source.host(0), "warm-h", entries, null);
        timed(target, source.host(0), "warm-l", entries, rest);
        for (int run = 0; run < runs; run++) {
          // Alternate which goes first, so neither always follows the other's disconnect.
          if (run % 2 == 0) {
            handWritten.add(timed(target, source.host(0), "h" + run, entries, null));
            library.add(timed(target, source.host(0), "l" + run, entries, rest));
          } else {
            library.add(timed(target, source.host(0), "l" + run, entries, rest));
            handWritten.add(timed(target, source.host(0), "h" + run, entries, null));
          }
        }
      }
      System.out.printf(
          "entries %d, runs %d%nhand-written JDK POST: %s ms, median %d%n"
              + "infinispan-client-rest: %s ms, median %d%n",
          entries, runs, handWritten, median(handWritten), library, median(library));
    }
  }

  /** Creates target cache {@code name} reading through to the source, syncs it, returns ms. */
  private static long timed(
      SyncGrid target, String sourceHost, String name, int entries, RestClient library)
      throws Exception {
    String cache = "bench-" + name;
    target
        .rest(0)
        .createCache(
            cache,
            """
            {"distributed-cache": {"mode": "SYNC", "persistence": {"remote-store": {
              "cache": "%s", "shared": true, "raw-values": true, "segmented": false,
              "remote-server": [{"host": "%s", "port": %d}]}}}}"""
                .formatted(SOURCE_CACHE, sourceHost, SyncGrid.PORT));
    long started = System.nanoTime();
    long synced;
    if (library == null) {
      synced = target.rest(0).syncData(cache, "?action=sync-data");
    } else {
      RestResponse response =
          library
              .sendAsync(
                  "POST", "/rest/v2/caches/" + cache + "?action=sync-data", null, null, null, null)
              .join();
      Matcher m = Pattern.compile("Synchronized (\\d+) entries").matcher(response.body());
      synced = m.find() ? Long.parseLong(m.group(1)) : -1;
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    if (synced != entries) {
      throw new IllegalStateException(cache + ": synchronized " + synced + " of " + entries);
    }
    target.rest(0).disconnect(cache);
    LOG.info("{}: {} entries in {} ms", cache, synced, millis);
    return millis;
  }

  private static void load(String host, int entries) {
    ConfigurationBuilder builder = new ConfigurationBuilder();
    builder.addServer().host(host).port(SyncGrid.PORT);
    try (RemoteCacheManager rcm = new RemoteCacheManager(builder.build())) {
      RemoteCache<String, String> cache = rcm.getCache(SOURCE_CACHE);
      Map<String, String> batch = new HashMap<>();
      for (int i = 0; i < entries; i++) {
        batch.put(SyncData.key(SOURCE_CACHE, i), SyncData.value(SOURCE_CACHE, i, 256));
        if (batch.size() == 1000 || i == entries - 1) {
          cache.putAll(batch);
          batch.clear();
        }
      }
    }
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
