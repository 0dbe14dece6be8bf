package io.gridshift.starter.server.auth;

import io.dropwizard.auth.Authenticator;
import io.dropwizard.auth.Authorizer;
import io.dropwizard.auth.basic.BasicCredentials;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/** Authenticators and the authorizer over the users and tokens of {@link AuthSettings}. */
public final class ConfiguredAuthenticators {
  private ConfiguredAuthenticators() {}

  /** HTTP Basic: a configured user whose password matches. */
  public static Authenticator<BasicCredentials, GridshiftUser> basic(AuthSettings settings) {
    List<UserEntry> users = List.copyOf(settings.users());
    return credentials -> {
      for (UserEntry u : users) {
        if (u.name().trim().equals(credentials.getUsername())
            && Secrets.matches(u.password(), credentials.getPassword())) {
          return Optional.of(user(u.name(), u.roles()));
        }
      }
      return Optional.empty();
    };
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
