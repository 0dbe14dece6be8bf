package io.gridshift.sandbox.it.infinispan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.gridshift.activities.ClusterAccess;
import io.gridshift.activities.infinispan.GridAddress;
import io.gridshift.activities.infinispan.InfinispanDataActivitiesImpl;
import io.gridshift.activities.infinispan.RestClient;
import io.gridshift.activities.infinispan.RestResponse;
import io.gridshift.sandbox.infinispan.InfinispanServer;
import io.gridshift.sandbox.infinispan.InfinispanServerSpec;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.infinispan.activities.CacheRequest;
import io.gridshift.workflows.infinispan.activities.ClusterHealth;
import io.gridshift.workflows.infinispan.activities.ClusterHealthRequest;
import io.gridshift.workflows.infinispan.activities.ConnectSourceRequest;
import io.gridshift.workflows.infinispan.activities.GridEndpoint;
import io.gridshift.workflows.infinispan.activities.InfinispanDataActivities;
import io.gridshift.workflows.infinispan.activities.RemoteStoreConfigRequest;
import io.gridshift.workflows.infinispan.activities.SyncRequest;
import io.gridshift.workflows.infinispan.activities.VerifyRequest;
import io.gridshift.workflows.infinispan.activities.VerifyResult;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
 * CONFIG mode, the seed runbook's way: the source's cache definitions rendered with remote stores,
 * written into the configuration of a two-node target cluster (no auth) that reads through to the
 * authenticated source with credentials from its environment.
 */
