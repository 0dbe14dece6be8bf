package io.gridshift.sandbox.temporal.ui;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What the UI server sends back: status, content type, extra headers, body. */
record HttpAnswer(int status, String contentType, Map<String, String> headers, byte[] body) {
  static HttpAnswer json(int status, String json) {
    return new HttpAnswer(
        status, "application/json", Map.of(), json.getBytes(StandardCharsets.UTF_8));
  }
}
