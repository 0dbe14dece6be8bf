package io.gridshift.starter.server.observability;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * An admin-port endpoint that answers GET with a status and a text body, never cached: the shape of
 * {@code /healthz}, {@code /readyz} and {@code /prometheus}.
 */
abstract class PlainTextServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /** What to answer now. */
  record Answer(int status, String contentType, String body) {
    static Answer text(int status, String line) {
      return new Answer(status, "text/plain; charset=utf-8", line + "\n");
    }
  }

  abstract Answer answer();

  @Override
  protected final void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Answer answer = answer();
    byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
    response.setStatus(answer.status());
    response.setContentType(answer.contentType());
    response.setHeader("Cache-Control", "no-store");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
