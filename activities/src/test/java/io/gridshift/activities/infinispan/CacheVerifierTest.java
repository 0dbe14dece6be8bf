package io.gridshift.activities.infinispan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The value comparison under live client writes: a key a client rewrote between the two reads is
 * not a difference; a value the target really lost is.
 */
class CacheVerifierTest {
  private static byte[] key(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String name(byte[] key) {
    return new String(key, StandardCharsets.UTF_8);
  }

  @Test
  void aKeyRewrittenBetweenTheReadsIsNotADifferenceButALostValueIs() {
    // k2 differs on the first comparison only (a client's write landed between the two reads); k3
    // differs every time (the target holds an older value); k1 always matches.
    Map<String, Integer> differsFor = Map.of("k2", 1, "k3", Integer.MAX_VALUE);
    Map<String, AtomicInteger> compared =
        Map.of("k2", new AtomicInteger(), "k3", new AtomicInteger());
    AtomicInteger pauses = new AtomicInteger();

    List<byte[]> left =
        CacheVerifier.stillDiffering(
            List.of(key("k1"), key("k2"), key("k3")),
            keys -> {
              List<byte[]> differing = new ArrayList<>();
              for (byte[] k : keys) {
                String n = name(k);
                if (differsFor.containsKey(n)
                    && compared.get(n).incrementAndGet() <= differsFor.get(n)) {
                  differing.add(k);
                }
              }
              return differing;
            },
            pauses::incrementAndGet);

    assertThat(left).extracting(CacheVerifierTest::name).containsExactly("k3");
    assertThat(compared.get("k3").get()).isEqualTo(1 + CacheVerifier.RECHECKS);
    assertThat(pauses.get()).isEqualTo(CacheVerifier.RECHECKS);
  }

  @Test
  void keysThatMatchAtOnceAreNotReadAgain() {
    AtomicInteger comparisons = new AtomicInteger();
    List<byte[]> left =
        CacheVerifier.stillDiffering(
            List.of(key("k1")),
            keys -> {
              comparisons.incrementAndGet();
              return List.of();
            },
            () -> {
              throw new AssertionError("no pause when nothing differs");
            });

    assertThat(left).isEmpty();
    assertThat(comparisons.get()).isEqualTo(1);
  }
}
