package io.gridshift.starter.server;

import io.dropwizard.jersey.setup.JerseyEnvironment;
import io.gridshift.starter.UpgradeException;
import io.gridshift.starter.server.auth.GridshiftUser;
import io.gridshift.workflows.common.InvalidRequestException;
import io.grpc.StatusRuntimeException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns every error into the API's JSON error body ({@link ErrorBody}) with the right status. */
public final class ErrorMappers {
  private static final Logger log = LoggerFactory.getLogger(ErrorMappers.class);

  private ErrorMappers() {}

  /** Registers the mappers; {@code temporalTarget} goes into "Temporal unreachable" messages. */
  public static void register(JerseyEnvironment jersey, String temporalTarget) {
    jersey.register(new Upgrade());
    jersey.register(new Invalid());
    jersey.register(new Web());
    jersey.register(new Temporal(temporalTarget));
    jersey.register(new TemporalClient(temporalTarget));
  }

  static Response error(int code, String message, List<String> problems) {
    return Response.status(code)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ErrorBody(code, message, problems))
        .build();
  }

  /** 404 unknown, 409 conflict, 422 invalid, 403 refused (four-eyes), 504 not ready in time. */
  public static final class Upgrade implements ExceptionMapper<UpgradeException> {
    @Override
    public Response toResponse(UpgradeException e) {
      int code =
          switch (e.reason()) {
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case INVALID -> 422;
            case FORBIDDEN -> 403;
            case TIMEOUT -> 504;
          };
      return error(code, e.getMessage(), List.of());
    }
  }

  /** 422 with every problem of the request. */
  public static final class Invalid implements ExceptionMapper<InvalidRequestException> {
    @Override
    public Response toResponse(InvalidRequestException e) {
      int n = e.problems().size();
      String message =
          "the request is invalid ("
              + n
              + (n == 1 ? " problem" : " problems")
              + "); fix each one listed in problems and send it again";
      return error(422, message, e.problems());
    }
  }

  /**
   * Jersey's own errors (404 no such path, 405, 415, and 403 from {@code @RolesAllowed}) in the
   * same format; a response that already has a body (the 401 challenge) is kept as is.
   */
  public static final class Web implements ExceptionMapper<WebApplicationException> {
    @Context private ResourceInfo resource;
    @Context private SecurityContext security;

    @Override
    public Response toResponse(WebApplicationException e) {
      Response r = e.getResponse();
      if (r.hasEntity() || r.getStatus() < 400) {
        return r;
      }
      String message = r.getStatus() == 403 ? forbidden() : e.getMessage();
      return error(r.getStatus(), message, List.of());
    }

    private String forbidden() {
      Method method = resource == null ? null : resource.getResourceMethod();
      RolesAllowed allowed = method == null ? null : method.getAnnotation(RolesAllowed.class);
      if (allowed == null
          || security == null
          || !(security.getUserPrincipal() instanceof GridshiftUser user)) {
        return "you may not do this: your roles do not allow it";
      }
      return "user '"
          + user.getName()
          + "' (roles "
          + user.sortedRoles()
          + ") may not do this: it needs role "
          + String.join(" or ", Arrays.asList(allowed.value()))
          + "; ask an administrator to add it in the server config";
    }
  }

  /** 503 when Temporal does not answer (or answers with an unexpected error). */
  public static final class Temporal implements ExceptionMapper<StatusRuntimeException> {
    private final String target;

    Temporal(String target) {
      this.target = target;
    }

    @Override
    public Response toResponse(StatusRuntimeException e) {
      log.warn("Temporal call failed: {}", e.toString());
      return error(
          503,
          "Temporal at "
              + target
              + " did not answer ("
              + e.getStatus().getCode()
              + "); check that it runs and the server's temporal.target, then retry",
          List.of());
    }
  }

  /**
   * 503 when the Temporal client gives up on a call (it wraps gRPC errors, e.g. a query no worker
   * answers).
   */
  public static final class TemporalClient
      implements ExceptionMapper<io.temporal.client.WorkflowException> {
    private final String target;

    TemporalClient(String target) {
      this.target = target;
    }

    @Override
    public Response toResponse(io.temporal.client.WorkflowException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      log.warn("Temporal client call failed for {}: {}", e.getExecution(), cause.toString());
      return error(
          503,
          "Temporal at "
              + target
              + " could not complete the call for "
              + e.getExecution().getWorkflowId()
              + " ("
              + cause.getMessage()
              + "); check that Temporal and a gridshift worker run, then retry",
          List.of());
    }
  }
}
