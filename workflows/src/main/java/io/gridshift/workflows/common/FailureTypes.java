package io.gridshift.workflows.common;

import java.util.List;

/**
 * Application failure types. Activities throw {@code
 * ApplicationFailure.newNonRetryableFailure(message, TYPE)} for these; everything else (Kubernetes
 * conflicts and 5xx, connection errors, "not yet ready") is retryable. Messages say what happened,
 * to what, and what to do.
 */
public final class FailureTypes {
  /** The request is malformed or names things that do not exist. */
  public static final String INVALID_REQUEST = "InvalidRequest";

  /** The grid (StatefulSet) named in the request does not exist. */
  public static final String GRID_NOT_FOUND = "GridNotFound";

  /** A cache named in the request does not exist on the source. */
  public static final String CACHE_NOT_FOUND = "CacheNotFound";

  /** A setting of the grid would lose data during the upgrade. */
  public static final String UNSAFE_CONFIGURATION = "UnsafeConfiguration";

  /** The version jump is a downgrade, a no-op, or not tested/supported. */
  public static final String UNSUPPORTED_VERSION = "UnsupportedVersion";

  /** Target data differs from the source (missing keys, different values). */
  public static final String DATA_MISMATCH = "DataMismatch";

  /** A write through the target does not reach the source (the protostream hazard). */
  public static final String WRITE_PROBE_FAILED = "WriteProbeFailed";

  /** A Kubernetes Secret named in the request is missing or lacks a key. */
  public static final String SECRET_NOT_FOUND = "SecretNotFound";

  /**
   * An object the upgrade would change is not this upgrade's to change: another upgrade holds its
   * claim (annotation {@code gridshift.io/upgrade}), or the claim this upgrade wrote is gone.
   */
  public static final String CLAIM_CONFLICT = "ClaimConflict";

  /** No worker picked up the first call to a cluster: nothing serves its task queue. */
  public static final String NO_AGENT = "NoAgent";

  /** Failure types an activity never retries. */
  public static final List<String> NON_RETRYABLE =
      List.of(
          INVALID_REQUEST,
          GRID_NOT_FOUND,
          CACHE_NOT_FOUND,
          UNSAFE_CONFIGURATION,
          UNSUPPORTED_VERSION,
          DATA_MISMATCH,
          WRITE_PROBE_FAILED,
          SECRET_NOT_FOUND,
          CLAIM_CONFLICT);

  private FailureTypes() {}
}
