package io.gridshift.starter.server;

import com.codahale.metrics.annotation.Timed;
import io.dropwizard.auth.Auth;
import io.gridshift.starter.server.auth.GridshiftUser;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * {@code GET /api/me}: who the caller is and what they may do (the page shows its buttons by it).
 */
@Path("/api/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

  /**
   * The caller's identity and roles.
   *
   * @param name the identity recorded in audit logs
   * @param roles sorted roles
   */
  public record Me(String name, List<String> roles) {}

  /** The authenticated caller. */
  @GET
  @Timed
  @PermitAll
  public Me me(@Auth GridshiftUser caller) {
    return new Me(caller.getName(), caller.sortedRoles());
  }
}
