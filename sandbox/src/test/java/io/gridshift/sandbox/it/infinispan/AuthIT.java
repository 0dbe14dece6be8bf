package io.gridshift.sandbox.it.infinispan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.gridshift.activities.ClusterAccess;
import io.gridshift.activities.infinispan.InfinispanDataActivitiesImpl;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.infinispan.activities.CacheRequest;
import io.gridshift.workflows.infinispan.activities.ConnectSourceRequest;
import io.gridshift.workflows.infinispan.activities.GridEndpoint;
import io.gridshift.workflows.infinispan.activities.InfinispanDataActivities;
import io.gridshift.workflows.infinispan.activities.VerifyRequest;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Digest authentication with credentials from Secrets: what a wrong, missing or absent credential
 * does to REST calls, Hot Rod calls and the source connection the target makes.
 */
@EnableKubernetesMockClient(crud = true)
@ExtendWith(ItGridsExtension.class)
class AuthIT {
  private static final String CACHE = "auth-plain";

  static KubernetesClient client;

  private static ItGrids grids;
  private static GridEndpoint source;
  private static GridEndpoint target;
  private static GridEndpoint wrongSource;
  private static GridEndpoint wrongTarget;
  private static ClusterAccess cluster;
  private static InfinispanDataActivitiesImpl activities;
  private static TestActivityEnvironment env;
  private static InfinispanDataActivities stub;

  @BeforeAll
  static void setUp(ItGrids shared) {
    grids = shared;
    source = ItKube.endpoint(client, "auth-source", grids.source, "auth-source-credentials");
    target = ItKube.endpoint(client, "auth-target", grids.target, "auth-target-credentials");
    ItKube.secret(client, "wrong-credentials", ItGrids.USER, "not-the-password");
    wrongSource =
        new GridEndpoint(ItKube.CLUSTER, "auth-source", ItGrids.PORT, "wrong-credentials");
    wrongTarget =
        new GridEndpoint(ItKube.CLUSTER, "auth-target", ItGrids.PORT, "wrong-credentials");
    try (ItData data = new ItData(grids.source, true)) {
      data.createCache(CACHE, null);
      data.loadStrings(CACHE, 100);
    }
    cluster = ClusterAccess.of(ItKube.CLUSTER.cluster(), client);
    activities = new InfinispanDataActivitiesImpl(cluster, Duration.ofMillis(100));
    activities.createCache(new CacheRequest(source, target, CACHE));
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(activities);
    stub = env.newActivityStub(InfinispanDataActivities.class, ItActivities.options());
  }

  @AfterAll
  static void tearDown() {
    env.close();
    cluster.close();
  }

  @Test
  void wrongPasswordIsANonRetryableFailureNamingTheSecret() {
    assertThatThrownBy(() -> activities.inventory(wrongTarget))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.isNonRetryable()).isTrue();
              assertThat(f.getType()).isEqualTo(FailureTypes.INVALID_REQUEST);
              assertThat(f.getOriginalMessage())
                  .contains("grid grids/auth-target (127.0.11.1:11222)")
                  .contains(
                      "rejected the credentials of user 'admin' from Secret grids/wrong-credentials")
                  .doesNotContain("not-the-password");
            });
  }

  @Test
  void wrongPasswordOverHotRodIsANonRetryableFailureToo() {
    assertThatThrownBy(
            () ->
                stub.verify(
                    new VerifyRequest(
                        new CacheRequest(source, wrongTarget, CACHE), 10, false, false)))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.isNonRetryable()).as(f.getOriginalMessage()).isTrue();
              assertThat(f.getOriginalMessage())
                  .contains(
                      "rejected the credentials of user 'admin' from Secret grids/wrong-credentials")
                  .doesNotContain("not-the-password");
            });
  }

  @Test
  void missingSecretOrNoSecretOnAnAuthenticatedGridFailClearly() {
    GridEndpoint missing =
        new GridEndpoint(ItKube.CLUSTER, "auth-target", ItGrids.PORT, "no-such-secret");
    assertThatThrownBy(() -> activities.inventory(missing))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo(FailureTypes.SECRET_NOT_FOUND);
              assertThat(f.isNonRetryable()).isTrue();
              assertThat(f.getOriginalMessage()).contains("Secret grids/no-such-secret");
            });

    GridEndpoint anonymous = new GridEndpoint(ItKube.CLUSTER, "auth-target", ItGrids.PORT, null);
    assertThatThrownBy(() -> activities.inventory(anonymous))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f ->
                assertThat(f.getOriginalMessage())
                    .contains("requires authentication")
                    .contains("credentialsSecret"));
  }

  @Test
  void sourceRejectingTheTargetLeavesNoHalfMadeConnection() {
    ConnectSourceRequest wrong =
        new ConnectSourceRequest(
            new CacheRequest(wrongSource, target, CACHE),
            grids.source.bindAddress(),
            grids.source.port(),
            false);
    assertThatThrownBy(() -> activities.connectSource(wrong))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.isNonRetryable()).isTrue();
              assertThat(f.getOriginalMessage())
                  .contains("the source rejected user 'admin' from Secret grids/wrong-credentials");
            });
    // The server keeps a failed store registered; connectSource removed it again.
    assertThat(RuntimeModeIT.rest(grids.target).head(RuntimeModeIT.connectionPath(CACHE)).status())
        .isEqualTo(404);

    ConnectSourceRequest right =
        new ConnectSourceRequest(
            new CacheRequest(source, target, CACHE),
            grids.source.bindAddress(),
            grids.source.port(),
            false);
    activities.connectSource(right);
    assertThat(RuntimeModeIT.rest(grids.target).head(RuntimeModeIT.connectionPath(CACHE)).status())
        .isEqualTo(200);
    activities.disconnectSource(right.cache());
  }
}
