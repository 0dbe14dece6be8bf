package io.gridshift.starter.server.auth;

import com.codahale.metrics.MetricRegistry;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.dropwizard.auth.Authenticator;
import io.dropwizard.auth.Authorizer;
import io.dropwizard.auth.CachingAuthenticator;
import io.dropwizard.auth.basic.BasicCredentials;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/** Authenticators and the authorizer over the users and tokens of {@link AuthSettings}. */
public final class ConfiguredAuthenticators {
  /** How long a successful check is remembered; the config only changes with a restart. */
  static final Duration CACHE_FOR = Duration.ofMinutes(10);

  private ConfiguredAuthenticators() {}

  /** HTTP Basic: a configured user whose password matches. */
  public static Authenticator<BasicCredentials, GridshiftUser> basic(AuthSettings settings) {
    List<UserEntry> users = List.copyOf(settings.users());
    return credentials -> {
      for (UserEntry u : users) {
        if (u.name().trim().equals(credentials.getUsername())) {
          return Secrets.matches(u.password(), credentials.getPassword())
              ? Optional.of(user(u.name(), u.roles()))
              : Optional.empty();
        }
      }
      // An unknown name takes as long as a wrong password: timing does not list the users.
      Secrets.spendBcryptTime(credentials.getPassword());
      return Optional.empty();
    };
  }

  /**
   * {@code authenticator} with its successes remembered for {@link #CACHE_FOR}: a bcrypt check
   * costs about 0.2 s of CPU, which the ops page's refresh every 2 s must not pay each time.
   * Failures are not remembered, so each wrong guess still pays the full price.
   */
  public static <C, P extends java.security.Principal> Authenticator<C, P> cached(
      MetricRegistry metrics, Authenticator<C, P> authenticator) {
    Caffeine<Object, Object> cache =
        Caffeine.newBuilder().maximumSize(1_000).expireAfterWrite(CACHE_FOR);
    return new CachingAuthenticator<>(metrics, authenticator, cache, false);
  }

  /** {@code Authorization: Bearer <token>}: the identity a configured token stands for. */
  public static Authenticator<String, GridshiftUser> bearer(AuthSettings settings) {
    List<TokenEntry> tokens = List.copyOf(settings.tokens());
    return token -> {
      for (TokenEntry t : tokens) {
        if (Secrets.matches(t.token(), token)) {
          return Optional.of(user(t.name(), t.roles()));
        }
      }
      return Optional.empty();
    };
  }

  /** {@code @RolesAllowed}: the caller has the role. */
  public static Authorizer<GridshiftUser> roles() {
    return (GridshiftUser user, String role, ContainerRequestContext request) ->
        user.roles().contains(role);
  }

  private static GridshiftUser user(String name, List<String> roles) {
    return new GridshiftUser(name.trim(), new HashSet<>(roles == null ? List.of() : roles));
  }
}
