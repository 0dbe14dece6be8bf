package io.gridshift.starter.server.auth;

import java.util.Set;

/** The roles of the REST service. Reading needs any authenticated user. */
public final class Roles {
  /** Starts, pauses, resumes and aborts upgrades. */
  public static final String REQUESTER = "requester";

  /** Approves and rejects gates. */
  public static final String APPROVER = "approver";

  /** Every role a user or token may have. */
  public static final Set<String> ALL = Set.of(REQUESTER, APPROVER);

  private Roles() {}
}
