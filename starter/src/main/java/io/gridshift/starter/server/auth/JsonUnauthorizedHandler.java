package io.gridshift.starter.server.auth;

import io.dropwizard.auth.UnauthorizedHandler;
import io.gridshift.starter.server.ErrorBody;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * Answers 401 in the API's error format, saying which credentials are accepted. The {@code
 * WWW-Authenticate: Basic} challenge lets a browser ask for a user and password.
 */
public final class JsonUnauthorizedHandler implements UnauthorizedHandler {
  static final String MESSAGE =
      "credentials are required and must be valid: send HTTP Basic with a user of the server"
          + " config, or 'Authorization: Bearer <token>' with a configured token";

  @Override
  public Response buildResponse(String prefix, String realm) {
    return Response.status(Response.Status.UNAUTHORIZED)
        .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + realm + "\"")
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ErrorBody(401, MESSAGE, List.of()))
        .build();
  }
}
