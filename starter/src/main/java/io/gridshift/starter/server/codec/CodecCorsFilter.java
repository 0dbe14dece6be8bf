package io.gridshift.starter.server.codec;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * CORS for the codec endpoints, so the Temporal UI's page (another origin) can call them with the
 * user's credentials. Only the configured origins are answered:
 *
 * <ol>
 *   <li>No {@code Origin} header (the Temporal CLI, curl, a same-origin call): passes unchanged.
 *   <li>An origin that is not configured: 403 before anything runs, preflight or not, so no other
 *       site's page can use the endpoints with a browser's cached credentials.
 *   <li>A preflight ({@code OPTIONS} with {@code Access-Control-Request-Method}) from a configured
 *       origin: 204 with the allowed method (POST), headers (Authorization, Content-Type,
 *       X-Namespace) and credentials; preflights carry no credentials, so they are answered here,
 *       before authentication.
 *   <li>Any other request from a configured origin: the allow-origin and allow-credentials headers
 *       are added (to errors too, so the UI can read a 401), then authentication and the resource
 *       run as for any caller.
 * </ol>
 */
public final class CodecCorsFilter implements Filter {
  static final String ALLOWED_HEADERS = "Authorization, Content-Type, X-Namespace";
  private static final String MAX_AGE_SECONDS = "600";

  private final Set<String> origins;

  public CodecCorsFilter(Iterable<String> origins) {
    Set<String> set = new HashSet<>();
    origins.forEach(set::add);
    this.origins = Set.copyOf(set);
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    String origin = request.getHeader("Origin");
    if (origin == null) {
      chain.doFilter(req, res);
      return;
    }
    response.addHeader("Vary", "Origin");
    if (!origins.contains(origin)) {
      refuse(response, origin);
      return;
    }
    response.setHeader("Access-Control-Allow-Origin", origin);
    response.setHeader("Access-Control-Allow-Credentials", "true");
    if ("OPTIONS".equals(request.getMethod())
        && request.getHeader("Access-Control-Request-Method") != null) {
      response.setHeader("Access-Control-Allow-Methods", "POST, OPTIONS");
      response.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
      response.setHeader("Access-Control-Max-Age", MAX_AGE_SECONDS);
      response.setStatus(HttpServletResponse.SC_NO_CONTENT);
      return;
    }
    chain.doFilter(req, res);
  }

  private static void refuse(HttpServletResponse response, String origin) throws IOException {
    String message =
        "origin "
            + origin
            + " may not call the codec endpoints; add it to codec.corsOrigins in the server"
            + " config if it is your Temporal UI";
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    response.setContentType("application/json");
    response
        .getOutputStream()
        .write(
            ("{\"code\":403,\"message\":" + quote(message) + ",\"problems\":[]}")
                .getBytes(StandardCharsets.UTF_8));
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
