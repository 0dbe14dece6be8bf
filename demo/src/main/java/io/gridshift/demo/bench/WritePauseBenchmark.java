package io.gridshift.demo.bench;

import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gridshift.activities.ClusterAccess;
import io.gridshift.activities.infinispan.InfinispanDataActivitiesImpl;
import io.gridshift.demo.ProductValues;
import io.gridshift.demo.traffic.CacheRouter;
import io.gridshift.demo.traffic.GridOps;
import io.gridshift.demo.traffic.InfinispanOps;
import io.gridshift.demo.traffic.TrafficOptions;
import io.gridshift.demo.traffic.TrafficProbe;
import io.gridshift.demo.traffic.TrafficRecord;
import io.gridshift.sandbox.kube.LocalKubernetesApi;
import io.gridshift.workflows.common.ClusterRef;
import io.gridshift.workflows.infinispan.activities.CacheRequest;
import io.gridshift.workflows.infinispan.activities.CatchUpRequest;
import io.gridshift.workflows.infinispan.activities.CatchUpResult;
import io.gridshift.workflows.infinispan.activities.ConnectSourceRequest;
import io.gridshift.workflows.infinispan.activities.GridEndpoint;
import io.gridshift.workflows.infinispan.activities.InfinispanDataActivities;
import io.gridshift.workflows.infinispan.activities.SyncRequest;
import io.gridshift.workflows.infinispan.activities.SyncResult;
import io.temporal.activity.ActivityOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.infinispan.client.hotrod.DataFormat;
import org.infinispan.client.hotrod.RemoteCache;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.infinispan.client.hotrod.configuration.ClientIntelligence;
import org.infinispan.client.hotrod.configuration.ConfigurationBuilder;
import org.infinispan.commons.dataconversion.MediaType;
import org.infinispan.commons.marshall.UTF8StringMarshaller;

/**
 * {@code bench/write-pause}: how long client writes to a protostream cache pause when gridshift
 * moves it the short way (issue 16), on real servers: a single-node {@code 14.0.28.Final} source
 * (127.0.60.1) and a single-node {@code 15.0.21.Final} target (127.0.61.1), gridshift's own data
 * activities (run by Temporal's activity test environment, grids resolved through Services in the
 * sandbox's Kubernetes API), and the demo's traffic probe writing through it all.
 *
 * <ol>
 *   <li>Once: load {@code --entries} products into cache {@value #CACHE} on the source.
 *   <li>Each run: a fresh target cache, connected to the source; the probe writes {@code --rate}
 *       ops/s (writes only) to the source. sync-data copies the cache in bulk while it writes; a
 *       few loaded keys are deleted on the source; the cache is disconnected and the catch-up
 *       warmed up; the probe keeps writing {@code --settle} seconds more.
 *   <li>The pause: the probe stops writing and its writes in flight are answered (what the gate
 *       writes-paused approval stands for); the catch-up pass runs; the client Service's selector
 *       moves (what switch-traffic does) and the probe's client moves to the target: the pause
 *       ends. Writes resume on new connections.
 *   <li>After {@code --settle} more seconds the probe stops and reads back every write it saw
 *       acknowledged, from the target: lost writes.
 * </ol>
 *
 * Not included: the Temporal round trips of the real workflow between the gate's approval, the
 * catch-up activity and switch-traffic (a few workflow tasks; the demo's report shows the whole
 * pause, {@code caches[].writePauseMs}).
 */
public final class WritePauseBenchmark {
  static final String CACHE = "catalog";
  static final String SOURCE_VERSION = "14.0.28.Final";
  static final String TARGET_VERSION = "15.0.21.Final";
  private static final ClusterRef CLUSTER = new ClusterRef("bench", "default");
  private static final String CACHE_JSON =
      "{\"distributed-cache\":{\"mode\":\"SYNC\",\"owners\":1,"
          + "\"encoding\":{\"media-type\":\"application/x-protostream\"}}}";
  private static final String SCHEMA =
      "package demo;\nmessage Product {\n  required string name = 1;\n"
          + "  required int32 stock = 2;\n}\n";
  private static final int DELETED_PER_RUN = 100;

