package io.gridshift.demo.bench.paths;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridshift.activities.infinispan.GridAddress;
import io.gridshift.activities.infinispan.RestResponse;
import io.gridshift.activities.infinispan.UpgradePathSteps;
import io.gridshift.sandbox.infinispan.InfinispanServer;
import io.gridshift.sandbox.infinispan.InfinispanServerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.infinispan.client.hotrod.RemoteCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One source version, target version and mode, measured on a running single-node source:
 *
 * <ol>
 *   <li>create the four caches on the source (fresh names per run) and load them;
 *   <li>start a single-node target: RUNTIME plain, CONFIG with the source's caches and their remote
 *       stores (the product's {@code RemoteStoreXml}) in its {@code infinispan.xml};
 *   <li>copy schemas; RUNTIME creates each cache with the source's configuration and POSTs the
 *       product's remote-store JSON; connect passes when every cache reads a source entry through
 *       the target;
 *   <li>write one existing key of each probed encoding through the target; it must reach the
 *       source;
 *   <li>{@code sync-data} every cache, then disconnect;
 *   <li>verify counts and sampled values against the source; the written keys must hold the new
 *       value (write-through passes only then);
 *   <li>query the indexed cache on the target.
 * </ol>
 */
final class PathRun {
  private static final Logger LOG = LoggerFactory.getLogger(PathRun.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SAMPLE = 100;
  private static final int WRITTEN = 1;

  private final InfinispanServer source;
  private final PathsData sourceData;
  private final String targetVersion;
  private final Mode mode;
  private final int run;
  private final Path workDir;
  private final int entries;
  private final ModeRecorder result = new ModeRecorder();

  PathRun(
      InfinispanServer source,
      PathsData sourceData,
      String targetVersion,
      Mode mode,
      int run,
      Path workDir,
      int entries) {
    this.source = source;
    this.sourceData = sourceData;
    this.targetVersion = targetVersion;
    this.mode = mode;
    this.run = run;
    this.workDir = workDir;
    this.entries = entries;
  }

  ModeResult measure() throws IOException {
    List<String> caches = new ArrayList<>();
    for (Encoding encoding : Encoding.values()) {
      String cache = cacheName(encoding);
      sourceData.createCache(cache, encoding);
      sourceData.load(cache, encoding, entries);
      caches.add(cache);
    }
    String cachesXml = "";
    if (mode == Mode.CONFIG) {
      try {
        cachesXml =
            UpgradePathSteps.configModeCaches(
                sourceAddress(), caches, source.bindAddress(), source.port());
      } catch (RuntimeException e) {
        result.connect(Status.FAIL);
        result.failure("rendering the remote stores from the source's XML", e.getMessage());
        return result.build();
      }
    }
    try (InfinispanServer target = InfinispanServer.start(targetSpec(cachesXml))) {
      if (!target.awaitReady(Duration.ofMinutes(3))) {
        result.connect(Status.FAIL);
        result.failure("target start", firstError(target));
        return result.build();
      }
      GridAddress targetAddress =
          GridAddress.anonymous("target", target.bindAddress(), target.port());
      try (UpgradePathSteps steps = new UpgradePathSteps(sourceAddress(), targetAddress);
          PathsData targetData =
              new PathsData(target.bindAddress(), target.port(), targetVersion)) {
        new PathSteps(steps, targetData, target).run();
      }
    }
    return result.build();
  }

  /** The steps against a started target. */
  private final class PathSteps {
    private final UpgradePathSteps steps;
    private final PathsData targetData;
    private final InfinispanServer target;

    PathSteps(UpgradePathSteps steps, PathsData targetData, InfinispanServer target) {
      this.steps = steps;
      this.targetData = targetData;
      this.target = target;
    }

    void run() {
      if (!connect()) {
        return;
      }
      writeThrough();
      if (!sync()) {
        disconnect();
        return;
      }
      disconnect();
      verify();
      query();
    }

    /** Every cache is tried, so the detail names each encoding that could not connect. */
    private boolean connect() {
      try {
        steps.copyInternalCaches();
      } catch (RuntimeException e) {
        result.failure("copying schemas", e.getMessage());
      }
      boolean all = true;
      for (Encoding encoding : Encoding.values()) {
        String cache = cacheName(encoding);
        try {
          if (mode == Mode.RUNTIME) {
            steps.createCacheLikeSource(cache);
            RestResponse response = steps.connect(cache, source.bindAddress(), source.port());
            if (!response.ok()) {
              throw new IllegalStateException(
                  "source-connection answered " + response.status() + " " + response.shortBody());
            }
          }
          String read = targetData.cache(cache, encoding).get(PathsData.key(0));
          if (!sameValue(encoding, read, PathsData.value(encoding, 0, "v"))) {
            throw new IllegalStateException("reading key-0 through the target gave " + read);
          }
        } catch (RuntimeException e) {
          all = false;
          result.failure("connect " + encoding.label(), e.getMessage());
        }
      }
      result.connect(all ? Status.PASS : Status.FAIL);
      return all;
    }

    /** Writes key-1 through the target; PASS here is provisional until it survives the sync. */
    private void writeThrough() {
      for (Encoding encoding : Encoding.values()) {
        if (!encoding.probedForWriteThrough()) {
          continue;
        }
        String cache = cacheName(encoding);
        String fresh = PathsData.value(encoding, WRITTEN, "new-");
        try {
          targetData.cache(cache, encoding).put(PathsData.key(WRITTEN), fresh);
          String onSource = sourceData.cache(cache, encoding).get(PathsData.key(WRITTEN));
          if (!sameValue(encoding, onSource, fresh)) {
            throw new IllegalStateException("the source still holds " + onSource);
          }
          result.writeThrough(encoding, Status.PASS);
        } catch (RuntimeException e) {
          result.writeThrough(encoding, Status.FAIL);
          result.failure("write-through " + encoding.label(), e.getMessage());
        }
      }
    }

    private boolean sync() {
      for (Encoding encoding : Encoding.values()) {
        String cache = cacheName(encoding);
        try {
          RestResponse response = steps.syncData(cache);
          if (!response.ok()) {
            throw new IllegalStateException(
                "sync-data answered " + response.status() + " " + response.shortBody());
          }
        } catch (RuntimeException e) {
          result.syncData(Status.FAIL);
          result.failure("sync-data " + encoding.label(), e.getMessage());
          return false;
        }
      }
      result.syncData(Status.PASS);
      return true;
    }

    private void disconnect() {
      for (Encoding encoding : Encoding.values()) {
        try {
          RestResponse response = steps.disconnect(cacheName(encoding));
          if (!response.ok()) {
            result.failure(
                "disconnect " + encoding.label(),
                "answered " + response.status() + " " + response.shortBody());
          }
        } catch (RuntimeException e) {
          result.failure("disconnect " + encoding.label(), e.getMessage());
        }
      }
    }

    private void verify() {
      List<String> wrong = new ArrayList<>();
      for (Encoding encoding : Encoding.values()) {
        String cache = cacheName(encoding);
        try {
          wrong.addAll(compare(encoding, cache));
        } catch (RuntimeException e) {
          wrong.add(encoding.label() + ": " + e.getMessage());
        }
        if (encoding.probedForWriteThrough() && result.writeThrough(encoding) == Status.PASS) {
          String after = targetData.cache(cache, encoding).get(PathsData.key(WRITTEN));
          if (!sameValue(encoding, after, PathsData.value(encoding, WRITTEN, "new-"))) {
            result.writeThrough(encoding, Status.FAIL);
            result.failure(
                "write-through " + encoding.label(), "the new value was lost at sync: " + after);
          }
        }
      }
      result.verified(wrong.isEmpty() ? Status.PASS : Status.FAIL);
      if (!wrong.isEmpty()) {
        result.failure("verify", String.join(", ", wrong));
      }
    }

    /** Count and sampled values on the target against the source (key-1 left to write-through). */
    private List<String> compare(Encoding encoding, String cache) {
      List<String> wrong = new ArrayList<>();
      RemoteCache<String, String> onTarget = targetData.cache(cache, encoding);
      RemoteCache<String, String> onSource = sourceData.cache(cache, encoding);
      int size = onTarget.size();
      if (size != entries) {
        wrong.add(encoding.label() + " holds " + size + " of " + entries + " entries");
      }
      int step = Math.max(1, entries / SAMPLE);
      for (int i = 0; i < entries; i += step) {
        if (i == WRITTEN) {
          continue;
        }
        String key = PathsData.key(i);
        String expected = onSource.get(key);
        String actual = onTarget.get(key);
        if (!sameValue(encoding, actual, expected)) {
          wrong.add(encoding.label() + " " + key + " is " + actual + ", source " + expected);
          break;
        }
      }
      return wrong;
    }

    private void query() {
      String cache = cacheName(Encoding.INDEXED);
      try {
        String problem = PathsQuery.check(target.bindAddress(), target.port(), cache, "vname-5");
        result.indexedQuery(problem == null ? Status.PASS : Status.FAIL);
        if (problem != null) {
          result.failure("indexed query", problem);
        }
      } catch (IOException e) {
        result.indexedQuery(Status.FAIL);
        result.failure("indexed query", e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        result.failure("indexed query", "interrupted");
      }
    }
  }

  private String cacheName(Encoding encoding) {
    return "r" + run + "-" + encoding.label();
  }

  private GridAddress sourceAddress() {
    return GridAddress.anonymous("source", source.bindAddress(), source.port());
  }

  private InfinispanServerSpec targetSpec(String cachesXml) {
    String name = "paths-target-" + run;
    return new InfinispanServerSpec(
        targetVersion,
        workDir.resolve(name),
        "127.0.61." + (run % 250 + 1),
        11222,
        name,
        List.of(),
        7800,
        InfinispanServer.sandboxConfig(targetVersion, cachesXml),
        Map.of(),
        Map.of());
  }

  /** JSON values compare as trees (the server re-renders them), others as text. */
  private static boolean sameValue(Encoding encoding, String actual, String expected) {
    if (actual == null || expected == null) {
      return Objects.equals(actual, expected);
    }
    if (encoding == Encoding.PROTOSTREAM || encoding == Encoding.INDEXED) {
      try {
        return JSON.readTree(actual).equals(JSON.readTree(expected));
      } catch (IOException e) {
        return false;
      }
    }
    return actual.equals(expected);
  }

  /** The first ERROR line of the target's log, or where to look. */
  private static String firstError(InfinispanServer target) {
    for (Path log : List.of(target.logFile(), target.processLogFile())) {
      try {
        if (Files.exists(log)) {
          for (String line : Files.readAllLines(log)) {
            if (line.contains("ERROR") || line.contains("Exception")) {
              return line;
            }
          }
        }
      } catch (IOException e) {
        LOG.debug("reading {}: {}", log, e.toString());
      }
    }
    return "not ready within 3 minutes; see " + target.logFile();
  }
}
