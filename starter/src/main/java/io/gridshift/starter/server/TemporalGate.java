package io.gridshift.starter.server;

import io.gridshift.starter.TemporalProbe;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Answers calls under {@code /api/upgrades} and {@code /api/fleets} with 503 at once while Temporal
 * does not answer, instead of letting each call wait out the client's retries. Runs after
 * authentication (a caller without credentials still gets 401).
 *
 * <ol>
 *   <li>The probe's verdict ({@link TemporalProbe}, which waits at most 3 s) is kept for {@link
 *       #REMEMBER}; a request within that time reuses it.
 *   <li>When Temporal answered, the call goes on; when not, the call is answered 503 with the
 *       address tried, the gRPC status and what to check.
 * </ol>
 */
@Priority(Priorities.USER)
public final class TemporalGate implements ContainerRequestFilter {
  /** How long a verdict is trusted: short, so a restarted Temporal is seen within seconds. */
  static final Duration REMEMBER = Duration.ofSeconds(5);

  private final TemporalProbe probe;
  private final String target;
  private final LongSupplier nanoTime;
  private TemporalProbe.Answer last;
  private long askedAt;

  TemporalGate(TemporalConnection temporal) {
    this(
        new TemporalProbe(temporal.stubs(), temporal.access()),
        temporal.target(),
        System::nanoTime);
  }

  TemporalGate(TemporalProbe probe, String target, LongSupplier nanoTime) {
    this.probe = probe;
    this.target = target;
    this.nanoTime = nanoTime;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    if (!path.startsWith("api/upgrades") && !path.startsWith("api/fleets")) {
      return;
    }
    TemporalProbe.Answer answer = answer();
    if (!answer.answered()) {
      request.abortWith(
          ErrorMappers.error(
              Response.Status.SERVICE_UNAVAILABLE.getStatusCode(),
              answer.message(
                  target, "; check that it runs and the server's temporal.target, then retry"),
              List.of()));
    }
  }

  private synchronized TemporalProbe.Answer answer() {
    long now = nanoTime.getAsLong();
    if (last == null || now - askedAt > REMEMBER.toNanos()) {
      last = probe.ask();
      askedAt = now;
    }
    return last;
  }
}
