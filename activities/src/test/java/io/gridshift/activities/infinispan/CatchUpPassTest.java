package io.gridshift.activities.infinispan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The catch-up pass's diff and its split of segments; the pass itself runs in RuntimeModeIT. */
class CatchUpPassTest {

  @Test
  void copiesWhatIsMissingOrDifferentAndDeletesWhatIsGone() {
    Map<ByteBuffer, byte[]> source = entries("a", "1", "b", "2", "c", "3");
    Map<ByteBuffer, byte[]> target = entries("a", "1", "b", "old", "gone", "x");

    Map<byte[], byte[]> copy = CatchUpPass.differing(source, target);
    List<byte[]> delete = CatchUpPass.gone(source, target);

    Map<String, String> copied = new HashMap<>();
    copy.forEach((k, v) -> copied.put(text(k), text(v)));
    assertThat(copied).containsOnly(Map.entry("b", "2"), Map.entry("c", "3"));
    assertThat(delete).extracting(CatchUpPassTest::text).containsExactly("gone");
  }

  @Test
  void equalCachesNeedNothing() {
    Map<ByteBuffer, byte[]> source = entries("a", "1", "b", "2");
    Map<ByteBuffer, byte[]> target = entries("a", "1", "b", "2");

    assertThat(CatchUpPass.differing(source, target)).isEmpty();
    assertThat(CatchUpPass.gone(source, target)).isEmpty();
  }

  @Test
  void segmentRangesCoverEverySegmentOnce() {
    List<Set<Integer>> ranges = CatchUpPass.segmentRanges(256, 4);

    assertThat(ranges).hasSize(4).allSatisfy(r -> assertThat(r).hasSize(64));
    Set<Integer> all = new HashSet<>();
    ranges.forEach(all::addAll);
    assertThat(all).hasSize(256).contains(0, 255);
    assertThat(CatchUpPass.segmentRanges(3, 4)).hasSize(3);
    // Unknown segment count: one reader over the whole cache.
    assertThat(CatchUpPass.segmentRanges(null, 4)).containsExactly((Set<Integer>) null);
  }

  private static Map<ByteBuffer, byte[]> entries(String... keysAndValues) {
    Map<ByteBuffer, byte[]> map = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(
          ByteBuffer.wrap(keysAndValues[i].getBytes(StandardCharsets.UTF_8)),
          keysAndValues[i + 1].getBytes(StandardCharsets.UTF_8));
    }
    return map;
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
