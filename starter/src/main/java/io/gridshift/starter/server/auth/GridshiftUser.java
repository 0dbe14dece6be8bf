package io.gridshift.starter.server.auth;

import java.security.Principal;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * An authenticated caller: a configured user (HTTP Basic) or the identity behind a bearer token.
 * Its name is what the audit log records for approvals, pauses and aborts.
 *
 * @param name the identity
 * @param roles its roles ({@link Roles})
 */
public record GridshiftUser(String name, Set<String> roles) implements Principal {

  public GridshiftUser {
    roles = Set.copyOf(roles);
  }

  @Override
  public String getName() {
    return name;
  }

  /** The roles, sorted (for messages and {@code /api/me}). */
  public List<String> sortedRoles() {
    return List.copyOf(new TreeSet<>(roles));
  }
}
