package io.gridshift.starter.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.text.StringSubstitutor;
import org.junit.jupiter.api.Test;

/**
 * The shipped {@code deploy/server.yaml}, read the way the server reads it, with its variables set:
 * bcrypt passwords and a sha256 token pass; plain text is refused, entry by entry. And its cluster
 * copy in {@code deploy/overlays/central}, with the variables its Deployment sets.
 */
class DeployServerConfigTest {
  // printf %s carol-pw | ./gridshift hash-password
  static final String BCRYPT =
      "bcrypt:$2a$12$s23tqUjue/tUK6Wq9wzqBu1WI5z/5nyHBXQrlMjyM8fIuQgrVjC7.";
  static final String SHA256 =
      "sha256:7164f2a9911d8181a4965af7e4240ec41d3c2dad6a50713c8f7e820de70470bb";

  private static GridshiftConfiguration load(String password, String token) throws Exception {
    return load("../deploy/server.yaml", credentials(password, token));
  }

  static Map<String, String> credentials(String password, String token) {
    return Map.of(
        "GRIDSHIFT_ALICE_PASSWORD", password,
        "GRIDSHIFT_BOB_PASSWORD", password,
        "GRIDSHIFT_ADMIN_PASSWORD", password,
        "GRIDSHIFT_CI_TOKEN", token);
  }

  static GridshiftConfiguration load(String file, Map<String, String> env) throws Exception {
    StringSubstitutor substitutor = new StringSubstitutor(env);
    substitutor.setEnableUndefinedVariableException(true);
    return new YamlConfigurationFactory<>(
            GridshiftConfiguration.class,
            Validators.newValidator(),
            Jackson.newObjectMapper(),
            "dw")
        .build(
            new SubstitutingSourceProvider(new FileConfigurationSourceProvider(), substitutor),
            file);
  }

  @Test
  void bcryptPasswordsAndASha256TokenPass() throws Exception {
    GridshiftConfiguration config = load(BCRYPT, SHA256);
    assertThat(config.auth().allowPlainTextSecrets()).isFalse();
    assertThat(config.auth().users().get(0).password()).isEqualTo(BCRYPT);
    assertThat(config.auth().problems()).isEmpty();
  }

  @Test
  void plainTextIsRefusedSayingHowToHash() throws Exception {
    assertThat(load("alice-pw", "ci-token").auth().problems())
        .hasSize(4)
        .allSatisfy(p -> assertThat(p).contains("is plain text"))
        .anySatisfy(p -> assertThat(p).contains("./gridshift hash-password"))
        .anySatisfy(p -> assertThat(p).contains("sha256sum"));
  }

  @Test
  void theClusterCopyBindsAllInterfacesAndTakesTemporalFromTheEnvironment() throws Exception {
    Map<String, String> env = new HashMap<>(credentials(BCRYPT, SHA256));
    // What deploy/overlays/central/server-deployment.yaml sets (ConfigMap gridshift-temporal, env).
    env.put("TEMPORAL_ADDRESS", "temporal-frontend.temporal.svc:7233");
    env.put("TEMPORAL_NAMESPACE", "upgrades");
    env.put("GRIDSHIFT_TEMPORAL_UI_ORIGIN", "https://temporal.example.internal");
    GridshiftConfiguration config = load("../deploy/overlays/central/server.yaml", env);
    assertThat(config.temporal().target()).isEqualTo("temporal-frontend.temporal.svc:7233");
    assertThat(config.temporal().namespace()).isEqualTo("upgrades");
    assertThat(config.codec().corsOrigins()).containsExactly("https://temporal.example.internal");
    assertThat(config.auth().problems()).isEmpty();
    DefaultServerFactory server = (DefaultServerFactory) config.getServerFactory();
    assertThat(server.getApplicationConnectors())
        .singleElement()
        .satisfies(c -> assertThat(((HttpConnectorFactory) c).getBindHost()).isEqualTo("0.0.0.0"))
        .satisfies(c -> assertThat(((HttpConnectorFactory) c).getPort()).isEqualTo(8080));
    assertThat(server.getAdminConnectors())
        .singleElement()
        .satisfies(c -> assertThat(((HttpConnectorFactory) c).getBindHost()).isEqualTo("0.0.0.0"))
        .satisfies(c -> assertThat(((HttpConnectorFactory) c).getPort()).isEqualTo(8081));
  }
}
