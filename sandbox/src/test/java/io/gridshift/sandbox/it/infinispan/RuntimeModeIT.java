package io.gridshift.sandbox.it.infinispan;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.gridshift.activities.ClusterAccess;
import io.gridshift.activities.infinispan.GridAddress;
import io.gridshift.activities.infinispan.InfinispanDataActivitiesImpl;
import io.gridshift.activities.infinispan.RestClient;
import io.gridshift.workflows.infinispan.activities.CacheInfo;
import io.gridshift.workflows.infinispan.activities.CacheRequest;
import io.gridshift.workflows.infinispan.activities.CatchUpRequest;
import io.gridshift.workflows.infinispan.activities.CatchUpResult;
import io.gridshift.workflows.infinispan.activities.ConnectSourceRequest;
import io.gridshift.workflows.infinispan.activities.GridEndpoint;
import io.gridshift.workflows.infinispan.activities.GridInventory;
import io.gridshift.workflows.infinispan.activities.InfinispanDataActivities;
import io.gridshift.workflows.infinispan.activities.ProbeResult;
import io.gridshift.workflows.infinispan.activities.SyncRequest;
import io.gridshift.workflows.infinispan.activities.SyncResult;
import io.gridshift.workflows.infinispan.activities.VerifyRequest;
import io.gridshift.workflows.infinispan.activities.VerifyResult;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RUNTIME mode against real servers, step by step as the upgrade workflow runs it: inventory,
 * schemas and caches, connect (REST source-connection), write probe, sync-data, verify, disconnect.
 * Source {@code 14.0.28.Final}, target {@code 15.0.21.Final}, both with digest auth; endpoints
 * resolved through Services and Secrets in the fabric8 mock.
 */
