package io.gridshift.starter.server.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Counts and times every request on the application port: {@code
 * gridshift_http_requests_total{method,status}} and {@code
 * gridshift_http_request_duration_seconds{method,status}} (a histogram with a few fixed buckets). A
 * servlet filter rather than a Jersey one, so that refusals before Jersey (the operations page's
 * assets, a 404) and the auth filters' 401s are counted too.
 *
 * <p>Labels stay bounded: the method is one of the HTTP methods (anything else is {@code OTHER})
 * and the status is the three-digit code; the path is deliberately not a label, since workflow ids
 * in it would make a series per upgrade.
 */
public final class HttpRequestMetrics implements Filter {
  static final String REQUESTS = "gridshift.http.requests";
  static final String DURATION = "gridshift.http.request.duration";

  private static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

  /** Bucket bounds: an API call answers in milliseconds, a dry run can take the full timeout. */
  private static final Duration[] BUCKETS = {
    Duration.ofMillis(5),
    Duration.ofMillis(25),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30),
    Duration.ofSeconds(90)
  };

  private final MeterRegistry registry;

  public HttpRequestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    long started = System.nanoTime();
    boolean failed = true;
    try {
      chain.doFilter(request, response);
      failed = false;
    } finally {
      // An exception that escapes Jersey becomes Jetty's 500, after this filter has returned.
      int status = failed ? 500 : ((HttpServletResponse) response).getStatus();
      record(((HttpServletRequest) request).getMethod(), status, System.nanoTime() - started);
    }
  }

  void record(String httpMethod, int status, long nanos) {
    String method = httpMethod == null ? "OTHER" : httpMethod.toUpperCase(Locale.ROOT);
    if (!METHODS.contains(method)) {
      method = "OTHER";
    }
    String code = Integer.toString(status);
    Counter.builder(REQUESTS)
        .description("HTTP requests answered by the REST service, by method and status")
        .tags("method", method, "status", code)
        .register(registry)
        .increment();
    Timer.builder(DURATION)
        .description("Time the REST service took to answer, by method and status")
        .tags("method", method, "status", code)
        .serviceLevelObjectives(BUCKETS)
        .register(registry)
        .record(Duration.ofNanos(nanos));
  }
}
