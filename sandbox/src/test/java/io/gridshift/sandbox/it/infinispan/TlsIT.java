package io.gridshift.sandbox.it.infinispan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.gridshift.activities.ClusterAccess;
import io.gridshift.activities.infinispan.GridAddress;
import io.gridshift.activities.infinispan.GridTrust;
import io.gridshift.activities.infinispan.InfinispanDataActivitiesImpl;
import io.gridshift.activities.infinispan.RestClient;
import io.gridshift.sandbox.infinispan.InfinispanServer;
import io.gridshift.sandbox.infinispan.InfinispanServerSpec;
import io.gridshift.sandbox.infinispan.ServerTls;
import io.gridshift.sandbox.tls.IssuedCertificate;
import io.gridshift.sandbox.tls.SandboxPki;
import io.gridshift.workflows.common.FailureTypes;
import io.gridshift.workflows.infinispan.activities.CacheRequest;
import io.gridshift.workflows.infinispan.activities.ConnectSourceRequest;
import io.gridshift.workflows.infinispan.activities.GridEndpoint;
import io.gridshift.workflows.infinispan.activities.GridInventory;
import io.gridshift.workflows.infinispan.activities.InfinispanDataActivities;
import io.gridshift.workflows.infinispan.activities.VerifyRequest;
import io.gridshift.workflows.infinispan.activities.VerifyResult;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real Infinispan server (target version, digest auth) whose endpoint speaks TLS only, with a
 * certificate from a CA made at test time for the Service's DNS name (not its IP, as the Infinispan
 * Operator issues them): gridshift's REST and Hot Rod calls work when the request's {@code
 * tlsSecret} holds that CA, and fail at once, non-retryably, naming the grid, the address and the
 * Secret, when it holds another CA or when the certificate is for other names.
 */
@EnableKubernetesMockClient(crud = true)
class TlsIT {
  private static final String CACHE = "tls-cache";
  private static final String ADDRESS = "127.0.12.1";
  private static final Path ROOT = ItGrids.ROOT.resolve("tls");

  static KubernetesClient client;

  private static InfinispanServer server;
  private static ClusterAccess cluster;
  private static InfinispanDataActivitiesImpl activities;
  private static TestActivityEnvironment env;
  private static InfinispanDataActivities stub;

  @BeforeAll
  static void startTheTlsGrid() throws IOException {
    ItGrids.deleteTree(ROOT);
    SandboxPki pki = SandboxPki.create(Files.createDirectories(ROOT.resolve("pki")), "grid-ca");
    SandboxPki other = SandboxPki.create(Files.createDirectories(ROOT.resolve("other")), "other");
    IssuedCertificate cert = pki.server("tls-grid", "tls-grid.grids.svc");
    InfinispanServerSpec plain =
        ItGrids.authenticated(ItGrids.TARGET_VERSION, "tls/tls-0", ADDRESS, "it-tls");
    server =
        InfinispanServer.start(
            new InfinispanServerSpec(
                    plain.version(),
                    plain.serverRoot(),
                    ADDRESS,
                    ItGrids.PORT,
                    plain.clusterName(),
                    plain.initialHosts(),
                    plain.jgroupsPort(),
                    InfinispanServer.sandboxConfig(true, true),
                    plain.confFiles(),
                    plain.env())
                .withTls(new ServerTls(Files.readAllBytes(cert.keyStore()), cert.password())));
    ItGrids.awaitReady(server);
    ItKube.service(client, "tls-grid", server);
    ItKube.service(client, "tls-other-name", server);
    ItKube.secret(client, "tls-credentials", ItGrids.USER, ItGrids.PASSWORD);
    trustSecret("tls-trust", pki.caCertificatePem());
    trustSecret("wrong-trust", other.caCertificatePem());
    try (RestClient rest = new RestClient(address("tls-grid", pki.caCertificatePem()))) {
      String created =
          rest.send(
                  "POST",
                  "/rest/v2/caches/" + CACHE,
                  "application/json",
                  "{\"distributed-cache\":{\"mode\":\"SYNC\"}}",
                  null,
                  RestClient.DEFAULT_TIMEOUT)
              .shortBody();
      for (int i = 0; i < 20; i++) {
        assertThat(
                rest.send(
                        "PUT",
                        "/rest/v2/caches/" + CACHE + "/k" + i,
                        "text/plain",
                        "v" + i,
                        null,
                        RestClient.DEFAULT_TIMEOUT)
                    .ok())
            .as("put over TLS (cache: %s)", created)
            .isTrue();
      }
    }
    cluster = ClusterAccess.of(ItKube.CLUSTER.cluster(), client);
    activities = new InfinispanDataActivitiesImpl(cluster, Duration.ofMillis(100));
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(activities);
    stub = env.newActivityStub(InfinispanDataActivities.class, ItActivities.options());
  }

