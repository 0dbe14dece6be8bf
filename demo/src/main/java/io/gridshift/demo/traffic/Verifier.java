package io.gridshift.demo.traffic;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end-of-run check: reads every key whose write was acknowledged and compares it with the last
 * acknowledged version.
 *
 * <ol>
 *   <li>A key is fine when it holds that version or a newer one (a write that failed from the
 *       client's point of view may still have been applied).
 *   <li>It is a lost write when it is missing or holds an older or foreign value.
 *   <li>A read that fails is retried a few times, the grid may still be settling; a key that stays
 *       unreadable, or is not reached before the budget runs out, is counted as unreadable: never
 *       as fine.
 * </ol>
 */
final class Verifier {
  private static final Logger LOG = LoggerFactory.getLogger(Verifier.class);
  static final int MAX_EXAMPLES = 10;

  private final GridOps grid;
  private final TrafficOptions options;

  Verifier(GridOps grid, TrafficOptions options) {
    this.grid = grid;
    this.options = options;
  }

  Verification verify(List<KeyBook.Key> keys) throws InterruptedException {
    long deadline = System.nanoTime() + options.verifyTimeout().toNanos();
    long missing = 0;
    long stale = 0;
    long unreadable = 0;
    List<String> examples = new ArrayList<>();
    for (KeyBook.Key key : keys) {
      long acked = key.acked();
      Read read =
          System.nanoTime() < deadline ? read(key.name, deadline) : new Read(null, "not reached");
      String problem;
      if (read.failure != null) {
        unreadable++;
        problem = "unreadable: " + read.failure;
      } else if (read.value == null) {
        missing++;
        problem = "missing, acknowledged version " + acked;
      } else if (KeyBook.versionOf(key.name, read.value) < acked) {
        stale++;
        problem = "holds '" + read.value + "', acknowledged version " + acked;
      } else {
        continue;
      }
      if (examples.size() < MAX_EXAMPLES) {
        examples.add(key.name + " " + problem);
      }
    }
    Verification result =
        new Verification(keys.size(), missing + stale, missing, stale, unreadable, examples);
    if (result.lostWrites() > 0 || unreadable > 0) {
      LOG.warn(
          "traffic verification on {}: {} of {} acknowledged keys lost ({} missing, {} stale), {}"
              + " unreadable; e.g. {}",
          grid.describe(),
          result.lostWrites(),
          keys.size(),
          missing,
          stale,
          unreadable,
          examples);
    } else {
      LOG.info(
          "traffic verification on {}: all {} acknowledged keys intact",
          grid.describe(),
          keys.size());
    }
    return result;
  }

  private Read read(String key, long deadline) throws InterruptedException {
    String failure = null;
    for (int attempt = 1; attempt <= options.verifyAttempts(); attempt++) {
      try {
        return new Read(grid.get(key), null);
      } catch (Exception e) {
        failure = OpRunner.messageOf(e);
        LOG.debug("verification read {} attempt {} failed: {}", key, attempt, failure);
      }
      if (attempt < options.verifyAttempts() && System.nanoTime() < deadline) {
        Thread.sleep(options.verifyBackoff().toMillis());
      } else {
        break;
      }
    }
    return new Read(null, failure + " (after retries)");
  }

  private record Read(String value, String failure) {}
}
