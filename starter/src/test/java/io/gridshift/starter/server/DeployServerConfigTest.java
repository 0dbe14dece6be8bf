package io.gridshift.starter.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.text.StringSubstitutor;
import org.junit.jupiter.api.Test;

/**
 * The shipped {@code deploy/server.yaml}, read the way the server reads it, with its variables set:
 * bcrypt passwords and a sha256 token pass; plain text is refused, entry by entry.
 */
class DeployServerConfigTest {
  // printf %s carol-pw | ./gridshift hash-password
  static final String BCRYPT =
      "bcrypt:$2a$12$s23tqUjue/tUK6Wq9wzqBu1WI5z/5nyHBXQrlMjyM8fIuQgrVjC7.";
  static final String SHA256 =
      "sha256:7164f2a9911d8181a4965af7e4240ec41d3c2dad6a50713c8f7e820de70470bb";

  private static GridshiftConfiguration load(String password, String token) throws Exception {
    return load(password, token, Map.of());
  }

  /** The shipped file with these secrets and {@code more} variables (the log format). */
  static GridshiftConfiguration load(String password, String token, Map<String, String> more)
      throws Exception {
    Map<String, String> env = new HashMap<>(more);
    env.putAll(
        Map.of(
            "GRIDSHIFT_ALICE_PASSWORD", password,
            "GRIDSHIFT_BOB_PASSWORD", password,
            "GRIDSHIFT_ADMIN_PASSWORD", password,
            "GRIDSHIFT_CI_TOKEN", token));
    StringSubstitutor substitutor = new StringSubstitutor(env);
    substitutor.setEnableUndefinedVariableException(true);
    return new YamlConfigurationFactory<>(
            GridshiftConfiguration.class,
            Validators.newValidator(),
            Jackson.newObjectMapper(),
            "dw")
        .build(
            new SubstitutingSourceProvider(new FileConfigurationSourceProvider(), substitutor),
            "../deploy/server.yaml");
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
}