  @AfterAll
  static void stop() {
    if (env != null) {
      env.close();
    }
    if (cluster != null) {
      cluster.close();
    }
    if (server != null) {
      server.stop(Duration.ofSeconds(10));
    }
  }

  @Test
  void restAndHotRodWorkWithTheGridsCa() {
    GridEndpoint grid = endpoint("tls-grid", "tls-trust");

    GridInventory inventory = activities.inventory(grid);
    VerifyResult verified =
        stub.verify(new VerifyRequest(new CacheRequest(grid, grid, CACHE), 20, true, false));

    assertThat(inventory.toString()).contains(CACHE);
    assertThat(verified.sourceEntries()).isEqualTo(20);
    assertThat(verified.checkedKeys()).isEqualTo(20);
    assertThat(verified.ok()).as(verified.toString()).isTrue();
  }

  @Test
  void anotherCaIsRefusedOverRestAndHotRodNamingGridAddressAndSecret() {
    GridEndpoint wrong = endpoint("tls-grid", "wrong-trust");
    String expected =
        "the TLS certificate of grid grids/tls-grid at "
            + ADDRESS
            + ":11222 is not signed by a CA in Secret grids/wrong-trust";

    assertRefused(() -> activities.inventory(wrong), expected);
    GridEndpoint right = endpoint("tls-grid", "tls-trust");
    assertRefused(
        () ->
            stub.verify(new VerifyRequest(new CacheRequest(right, wrong, CACHE), 5, false, false)),
        expected);
  }

  @Test
  void aCertificateForAnotherServiceIsRefused() {
    // Same server and CA, reached through a Service whose name the certificate does not carry.
    assertRefused(
        () -> activities.inventory(endpoint("tls-other-name", "tls-trust")),
        "is signed by the CA in Secret grids/tls-trust but is issued for");
  }

  @Test
  void checkingAConfigModeConnectionToATlsSourceIsRefusedBeforeItChangesAnything() {
    // RUNTIME mode works over TLS (InfinispanTlsUpgradeEndToEndIT); CONFIG mode's rendered stores
    // have no trust store, so it is refused.
    GridEndpoint grid = endpoint("tls-grid", "tls-trust");
    assertRefused(
        () ->
            activities.connectSource(
                new ConnectSourceRequest(
                    new CacheRequest(grid, grid, CACHE), ADDRESS, ItGrids.PORT, true)),
        "speaks TLS (tlsSecret grids/tls-trust), and CONFIG mode's remote stores are rendered"
            + " without a trust store; use connectionMode RUNTIME");
    assertThat(activities.inventory(grid).toString()).contains(CACHE);
  }

  @Test
  void aMissingTrustSecretOrKeyIsNamed() {
    assertThatThrownBy(() -> activities.inventory(endpoint("tls-grid", "no-such-trust")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo(FailureTypes.SECRET_NOT_FOUND);
              assertThat(f.getOriginalMessage())
                  .contains("Secret grids/no-such-trust (TLS trust of grid grids/tls-grid)")
                  .contains("'ca.crt'");
            });
  }

  private static void assertRefused(ThrowingCallable call, String message) {
    assertThatThrownBy(call)
        .satisfies(
            e ->
                assertThat(e instanceof ActivityFailure ? e.getCause() : e)
                    .isInstanceOf(ApplicationFailure.class))
        .extracting(e -> e instanceof ActivityFailure ? e.getCause() : e)
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.isNonRetryable()).as(f.getOriginalMessage()).isTrue();
              assertThat(f.getType()).isEqualTo(FailureTypes.INVALID_REQUEST);
              assertThat(f.getOriginalMessage()).contains(message);
            });
  }

  private static GridEndpoint endpoint(String service, String tlsSecret) {
    return new GridEndpoint(ItKube.CLUSTER, service, ItGrids.PORT, "tls-credentials", tlsSecret);
  }

  private static GridAddress address(String service, Path caPem) throws IOException {
    return new GridAddress(
        ItKube.CLUSTER.namespace() + "/" + service,
        ADDRESS,
        ItGrids.PORT,
        ItGrids.USER,
        ItGrids.PASSWORD,
        "grids/tls-credentials",
        new GridTrust("grids/tls-trust", Files.readString(caPem)));
  }

  private static void trustSecret(String name, Path caPem) throws IOException {
    client
        .secrets()
        .inNamespace(ItKube.CLUSTER.namespace())
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .addToData(
                    GridTrust.CA_KEY,
                    Base64.getEncoder()
                        .encodeToString(Files.readString(caPem).getBytes(StandardCharsets.UTF_8)))
                .build())
        .create();
  }
}
