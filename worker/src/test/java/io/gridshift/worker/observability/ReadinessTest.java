package io.gridshift.worker.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The verdict joins every failing check, and is reused for {@link Readiness#CACHE_FOR}. */
class ReadinessTest {
  private final AtomicLong now = new AtomicLong();
  private final AtomicInteger calls = new AtomicInteger();

  @Test
  void probesWithinTheCachePeriodDoNotCallTheDependenciesAgain() {
    String[] temporal = {null};
    Map<String, Readiness.Check> checks = new LinkedHashMap<>();
    checks.put(
        "temporal t",
        () -> {
          calls.incrementAndGet();
          return temporal[0];
        });
    checks.put("cluster a", () -> "down");
    checks.put(
        "cluster b",
        () -> {
          throw new IllegalStateException("boom");
        });
    Readiness readiness = new Readiness(checks, now::get);

    assertThat(readiness.problem())
        .isEqualTo("cluster a: down; cluster b: java.lang.IllegalStateException: boom");
    temporal[0] = "gone";
    now.addAndGet(Duration.ofSeconds(4).toNanos());
    assertThat(readiness.problem()).doesNotContain("temporal");
    assertThat(calls).hasValue(1);

    now.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(readiness.problem()).startsWith("temporal t: gone; cluster a: down");
    assertThat(calls).hasValue(2);
  }
}
