package io.gridshift.activities.infinispan;

import static io.gridshift.activities.infinispan.InfinispanRest.cachePath;

import io.gridshift.workflows.infinispan.activities.ProbeResult;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that a write sent to a connected target cache reaches the source, as client writes will
 * once traffic moves to the target before sync.
 *
 * <ol>
 *   <li>PUT the probe entry {@value #KEY} through the target's REST API as {@code text/plain}: the
 *       server stores it in the cache's own encoding (for a protostream cache a wrapped string,
 *       valid with any or no registered schema), through the same write path Hot Rod clients use.
 *   <li>GET it from the source: it must be there with the same text.
 *   <li>DELETE it through the target, and from the source if it is still there.
 * </ol>
 *
 * Known failure (Infinispan 15.0.21, 15.2.6): on {@code application/x-protostream} caches the
 * remote store fails the write ({@code ClassCastException ProtobufValueWrapper -> byte[]}), and the
 * entry may stay in the target's memory even though the write failed, beyond the reach of a delete
 * that fails in the same store. The key is therefore fixed, not random: {@link #removeLeftover}
 * deletes it once the cache is disconnected and the delete is local.
 */
final class WriteProbe {
  private static final Logger LOG = LoggerFactory.getLogger(WriteProbe.class);

  /** The probe's key: one per cache, so a leftover can be found and removed later. */
  static final String KEY = "gridshift-write-probe";

  private final InfinispanRest source;
  private final InfinispanRest target;

  WriteProbe(InfinispanRest source, InfinispanRest target) {
    this.source = source;
    this.target = target;
  }

  ProbeResult probe(String cache, String mediaType) {
    String value = "gridshift write-through probe " + UUID.randomUUID() + " " + Instant.now();
    String entry = entry(cache);
    RestResponse write =
        target.client().send("PUT", entry, "text/plain", value, null, RestClient.DEFAULT_TIMEOUT);
    if (write.status() == 404 && write.body().contains("ISPN012010")) {
      throw target.grid().cacheNotFound(cache, "create it before probing");
    }
    if (!write.ok()) {
      String cleanup = cleanUp(entry);
      return new ProbeResult(cache, false, writeFailed(cache, mediaType, write) + cleanup);
    }
    RestResponse read =
        source.client().send("GET", entry, null, null, "text/plain", RestClient.DEFAULT_TIMEOUT);
    String cleanup = cleanUp(entry);
    if (read.status() == 404) {
      return new ProbeResult(
          cache,
          false,
          "a write through the target cache did not reach the source (the probe entry is"
              + " missing there): the target is not connected to the source, so writes sent to"
              + " it after switching traffic would be missing on the source and could be"
              + " overwritten by sync-data; connect the source first"
              + cleanup);
    }
    if (!read.ok() || !value.equals(read.body())) {
      return new ProbeResult(
          cache,
          false,
          "the probe written through the target reads back differently from the source (HTTP "
              + read.status()
              + ": "
              + read.shortBody()
              + "): traffic will not be switched while writes may be altered"
              + cleanup);
    }
    return new ProbeResult(
        cache,
        true,
        "a "
            + mediaType
            + " write through the target reached the source and was removed"
            + cleanup);
  }

  private static String writeFailed(String cache, String mediaType, RestResponse write) {
    boolean hazard =
        write.body().contains("ProtobufValueWrapper")
            || "application/x-protostream".equals(mediaType);
    if (hazard) {
      return "a write through the target to cache '"
          + cache
          + "' ("
          + mediaType
          + ") failed in its remote store (HTTP "
          + write.status()
          + ": "
          + write.shortBody()
          + "). This is the known Infinispan 15 protostream hazard: while connected, writes"
          + " through the target are lost and the old value returns at sync. Traffic will not"
          + " be switched before sync. Either keep clients on the source until sync-data and"
          + " disconnect are done (disconnect-first), or use a cache without protostream"
          + " encoding.";
    }
    return "a write through the target to cache '"
        + cache
        + "' failed (HTTP "
        + write.status()
        + ": "
        + write.shortBody()
        + "): writes sent to the target would fail; traffic will not be switched";
  }

  /**
   * Removes a probe entry a failed probe left on the disconnected {@code cache}: with no remote
   * store left the write and the delete are local and cannot fail the way the probe's own cleanup
   * can. Idempotent.
   *
   * <p>The failed write may have left the entry on one owner only (the backup applied it, the
   * primary did not, or the other way round): a plain delete goes to the primary, finds nothing
   * there (404) and is not passed on, so the stray copy stayed and the target counted one entry
   * more than the source (seen in the end-to-end test). Writing the key first puts it on every
   * owner; the delete then removes every copy.
   */
  static void removeLeftover(String cache, InfinispanRest target) {
    RestResponse written =
        target
            .client()
            .send(
                "PUT",
                entry(cache),
                "text/plain",
                "gridshift write-probe cleanup",
                null,
                RestClient.DEFAULT_TIMEOUT);
    if (!written.ok()) {
      throw target
          .grid()
          .unexpected("overwriting the write probe entry of cache '" + cache + "'", written);
    }
    RestResponse removed = target.client().delete(entry(cache));
    if (removed.ok()) {
      LOG.debug("cleared the write probe key of {} on {}", cache, target.grid().describe());
    } else if (removed.status() != 404) {
      throw target
          .grid()
          .unexpected("removing the write probe entry from cache '" + cache + "'", removed);
    }
  }

  private static String entry(String cache) {
    return cachePath(cache) + "/" + RestClient.segment(KEY);
  }

  /** Removes the probe everywhere; returns a note for the detail when that did not work. */
  private String cleanUp(String entry) {
    try {
      target.client().delete(entry);
      RestResponse left = source.client().get(entry);
      if (left.ok()) {
        RestResponse removed = source.client().delete(entry);
        if (!removed.ok() && removed.status() != 404) {
          return " (the probe entry " + entry + " is still on the source: remove it)";
        }
      }
      return "";
    } catch (RuntimeException e) {
      LOG.warn("removing probe entry {} failed: {}", entry, e.getMessage());
      return " (removing the probe entry " + entry + " failed: " + e.getMessage() + ")";
    }
  }
}
