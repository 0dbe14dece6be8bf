package io.gridshift.starter.server.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/** The labels stay bounded, and a request that throws is counted as the 500 Jetty answers. */
class HttpRequestMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final HttpRequestMetrics metrics = new HttpRequestMetrics(registry);

  @Test
  void anUnknownMethodIsCountedAsOther() {
    metrics.record("PROPFIND", 405, 1_000_000);
    metrics.record("get", 200, 1_000_000);
    assertThat(count("OTHER", "405")).isEqualTo(1);
    assertThat(count("GET", "200")).isEqualTo(1);
    assertThat(registry.get(HttpRequestMetrics.DURATION).tags("method", "GET").timer().count())
        .isEqualTo(1);
  }

  @Test
  void aRequestThatThrowsIsCountedAs500() {
    HttpServletRequest request = stub(HttpServletRequest.class, "getMethod", "POST");
    HttpServletResponse response = stub(HttpServletResponse.class, "getStatus", 200);
    assertThatThrownBy(
            () ->
                metrics.doFilter(
                    request,
                    response,
                    (req, resp) -> {
                      throw new ServletException("boom");
                    }))
        .hasMessage("boom");
    assertThat(count("POST", "500")).isEqualTo(1);
    assertThat(registry.find(HttpRequestMetrics.REQUESTS).tags("status", "200").counter()).isNull();
  }

  /** An interface whose one method answers {@code value} (a proxy: no mock framework to load). */
  private static <T> T stub(Class<T> type, String method, Object value) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, m, args) -> {
              if (m.getName().equals(method)) {
                return value;
              }
              throw new UnsupportedOperationException(m.getName());
            }));
  }

  private double count(String method, String status) {
    return registry
        .get(HttpRequestMetrics.REQUESTS)
        .tags("method", method, "status", status)
        .counter()
        .count();
  }
}