  private WritePauseBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = options(args);
    int entries = Integer.parseInt(o.getOrDefault("entries", "100000"));
    int rate = Integer.parseInt(o.getOrDefault("rate", "200"));
    int runs = Integer.parseInt(o.getOrDefault("runs", "3"));
    int settle = Integer.parseInt(o.getOrDefault("settle", "3"));
    Path dir =
        o.containsKey("work-dir")
            ? Files.createDirectories(Path.of(o.get("work-dir")))
            : Files.createTempDirectory("write-pause-");
    System.out.printf(
        "write-pause: %d entries in protostream cache '%s', %s -> %s, %d client writes/s, %d runs%n",
        entries, CACHE, SOURCE_VERSION, TARGET_VERSION, rate, runs);
    List<RunResult> results = new ArrayList<>();
    try (SyncGrid source = SyncGrid.start(SOURCE_VERSION, dir, "127.0.60", 1, 1, "wp-source");
        SyncGrid target = SyncGrid.start(TARGET_VERSION, dir, "127.0.61", 1, 1, "wp-target");
        LocalKubernetesApi kube = LocalKubernetesApi.start(0, dir.resolve("kubeconfig"))) {
      service(kube.client(), "wp-source", source.host(0));
      service(kube.client(), "wp-target", target.host(0));
      service(kube.client(), "dg", source.host(0));
      source.rest(0).putSchema("demo.proto", SCHEMA);
      source.rest(0).createCache(CACHE, CACHE_JSON);
      long loading = System.nanoTime();
      load(source.host(0), entries);
      System.out.printf("  loaded %d entries in %d ms%n", entries, millisSince(loading));
      try (ClusterAccess access = ClusterAccess.of(CLUSTER.cluster(), kube.client())) {
        TestActivityEnvironment env = TestActivityEnvironment.newInstance();
        env.registerActivitiesImplementations(new InfinispanDataActivitiesImpl(access));
        InfinispanDataActivities data =
            env.newActivityStub(
                InfinispanDataActivities.class,
                ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofMinutes(30))
                    .setHeartbeatTimeout(Duration.ofMinutes(1))
                    .build());
        for (int run = 1; run <= runs; run++) {
          RunResult r = new Run(run, source, target, kube.client(), data, rate, settle).go();
          results.add(r);
          System.out.println(r.line());
        }
        env.close();
      }
    }
    System.out.println(RunResult.summary(results));
    // The Hot Rod clients leave non-daemon timer threads behind: end the JVM with the verdict.
    System.exit(results.stream().anyMatch(r -> r.lostWrites() > 0 || r.errors() > 0) ? 1 : 0);
  }

  /** One run: bulk sync under writes, then the short pause, then verification. */
  private record Run(
      int number,
      SyncGrid source,
      SyncGrid target,
      KubernetesClient kube,
      InfinispanDataActivities data,
      int rate,
      int settle) {

    RunResult go() throws Exception {
      CacheRequest pair =
          new CacheRequest(
              new GridEndpoint(CLUSTER, "wp-source", SyncGrid.PORT, null),
              new GridEndpoint(CLUSTER, "wp-target", SyncGrid.PORT, null),
              CACHE);
      target.rest(0).deleteCache(CACHE);
      data.copyInternalCaches(pair.source(), pair.target());
      data.createCache(pair);
      data.connectSource(new ConnectSourceRequest(pair, source.host(0), SyncGrid.PORT, false));
      service(kube, "dg", source.host(0));
      SwitchableOps moving = new SwitchableOps(ops(source.host(0)), ops(target.host(0)));
      CacheRouter client = new CacheRouter(Map.of(CACHE, moving));
      TrafficProbe probe =
          TrafficProbe.start(
              client,
              TrafficOptions.defaults()
                  .withRate(rate)
                  .withWriteRatio(1.0)
                  .withRunId("wp" + number + "-" + System.currentTimeMillis() % 100_000));
      try {
        Thread.sleep(1_000);
        SyncResult synced = data.syncData(new SyncRequest(pair, null, null));
        deleteOnSource(source.host(0), number);
        data.disconnectSource(pair);
        data.warmUpCatchUp(pair);
        Thread.sleep(settle * 1_000L);

        long paused = System.nanoTime();
        client.pauseWrites(List.of(CACHE));
        CatchUpResult caughtUp = data.catchUp(new CatchUpRequest(pair, 4));
        service(kube, "dg", target.host(0));
        moving.switchToTarget();
        long pauseMs = millisSince(paused);
        Map<String, Long> held = client.resumeWrites();

        Thread.sleep(settle * 1_000L);
        TrafficRecord record = probe.stopAndVerify();
        return new RunResult(
            number,
            synced.synchronizedEntries(),
            synced.millis(),
            pauseMs,
            held.getOrDefault(CACHE, -1L),
            caughtUp,
            record.ops(),
            record.errors(),
            record.lostWrites());
      } finally {
        probe.close();
        client.close();
      }
    }
  }

  /**
   * @param pauseMs from the pause to traffic on the target (what {@code writePauseMs} measures,
   *     without the workflow's own round trips)
   * @param heldMs how long the probe held its writes (until it resumed on new connections)
   */
  record RunResult(
      int run,
      long bulkSynced,
      long bulkMillis,
      long pauseMs,
      long heldMs,
      CatchUpResult catchUp,
      long ops,
      long errors,
      long lostWrites) {

    String line() {
      return String.format(
          "RESULT run=%d bulkSynced=%d bulkMs=%d writePauseMs=%d probeHeldMs=%d catchUpMs=%d"
              + " sourceEntries=%d copied=%d deleted=%d ops=%d errors=%d lostWrites=%d",
          run,
          bulkSynced,
          bulkMillis,
          pauseMs,
          heldMs,
          catchUp.millis(),
          catchUp.sourceEntries(),
          catchUp.copied(),
          catchUp.deleted(),
          ops,
          errors,
          lostWrites);
    }

    static String summary(List<RunResult> results) {
      long[] pauses = results.stream().mapToLong(RunResult::pauseMs).sorted().toArray();
      long[] catchUps = results.stream().mapToLong(r -> r.catchUp().millis()).sorted().toArray();
      return String.format(
          "SUMMARY runs=%d writePauseMs median=%d min=%d max=%d catchUpMs median=%d"
              + " lostWrites=%d errors=%d",
          results.size(),
          pauses.length == 0 ? 0 : pauses[pauses.length / 2],
          pauses.length == 0 ? 0 : pauses[0],
          pauses.length == 0 ? 0 : pauses[pauses.length - 1],
          catchUps.length == 0 ? 0 : catchUps[catchUps.length / 2],
          results.stream().mapToLong(RunResult::lostWrites).sum(),
          results.stream().mapToLong(RunResult::errors).sum());
    }
  }

  /** The probe's client of the cache on {@code host}: values as demo.Product JSON. */
  private static GridOps ops(String host) {
    return new ProductValues(
        new InfinispanOps(host, SyncGrid.PORT, CACHE, null, null, null, null, json()));
  }

  private static DataFormat json() {
    return DataFormat.builder()
        .keyType(MediaType.TEXT_PLAIN)
        .keyMarshaller(new UTF8StringMarshaller())
        .valueType(MediaType.APPLICATION_JSON)
        .valueMarshaller(new UTF8StringMarshaller())
        .build();
  }

  private static void load(String host, int entries) {
    try (RemoteCacheManager rcm = hotRod(host)) {
      RemoteCache<String, String> cache =
          rcm.<String, String>getCache(CACHE).withDataFormat(json());
      Map<String, String> batch = new HashMap<>();
      for (int i = 0; i < entries; i++) {
        batch.put(key(i), "{\"_type\":\"demo.Product\",\"name\":\"p-" + i + "\",\"stock\":1}");
        if (batch.size() == 1000 || i == entries - 1) {
          cache.putAll(batch);
          batch.clear();
        }
      }
    }
  }

  /** Deletes {@value #DELETED_PER_RUN} loaded keys on the source, after the bulk sync. */
  private static void deleteOnSource(String host, int run) {
    try (RemoteCacheManager rcm = hotRod(host)) {
      RemoteCache<String, String> cache =
          rcm.<String, String>getCache(CACHE).withDataFormat(json());
      for (int i = 0; i < DELETED_PER_RUN; i++) {
        cache.remove(key(run * DELETED_PER_RUN + i));
      }
    }
  }

  private static String key(int i) {
    return CACHE + "-" + i;
  }

  private static RemoteCacheManager hotRod(String host) {
    ConfigurationBuilder builder = new ConfigurationBuilder();
    builder.addServer().host(host).port(SyncGrid.PORT);
    builder.clientIntelligence(ClientIntelligence.BASIC);
    builder.socketTimeout(60_000);
    return new RemoteCacheManager(builder.build());
  }

  /** A Service {@code name} whose cluster IP is {@code host}, as the sandbox's Services are. */
  private static void service(KubernetesClient kube, String name, String host) {
    kube.services()
        .inNamespace(CLUSTER.namespace())
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withClusterIP(name.equals("dg") ? null : host)
                .addToSelector("gridshift.io/grid", host)
                .addNewPort()
                .withName("hotrod")
                .withPort(SyncGrid.PORT)
                .endPort()
                .endSpec()
                .build())
        .createOr(existing -> existing.update());
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> o = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException(
            "unexpected '" + args[i] + "': use --entries N --rate N --runs N --settle S");
      }
      o.put(args[i].substring(2), args[i + 1]);
    }
    return o;
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
