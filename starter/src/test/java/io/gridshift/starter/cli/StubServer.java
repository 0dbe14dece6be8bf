package io.gridshift.starter.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A canned HTTP server on 127.0.0.1 (ephemeral port) standing in for the REST service: answers
 * {@code METHOD path} with a preset status and JSON, and remembers the last request.
 */
final class StubServer implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  volatile Request last;

  StubServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Answers {@code method pathAndQuery} with {@code status} and {@code json}. */
  void answer(String method, String pathAndQuery, int status, String json) {
    answers.put(method + " " + pathAndQuery, new Answer(status, json));
  }

  private void handle(HttpExchange exchange) throws IOException {
    String target = exchange.getRequestURI().getRawPath();
    if (exchange.getRequestURI().getRawQuery() != null) {
      target += "?" + exchange.getRequestURI().getRawQuery();
    }
    String key = exchange.getRequestMethod() + " " + target;
    last =
        new Request(
            key,
            exchange.getRequestHeaders().getFirst("Authorization"),
            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    Answer answer =
        answers.getOrDefault(
            key,
            new Answer(404, "{\"code\":404,\"message\":\"stub has no answer for " + key + "\"}"));
    byte[] body = answer.json().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  record Answer(int status, String json) {}

  /** What the CLI sent. */
  record Request(String target, String authorization, String body) {}
}
