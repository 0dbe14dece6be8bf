package io.gridshift.workflows.infinispan;

/**
 * What {@code bench/upgrade-paths} measured for one source/target pair in one connection mode.
 *
 * @param connect the target connected to the source
 * @param syncData sync-data copied every entry
 * @param writeThrough writes through the connected target, per encoding
 * @param indexedQuery an indexed cache queries correctly after sync
 * @param verified counts and sampled values matched after disconnecting
 * @param detail one line: what failed and how
 */
public record PathResult(
    PathStatus connect,
    PathStatus syncData,
    WriteThroughResults writeThrough,
    PathStatus indexedQuery,
    PathStatus verified,
    String detail) {

  public PathResult {
    connect = connect == null ? PathStatus.NOT_RUN : connect;
    syncData = syncData == null ? PathStatus.NOT_RUN : syncData;
    writeThrough = writeThrough == null ? WriteThroughResults.notRun() : writeThrough;
    indexedQuery = indexedQuery == null ? PathStatus.NOT_RUN : indexedQuery;
    verified = verified == null ? PathStatus.NOT_RUN : verified;
    detail = detail == null ? "" : detail;
  }

  /** Nothing measured. */
  public static PathResult notRun() {
    return new PathResult(null, null, null, null, null, null);
  }

  /**
   * The contract's rule: connect, syncData and verified PASS, and indexedQuery not FAIL (writes
   * through the target are judged per cache, not here).
   */
  public boolean usable() {
    return connect == PathStatus.PASS
        && syncData == PathStatus.PASS
        && verified == PathStatus.PASS
        && indexedQuery != PathStatus.FAIL;
  }

  /** A check that decides usability ran and failed: the mode is known not to work. */
  public boolean failed() {
    return connect == PathStatus.FAIL
        || syncData == PathStatus.FAIL
        || verified == PathStatus.FAIL
        || indexedQuery == PathStatus.FAIL;
  }

  /** The checks that failed, e.g. {@code connect FAIL, syncData FAIL}. */
  public String failures() {
    StringBuilder s = new StringBuilder();
    appendIfFailed(s, "connect", connect);
    appendIfFailed(s, "syncData", syncData);
    appendIfFailed(s, "indexedQuery", indexedQuery);
    appendIfFailed(s, "verified", verified);
    return s.toString();
  }

  private static void appendIfFailed(StringBuilder s, String check, PathStatus status) {
    if (status == PathStatus.FAIL) {
      s.append(s.length() == 0 ? "" : ", ").append(check).append(" FAIL");
    }
  }
}
