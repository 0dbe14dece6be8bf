package io.gridshift.starter.server.web;

import io.gridshift.starter.server.ErrorBody;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses state-changing calls that a page of another site could make with the browser's stored
 * credentials (cross-site request forgery).
 *
 * <ol>
 *   <li>Only POST, PUT, PATCH and DELETE are checked; reading changes nothing.
 *   <li>Paths under an exempt prefix are left to their own resource, which must check the caller's
 *       origin itself (CORS): the hook for Temporal's codec endpoints, called from the Temporal
 *       UI's origin.
 *   <li>The call must carry {@value #HEADER}. A cross-site HTML form cannot set a header, and a
 *       cross-site {@code fetch} that sets one must first pass a CORS preflight, which this service
 *       never grants: so the header proves the call comes from the ops page, the CLI or a script.
 *   <li>A call with a body must send it as JSON (or YAML, which a fleet spec may be): never as a
 *       type an HTML form can send, in case a resource reads any body as text.
 * </ol>
 *
 * <p>It runs after authentication ({@link Priorities#AUTHENTICATION} + 500) and before the role
 * check, so a caller without credentials still hears 401 (and which credentials to send) first.
 */
@Priority(Priorities.AUTHENTICATION + 500)
public final class CrossSiteGuard implements ContainerRequestFilter {
  /** The header every state-changing call must carry (any non-blank value; we send {@code 1}). */
  public static final String HEADER = "X-Gridshift-Request";

  static final String MISSING_HEADER =
      "refused: a call that changes something must carry the header '"
          + HEADER
          + ": 1' (the ops page and the CLI send it; add it to scripts, e.g. curl -H '"
          + HEADER
          + ": 1'). Without it the call could come from another site's page using your"
          + " browser's credentials";

  private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

  /** Besides JSON: the YAML types a fleet spec may come as. */
  private static final Set<String> YAML_TYPES =
      Set.of("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml");

  private final List<String> exemptPrefixes;

  /**
   * @param exemptPrefixes path prefixes (without the leading slash, as {@code codec/}) served by
   *     resources that check the caller's origin themselves
   */
  public CrossSiteGuard(Set<String> exemptPrefixes) {
    this.exemptPrefixes = List.copyOf(exemptPrefixes);
  }

  @Override
  public void filter(ContainerRequestContext request) {
    if (!STATE_CHANGING.contains(request.getMethod()) || exempt(request)) {
      return;
    }
    String header = request.getHeaderString(HEADER);
    if (header == null || header.isBlank()) {
      request.abortWith(refusal(Response.Status.FORBIDDEN, MISSING_HEADER));
      return;
    }
    MediaType type = request.getMediaType();
    if (request.hasEntity() && !readable(type)) {
      request.abortWith(
          refusal(
              Response.Status.UNSUPPORTED_MEDIA_TYPE,
              "refused: the body must be JSON, sent with 'Content-Type: application/json' (a fleet"
                  + " spec may be YAML, 'application/yaml'); got "
                  + (type == null ? "no Content-Type" : "'" + type + "'")));
    }
  }

  /** JSON, or YAML (fleet specs): never a type an HTML form can send. */
  private static boolean readable(MediaType type) {
    if (type == null) {
      return false;
    }
    String name = (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT);
    return type.isCompatible(MediaType.APPLICATION_JSON_TYPE) || YAML_TYPES.contains(name);
  }

  private boolean exempt(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    String relative = path.startsWith("/") ? path.substring(1) : path;
    return exemptPrefixes.stream().anyMatch(relative::startsWith);
  }

  private static Response refusal(Response.Status status, String message) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ErrorBody(status.getStatusCode(), message, List.of()))
        .build();
  }
}