@EnableKubernetesMockClient(crud = true)
@ExtendWith(ItGridsExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RuntimeModeIT {
  private static final Logger LOG = LoggerFactory.getLogger(RuntimeModeIT.class);
  private static final String PEOPLE = "rt-people";
  private static final String PLAIN = "rt-plain";
  private static final int PEOPLE_COUNT = 2_000;
  private static final int PLAIN_COUNT = 20_000;

  static KubernetesClient client;

  private static ItGrids grids;
  private static GridEndpoint source;
  private static GridEndpoint target;
  private static ClusterAccess cluster;
  private static InfinispanDataActivitiesImpl activities;
  private static TestActivityEnvironment env;
  private static InfinispanDataActivities stub;
  private static final List<Long> heartbeats = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void setUp(ItGrids shared) {
    grids = shared;
    source = ItKube.endpoint(client, "rt-source", grids.source, "rt-source-credentials");
    target = ItKube.endpoint(client, "rt-target", grids.target, "rt-target-credentials");
    try (ItData data = new ItData(grids.source, true)) {
      data.registerSchema();
      data.createCache(PEOPLE, "application/x-protostream");
      data.createCache(PLAIN, null);
      long loading = System.nanoTime();
      data.loadPeople(PEOPLE, PEOPLE_COUNT);
      data.loadStrings(PLAIN, PLAIN_COUNT);
      LOG.info(
          "loaded {} entries into the source in {} ms",
          PEOPLE_COUNT + PLAIN_COUNT,
          ItGrids.millisSince(loading));
    }
    cluster = ClusterAccess.of(ItKube.CLUSTER.cluster(), client);
    activities = new InfinispanDataActivitiesImpl(cluster, Duration.ofMillis(50));
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(activities);
    env.setActivityHeartbeatListener(Long.class, heartbeats::add);
    stub = env.newActivityStub(InfinispanDataActivities.class, ItActivities.options());
  }

  @AfterAll
  static void tearDown() {
    env.close();
    cluster.close();
  }

  @Test
  @Order(1)
  void inventoryListsCachesSchemasAndMembers() {
    GridInventory inventory = activities.inventory(source);

    assertThat(inventory.caches())
        .contains(
            new CacheInfo(PEOPLE, PEOPLE_COUNT, "application/x-protostream", false),
            new CacheInfo(PLAIN, PLAIN_COUNT, null, false));
    assertThat(inventory.caches())
        .anyMatch(c -> c.internal() && c.name().equals("___protobuf_metadata"));
    assertThat(inventory.schemas()).contains(ItData.SCHEMA_NAME);
    assertThat(inventory.members()).isEqualTo(1);
  }

  @Test
  @Order(2)
  void copiesSchemasAndCreatesCachesIdempotently() {
    activities.copyInternalCaches(source, target);
    activities.copyInternalCaches(source, target);
    for (String cache : List.of(PEOPLE, PLAIN)) {
      activities.createCache(new CacheRequest(source, target, cache));
      activities.createCache(new CacheRequest(source, target, cache));
    }

    GridInventory inventory = activities.inventory(target);
    assertThat(inventory.schemas()).contains(ItData.SCHEMA_NAME);
    assertThat(inventory.caches())
        .contains(
            new CacheInfo(PEOPLE, 0, "application/x-protostream", false),
            new CacheInfo(PLAIN, 0, null, false));
  }

  @Test
  @Order(3)
  void connectsIdempotentlyAndOnlySkipSourceLoadSeesTheGap() {
    for (String cache : List.of(PEOPLE, PLAIN)) {
      ConnectSourceRequest connect = connect(cache);
      activities.connectSource(connect);
      activities.connectSource(connect);
      assertThat(rest(grids.target).head(connectionPath(cache)).status()).isEqualTo(200);
    }

    VerifyResult aroundTheStore = stub.verify(new VerifyRequest(pair(PLAIN), 0, true, true));
    assertThat(aroundTheStore.checkedKeys()).isEqualTo(PLAIN_COUNT);
    assertThat(aroundTheStore.missingKeys()).isEqualTo(PLAIN_COUNT);
    assertThat(aroundTheStore.targetEntries()).isZero();
    assertThat(aroundTheStore.examples()).hasSize(10).allMatch(e -> e.startsWith("missing key-"));
    assertThat(aroundTheStore.ok()).isFalse();

    // A plain read falls through to the source and hides that nothing was copied yet.
    VerifyResult throughTheStore = stub.verify(new VerifyRequest(pair(PLAIN), 20, false, false));
    assertThat(throughTheStore.checkedKeys()).isEqualTo(20);
    assertThat(throughTheStore.missingKeys()).isZero();
  }

  @Test
  @Order(4)
  void probeRefusesProtostreamAndPassesUnencoded() {
    ProbeResult people = activities.probeWriteThrough(pair(PEOPLE));
    assertThat(people.passed()).isFalse();
    assertThat(people.detail())
        .contains("application/x-protostream")
        .contains("ProtobufValueWrapper")
        .contains("Traffic will not be switched")
        .contains("disconnect-first");
    LOG.info("protostream probe: {}", people.detail());

    ProbeResult plain = activities.probeWriteThrough(pair(PLAIN));
    assertThat(plain.passed()).as(plain.detail()).isTrue();

    // Neither probe leaves an entry behind on the source.
    GridInventory inventory = activities.inventory(source);
    assertThat(inventory.caches())
        .contains(
            new CacheInfo(PEOPLE, PEOPLE_COUNT, "application/x-protostream", false),
            new CacheInfo(PLAIN, PLAIN_COUNT, null, false));
  }

  @Test
  @Order(5)
  void syncCopiesEverythingWhileHeartbeatingProgress() {
    heartbeats.clear();
    long started = System.nanoTime();
    SyncResult plain = stub.syncData(new SyncRequest(pair(PLAIN), 1000, 4));
    LOG.info(
        "sync-data of {} entries: {} ms (activity {} ms)",
        PLAIN_COUNT,
        plain.millis(),
        ItGrids.millisSince(started));

    assertThat(plain.synchronizedEntries()).isEqualTo(PLAIN_COUNT);
    assertThat(heartbeats).isNotEmpty().allMatch(n -> n >= -1 && n <= PLAIN_COUNT);

    SyncResult people = stub.syncData(new SyncRequest(pair(PEOPLE), null, null));
    assertThat(people.synchronizedEntries()).isEqualTo(PEOPLE_COUNT);
    // Idempotent: a retried sync copies the same entries again.
    assertThat(stub.syncData(new SyncRequest(pair(PEOPLE), null, null)).synchronizedEntries())
        .isEqualTo(PEOPLE_COUNT);
  }

  @Test
  @Order(6)
  void verifyAroundTheStoreFindsEverythingAfterSync() {
    heartbeats.clear();
    VerifyResult plain = stub.verify(new VerifyRequest(pair(PLAIN), 100, true, true));
    assertThat(plain.ok()).as(plain.toString()).isTrue();
    assertThat(plain.checkedKeys()).isEqualTo(PLAIN_COUNT);
    assertThat(plain.targetEntries()).isEqualTo(PLAIN_COUNT);
    // Progress in keys checked (the test environment passes on some heartbeats, not each one).
    assertThat(heartbeats).isNotEmpty().allMatch(n -> n > 0 && n <= PLAIN_COUNT);

    VerifyResult people = stub.verify(new VerifyRequest(pair(PEOPLE), 100, true, true));
    assertThat(people.ok()).as(people.toString()).isTrue();
    assertThat(people.checkedKeys()).isEqualTo(PEOPLE_COUNT);
  }

  @Test
  @Order(7)
  void disconnectsIdempotentlyAndVerifyCatchesDifferences() {
    for (String cache : List.of(PEOPLE, PLAIN)) {
      activities.disconnectSource(pair(cache));
      activities.disconnectSource(pair(cache));
      assertThat(rest(grids.target).head(connectionPath(cache)).status()).isEqualTo(404);
    }
    // The failed protostream probe left nothing behind on the target either.
    VerifyResult people = stub.verify(new VerifyRequest(pair(PEOPLE), 0, true, false));
    assertThat(people.targetEntries()).isEqualTo(PEOPLE_COUNT);
    try (ItData targetData = new ItData(grids.target, true);
        ItData sourceData = new ItData(grids.source, true)) {
      // The schema reached the target: its protostream entries read back as JSON.
      assertThat(targetData.json(PEOPLE).get("person-5")).contains("\"name\":\"name-5\"");
      targetData.strings(PLAIN).remove("key-7");
      targetData.strings(PLAIN).put("key-8", "changed on the target");
      assertThat(sourceData.strings(PLAIN).get("key-8")).isEqualTo("value-8");
    }

    VerifyResult result = stub.verify(new VerifyRequest(pair(PLAIN), PLAIN_COUNT, true, false));
    assertThat(result.missingKeys()).isEqualTo(1);
    assertThat(result.differentValues()).isEqualTo(1);
    assertThat(result.examples())
        .containsExactlyInAnyOrder("missing key-7", "different value key-8");
    assertThat(result.ok()).isFalse();
  }

  /**
   * Issue 16, the short write pause: once disconnected, the target misses what clients wrote to the
   * source since; the catch-up pass copies exactly that (raw bytes, protostream too) and deletes
   * what the source no longer has, and a second pass finds nothing to do.
   */
  @Test
  @Order(8)
  void catchUpCopiesWhatChangedOnTheSourceAndDeletesWhatIsGone() {
    try (ItData sourceData = new ItData(grids.source, true)) {
      sourceData.json(PEOPLE).put("person-1", ItData.person(99, "renamed"));
      sourceData.json(PEOPLE).put("person-new", ItData.person(7, "new"));
      sourceData.json(PEOPLE).remove("person-2");
    }
    stub.warmUpCatchUp(pair(PEOPLE));

    heartbeats.clear();
    CatchUpResult people = stub.catchUp(new CatchUpRequest(pair(PEOPLE), 4));
    LOG.info("catch-up of {}: {}", PEOPLE, people);

    assertThat(people.sourceEntries()).isEqualTo(PEOPLE_COUNT);
    assertThat(people.targetEntries()).isEqualTo(PEOPLE_COUNT);
    assertThat(people.copied()).isEqualTo(2);
    assertThat(people.deleted()).isEqualTo(1);
    try (ItData targetData = new ItData(grids.target, true)) {
      assertThat(targetData.json(PEOPLE).get("person-1")).contains("\"name\":\"renamed\"");
      assertThat(targetData.json(PEOPLE).get("person-new")).contains("\"name\":\"new\"");
      assertThat(targetData.json(PEOPLE).get("person-2")).isNull();
    }
    // Test 7 removed key-7 and changed key-8 on the target: the source's values come back.
    CatchUpResult plain = stub.catchUp(new CatchUpRequest(pair(PLAIN), 4));
    assertThat(plain.copied()).isEqualTo(2);
    assertThat(plain.deleted()).isZero();
    VerifyResult equal = stub.verify(new VerifyRequest(pair(PLAIN), PLAIN_COUNT, true, false));
    assertThat(equal.ok()).as(equal.toString()).isTrue();
    assertThat(equal.differentValues()).isZero();
    // Converged: a retried pass changes nothing.
    CatchUpResult again = stub.catchUp(new CatchUpRequest(pair(PEOPLE), 4));
    assertThat(again.copied()).isZero();
    assertThat(again.deleted()).isZero();
  }

  private static CacheRequest pair(String cache) {
    return new CacheRequest(source, target, cache);
  }

  private static ConnectSourceRequest connect(String cache) {
    return new ConnectSourceRequest(
        pair(cache), grids.source.bindAddress(), grids.source.port(), false);
  }

  static RestClient rest(io.gridshift.sandbox.infinispan.InfinispanServer server) {
    return new RestClient(
        new GridAddress(
            "it", server.bindAddress(), server.port(), ItGrids.USER, ItGrids.PASSWORD, "it"));
  }

  static String connectionPath(String cache) {
    return "/rest/v2/caches/" + cache + "/rolling-upgrade/source-connection";
  }
}
