package io.gridshift.starter.server;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** {@code GET /}: the operations page lives under {@code /ui/}. */
@Path("/")
public class RootResource {

  /** Redirects to the operations page. */
  @GET
  public Response root() {
    return Response.seeOther(URI.create("/ui/")).build();
  }
}