@EnableKubernetesMockClient(crud = true)
@ExtendWith(ItGridsExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConfigModeIT {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigModeIT.class);
  private static final String PEOPLE = "cfg-people";
  private static final String PLAIN = "cfg-plain";
  private static final int PEOPLE_COUNT = 1_000;
  private static final int PLAIN_COUNT = 5_000;
  private static final String PLACEHOLDER = "${gridshift.source.host}";

  static KubernetesClient client;

  private static ItGrids grids;
  private static String renderedXml;
  private static InfinispanServer node0;
  private static InfinispanServer node1;
  private static GridEndpoint source;
  private static GridEndpoint target;
  private static ClusterAccess cluster;
  private static InfinispanDataActivitiesImpl activities;
  private static TestActivityEnvironment env;
  private static InfinispanDataActivities stub;

  @BeforeAll
  static void setUp(ItGrids shared) throws IOException {
    grids = shared;
    try (ItData data = new ItData(grids.source, true)) {
      data.registerSchema();
      data.createCache(PEOPLE, "application/x-protostream");
      data.createCache(PLAIN, null);
      data.loadPeople(PEOPLE, PEOPLE_COUNT);
      data.loadStrings(PLAIN, PLAIN_COUNT);
    }
    source = ItKube.endpoint(client, "cfg-source", grids.source, "cfg-source-credentials");
    cluster = ClusterAccess.of(ItKube.CLUSTER.cluster(), client);
    activities = new InfinispanDataActivitiesImpl(cluster, Duration.ofMillis(100));
    renderedXml =
        activities.renderRemoteStoreConfigs(
            new RemoteStoreConfigRequest(
                source, List.of(PEOPLE, PLAIN), PLACEHOLDER, ItGrids.PORT));
    // What the deploy activity does: the caches into the container, the placeholder resolved.
    String config =
        InfinispanServer.sandboxConfig(false)
            .replace(
                "</cache-container>",
                renderedXml.replace(PLACEHOLDER, grids.source.bindAddress())
                    + "\n  </cache-container>");
    long starting = System.nanoTime();
    node0 = InfinispanServer.start(targetNode(config, "cfg-0", "127.0.11.2"));
    node1 = InfinispanServer.start(targetNode(config, "cfg-1", "127.0.11.3"));
    ItGrids.awaitReady(node0);
    ItGrids.awaitReady(node1);
    LOG.info("two-node CONFIG target ready in {} ms", ItGrids.millisSince(starting));
    target = ItKube.endpoint(client, "cfg-target", node0, null);
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(activities);
    stub = env.newActivityStub(InfinispanDataActivities.class, ItActivities.options());
  }

  private static InfinispanServerSpec targetNode(String config, String node, String address) {
    return new InfinispanServerSpec(
        ItGrids.TARGET_VERSION,
        ItGrids.ROOT.resolve(node),
        address,
        ItGrids.PORT,
        "it-config",
        List.of("127.0.11.2[7800]", "127.0.11.3[7800]"),
        ItGrids.JGROUPS_PORT,
        config,
        Map.of(),
        Map.of(
            "GRIDSHIFT_SOURCE_USERNAME",
            ItGrids.USER,
            "GRIDSHIFT_SOURCE_PASSWORD",
            ItGrids.PASSWORD));
  }

  @AfterAll
  static void tearDown() {
    if (env != null) {
      env.close();
    }
    cluster.close();
    for (InfinispanServer node : new InfinispanServer[] {node1, node0}) {
      if (node != null) {
        node.stop(Duration.ofSeconds(10));
      }
    }
  }

  @Test
  @Order(1)
  void renderedCachesPointAtThePlaceholderAndReadCredentialsFromTheEnvironment() {
    assertThat(renderedXml)
        .doesNotStartWith("<?xml")
        .contains("<distributed-cache mode=\"SYNC\" name=\"cfg-people\"")
        .contains("<encoding media-type=\"application/x-protostream\"/>")
        .contains("<remote-server host=\"${gridshift.source.host}\" port=\"11222\"/>")
        .contains("username=\"${env.GRIDSHIFT_SOURCE_USERNAME}\"")
        .doesNotContain(ItGrids.PASSWORD);
    assertThat(renderedXml.split("<remote-store ", -1)).hasSize(3);
  }

  @Test
  @Order(2)
  void twoNodeTargetBecomesHealthyAndAWrongMemberCountTimesOut() {
    ClusterHealth health = stub.waitForClusterHealth(new ClusterHealthRequest(target, 2, 90));
    assertThat(health).isEqualTo(new ClusterHealth("HEALTHY", 2));

    assertThatThrownBy(() -> stub.waitForClusterHealth(new ClusterHealthRequest(target, 3, 2)))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo(FailureTypes.CLUSTER_NOT_HEALTHY);
              assertThat(f.isNonRetryable()).isTrue(); // its timeout is its budget
              assertThat(f.getOriginalMessage()).contains("last seen HEALTHY with 2 members");
            });
  }

  @Test
  @Order(3)
  void configuredStoreCountsAsConnectedAndReadsFallThrough() {
    activities.copyInternalCaches(source, target);
    for (String cache : List.of(PEOPLE, PLAIN)) {
      activities.connectSource(configured(cache));
    }
    RestClient rest =
        new RestClient(GridAddress.anonymous("cfg", node1.bindAddress(), node1.port()));
    RestResponse person = rest.get("/rest/v2/caches/" + PEOPLE + "/person-3");
    assertThat(person.status()).isEqualTo(200);
    assertThat(person.body()).contains("\"name\":\"name-3\"");

    VerifyResult around = stub.verify(new VerifyRequest(pair(PLAIN), 0, true, true));
    assertThat(around.missingKeys()).isEqualTo(PLAIN_COUNT);
    VerifyResult through = stub.verify(new VerifyRequest(pair(PEOPLE), 50, true, false));
    assertThat(through.missingKeys()).isZero();
    assertThat(through.differentValues()).isZero();

    assertThat(
            rest.send(
                    "POST",
                    "/rest/v2/caches/cfg-nostore",
                    "application/json",
                    "{\"distributed-cache\":{\"mode\":\"SYNC\"}}",
                    null,
                    Duration.ofSeconds(30))
                .ok())
        .isTrue();
    assertThatThrownBy(() -> activities.connectSource(configured("cfg-nostore")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo(FailureTypes.UNSAFE_CONFIGURATION);
              assertThat(f.getOriginalMessage()).contains("has no remote store");
            });
  }

  @Test
  @Order(4)
  void syncThroughTheConfiguredStoreCopiesEverything() {
    long started = System.nanoTime();
    assertThat(stub.syncData(new SyncRequest(pair(PLAIN), null, null)).synchronizedEntries())
        .isEqualTo(PLAIN_COUNT);
    assertThat(stub.syncData(new SyncRequest(pair(PEOPLE), null, null)).synchronizedEntries())
        .isEqualTo(PEOPLE_COUNT);
    LOG.info(
        "CONFIG mode sync of {} entries to two nodes: {} ms",
        PLAIN_COUNT + PEOPLE_COUNT,
        ItGrids.millisSince(started));

    VerifyResult plain = stub.verify(new VerifyRequest(pair(PLAIN), 100, true, true));
    assertThat(plain.ok()).as(plain.toString()).isTrue();
    VerifyResult people = stub.verify(new VerifyRequest(pair(PEOPLE), 100, true, true));
    assertThat(people.ok()).as(people.toString()).isTrue();
  }

  private static CacheRequest pair(String cache) {
    return new CacheRequest(source, target, cache);
  }

  private static ConnectSourceRequest configured(String cache) {
    return new ConnectSourceRequest(pair(cache), PLACEHOLDER, ItGrids.PORT, true);
  }
}
