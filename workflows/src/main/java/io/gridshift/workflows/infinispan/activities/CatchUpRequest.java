package io.gridshift.workflows.infinispan.activities;

/**
 * A catch-up pass over one cache whose target is disconnected from its source: make the target hold
 * exactly the source's entries.
 *
 * @param cache the cache on its pair of grids
 * @param ranges how many segment ranges of each side are read in parallel
 */
public record CatchUpRequest(CacheRequest cache, int ranges) {
  /** Four ranges per side: measured as fast as more on 2 cores (RUNTIME.md, catch-up diff). */
  public static final int DEFAULT_RANGES = 4;

  public CatchUpRequest {
    if (ranges < 1) {
      throw new IllegalArgumentException("ranges must be at least 1, was " + ranges);
    }
  }
}
