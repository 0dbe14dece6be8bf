package io.gridshift.starter.server.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Headers that keep browsers from misusing what this service answers, on every response (the ops
 * page's files, the API, errors):
 *
 * <ul>
 *   <li>{@code Content-Security-Policy}: the page runs only its own script files (it has no inline
 *       script or style), talks only to this origin, and may not be framed (clickjacking);
 *   <li>{@code X-Frame-Options: DENY}: the same for browsers that predate {@code frame-ancestors};
 *   <li>{@code X-Content-Type-Options: nosniff}: a JSON answer is never run as script or HTML;
 *   <li>{@code Referrer-Policy: no-referrer}: upgrade ids in the page's URL stay here;
 *   <li>{@code Cache-Control: no-store} under {@code /api/}: answers about upgrades, read with
 *       credentials, are not kept on disk by browsers or proxies.
 * </ul>
 */
public final class SecurityHeaders implements Filter {
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletResponse http = (HttpServletResponse) response;
    http.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    http.setHeader("X-Frame-Options", "DENY");
    http.setHeader("X-Content-Type-Options", "nosniff");
    http.setHeader("Referrer-Policy", "no-referrer");
    HttpServletRequest in = (HttpServletRequest) request;
    if (in.getRequestURI().startsWith(in.getContextPath() + "/api/")) {
      http.setHeader("Cache-Control", "no-store");
    }
    chain.doFilter(request, response);
  }
}
