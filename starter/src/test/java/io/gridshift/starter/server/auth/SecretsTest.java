package io.gridshift.starter.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.auth.Authenticator;
import io.dropwizard.auth.basic.BasicCredentials;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Stored forms of passwords and tokens, the start-up rules over them, and the check's cache. */
class SecretsTest {
  // printf %s carol-pw | ./gridshift hash-password
  private static final String CAROL =
      "bcrypt:$2a$12$s23tqUjue/tUK6Wq9wzqBu1WI5z/5nyHBXQrlMjyM8fIuQgrVjC7.";
  private static final String SHA256_OF_CAROL_PW =
      "sha256:a43547358f6eda1a31f352c388d9290d296e6c8e6436edce81da55e710b982f6";

  @Test
  void bcryptMatchesOnlyItsPasswordInEveryPrefixForm() {
    assertThat(Secrets.matches(CAROL, "carol-pw")).isTrue();
    assertThat(Secrets.matches(CAROL, "carol-pw ")).isFalse();
    assertThat(Secrets.matches(CAROL, "")).isFalse();
    String bare = CAROL.substring("bcrypt:".length());
    assertThat(Secrets.matches(bare, "carol-pw")).isTrue();
    // $2b$ and $2y$ are the same algorithm under other implementations' names.
    assertThat(Secrets.matches(bare.replace("$2a$", "$2b$"), "carol-pw")).isTrue();
    assertThat(Secrets.matches(bare.replace("$2a$", "$2y$"), "carol-pw")).isTrue();
    assertThat(Secrets.matches(CAROL, "x".repeat(100))).isFalse();
  }

  @Test
  void newHashesAreSaltedAndSlow() {
    String one = Secrets.bcrypt("s3cret");
    String two = Secrets.bcrypt("s3cret");
    assertThat(one).startsWith("bcrypt:$2a$" + Secrets.BCRYPT_COST + "$").isNotEqualTo(two);
    assertThat(Secrets.matches(one, "s3cret")).isTrue();
    assertThat(Secrets.matches(two, "s3cret")).isTrue();
    assertThat(Secrets.problem(one, false, false)).isNull();
    assertThatThrownBy(() -> Secrets.bcrypt("é".repeat(37))).hasMessageContaining("72 bytes");
  }

  @Test
  void anUnsaltedSha256PasswordIsRefusedSayingHowToHashIt() {
    assertThat(Secrets.matches(SHA256_OF_CAROL_PW, "carol-pw")).isTrue();
    assertThat(Secrets.problem(SHA256_OF_CAROL_PW, false, true))
        .contains("unsalted")
        .contains("./gridshift hash-password");
    // For a random token, sha256 is fine.
    assertThat(Secrets.problem(SHA256_OF_CAROL_PW, true, false)).isNull();
    assertThat(Secrets.problem("sha256:abc", true, false)).contains("64 hex digits");
  }

  @Test
  void plainTextOnlyWhereAllowed() {
    assertThat(Secrets.problem("carol-pw", false, true)).isNull();
    assertThat(Secrets.problem("carol-pw", true, true)).isNull();
    assertThat(Secrets.problem("carol-pw", false, false))
        .contains("plain text")
        .contains("./gridshift hash-password")
        .contains("auth.allowPlainTextSecrets");
    assertThat(Secrets.problem("ci-token", true, false)).contains("sha256sum");
    assertThat(Secrets.problem(" ", false, true)).contains("empty");
  }

  @Test
  void aMangledBcryptHashIsRefusedAtStart() {
    assertThat(Secrets.problem(CAROL.substring(0, CAROL.length() - 3), false, false))
        .contains("not one");
    assertThat(Secrets.problem("bcrypt:secret", false, false)).contains("not one");
  }

  @Test
  void theServerConfigListsEveryRuleBroken() {
    AuthSettings settings =
        new AuthSettings(
            List.of(
                new UserEntry("carol", CAROL, List.of("approver")),
                new UserEntry("dave", SHA256_OF_CAROL_PW, List.of("approver")),
                new UserEntry("erin", "plain", List.of("requester"))),
            List.of(new TokenEntry("plain-token", "bot", List.of("requester"))));
    assertThat(settings.problems())
        .hasSize(3)
        .anySatisfy(p -> assertThat(p).startsWith("auth.users[1].password is an unsalted"))
        .anySatisfy(p -> assertThat(p).startsWith("auth.users[2].password is plain text"))
        .anySatisfy(p -> assertThat(p).startsWith("auth.tokens[0].token is plain text"));
  }

  @Test
  void successfulChecksAreCachedFailuresAreNot() throws Exception {
    AtomicInteger checks = new AtomicInteger();
    Authenticator<BasicCredentials, GridshiftUser> counting =
        credentials -> {
          checks.incrementAndGet();
          return credentials.getPassword().equals("right")
              ? Optional.of(new GridshiftUser(credentials.getUsername(), java.util.Set.of()))
              : Optional.empty();
        };
    Authenticator<BasicCredentials, GridshiftUser> cached =
        ConfiguredAuthenticators.cached(new MetricRegistry(), counting);
    for (int i = 0; i < 3; i++) {
      assertThat(cached.authenticate(new BasicCredentials("carol", "right"))).isPresent();
      assertThat(cached.authenticate(new BasicCredentials("carol", "wrong"))).isEmpty();
    }
    assertThat(checks.get()).isEqualTo(1 + 3);
  }
}
