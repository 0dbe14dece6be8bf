package io.gridshift.activities.infinispan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class RemoteStoreJsonTest {

  @Test
  void rendersTheSourceConnectionBody() {
    JsonNode body = RemoteStoreJson.render("people", "10.0.0.7", 11222, "admin", "s3cret");

    assertThat(body.toString())
        .isEqualTo(
            "{\"remote-store\":{\"cache\":\"people\",\"shared\":true,\"raw-values\":true,"
                + "\"segmented\":false,\"remote-server\":[{\"host\":\"10.0.0.7\",\"port\":11222}],"
                + "\"security\":{\"authentication\":{\"digest\":{\"username\":\"admin\","
                + "\"password\":\"s3cret\",\"realm\":\"default\"}}}}}");
    assertThat(RemoteStoreJson.render("c", "h", 1, null, null).path("remote-store").has("security"))
        .isFalse();
  }

  @Test
  void overTlsNamesTheMountedTrustStoreThroughTheServersEnvironmentAndTheSourceAsSni() {
    JsonNode body =
        RemoteStoreJson.render("people", "10.0.0.7", 11222, "admin", "s3cret", "dg-src.prod.svc");

    JsonNode security = body.at("/remote-store/security");
    assertThat(security.at("/authentication/digest/username").asText()).isEqualTo("admin");
    assertThat(security.at("/encryption").toString())
        .isEqualTo(
            "{\"sni-hostname\":\"dg-src.prod.svc\",\"truststore\":{"
                + "\"filename\":\"${env.GRIDSHIFT_SOURCE_TRUSTSTORE}\","
                + "\"password\":\"${env.GRIDSHIFT_SOURCE_TRUSTSTORE_PASSWORD}\","
                + "\"type\":\"pkcs12\"}}");
    assertThat(
            RemoteStoreJson.render("c", "h", 1, null, null, "s.ns.svc")
                .at("/remote-store/security/encryption/sni-hostname")
                .asText())
        .isEqualTo("s.ns.svc");
  }

  @Test
  void addsTheRemoteStoreToANamedConfigurationKeepingItsOwnStores() {
    String config =
        "{\"people\":{\"distributed-cache\":{\"mode\":\"SYNC\",\"owners\":2,"
            + "\"persistence\":{\"file-store\":{\"path\":\"p\"}}}}}";
    JsonNode connection = RemoteStoreJson.render("people", "10.0.0.7", 11222, null, null);

    JsonNode withStore = RemoteStoreJson.withStore(config, connection);

    JsonNode cache = withStore.get("distributed-cache");
    assertThat(withStore.size()).isEqualTo(1);
    assertThat(cache.get("owners").asInt()).isEqualTo(2);
    assertThat(cache.at("/persistence/file-store/path").asText()).isEqualTo("p");
    assertThat(cache.at("/persistence/remote-store")).isEqualTo(connection.get("remote-store"));
  }

  @Test
  void acceptsAnUnnamedConfiguration() {
    JsonNode connection = RemoteStoreJson.render("c", "h", 1, null, null);
    JsonNode withStore =
        RemoteStoreJson.withStore("{\"replicated-cache\":{\"mode\":\"SYNC\"}}", connection);
    assertThat(withStore.at("/replicated-cache/persistence/remote-store/cache").asText())
        .isEqualTo("c");
  }

  @Test
  void comparesWithWhatTheServerEchoes() throws Exception {
    // As 15.0.21 answers GET .../rolling-upgrade/source-connection: numbers as strings, extras.
    JsonNode echoed =
        InfinispanRest.JSON.readTree(
            "{\"remote-store\":{\"shared\":true,\"segmented\":false,\"raw-values\":true,"
                + "\"cache\":\"people\",\"connection-pool\":{\"max-active\":\"-1\"},"
                + "\"remote-server\":[{\"host\":\"10.0.0.7\",\"port\":\"11222\"}],"
                + "\"security\":{\"authentication\":{\"digest\":{\"username\":\"admin\","
                + "\"password\":\"s3cret\",\"realm\":\"default\"}}}}}");

    assertThat(
            RemoteStoreJson.sameConnection(
                echoed, RemoteStoreJson.render("people", "10.0.0.7", 11222, "admin", "s3cret")))
        .isTrue();
    assertThat(
            RemoteStoreJson.sameConnection(
                echoed, RemoteStoreJson.render("people", "10.0.0.7", 11222, "admin", "other")))
        .isFalse();
    assertThat(
            RemoteStoreJson.sameConnection(
                echoed, RemoteStoreJson.render("people", "10.0.0.8", 11222, "admin", "s3cret")))
        .isFalse();
  }
}
