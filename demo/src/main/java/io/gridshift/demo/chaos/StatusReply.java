package io.gridshift.demo.chaos;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The answers {@link KubeFaultProxy} gives in the API's place: a Kubernetes {@code Status} body as
 * kube-apiserver sends it, so a client parses it into the same exception (code and reason) that a
 * real failure would give.
 */
final class StatusReply {
  private StatusReply() {}

  static void write(KubeFault fault, OutputStream out) throws IOException {
    switch (fault) {
      case HTTP_500 -> write(out, 500, "Internal Server Error", "InternalError", "", "");
      case CONFLICT_409 -> write(out, 409, "Conflict", "Conflict", "", "");
      case THROTTLE_429 ->
          write(
              out,
              429,
              "Too Many Requests",
              "TooManyRequests",
              ",\"details\":{\"retryAfterSeconds\":1}",
              "Retry-After: 1\r\n");
      default -> throw new IllegalArgumentException(fault + " is not answered by the proxy");
    }
  }

  private static void write(
      OutputStream out, int code, String phrase, String reason, String details, String extraHeaders)
      throws IOException {
    byte[] body =
        ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"injected\",\"reason\":\""
                + reason
                + "\""
                + details
                + ",\"code\":"
                + code
                + "}")
            .getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 "
            + code
            + " "
            + phrase
            + "\r\nContent-Type: application/json\r\nContent-Length: "
            + body.length
            + "\r\n"
            + extraHeaders
            + "\r\n";
    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
  }
}
