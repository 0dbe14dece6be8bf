package io.gridshift.workflows.infinispan;

/**
 * Whether a client write sent to the target while its source is connected reaches the source, per
 * value encoding. A FAIL means caches of that encoding need their client writes paused (see {@link
 * ProtostreamHandling#PAUSE_WRITES}).
 *
 * @param protostream caches encoded {@code application/x-protostream}
 * @param text caches encoded {@code text/plain}
 * @param unencoded caches that declare no encoding
 */
public record WriteThroughResults(PathStatus protostream, PathStatus text, PathStatus unencoded) {
  private static final String PROTOSTREAM = "application/x-protostream";

  public WriteThroughResults {
    protostream = protostream == null ? PathStatus.NOT_RUN : protostream;
    text = text == null ? PathStatus.NOT_RUN : text;
    unencoded = unencoded == null ? PathStatus.NOT_RUN : unencoded;
  }

  /** Nothing measured. */
  public static WriteThroughResults notRun() {
    return new WriteThroughResults(null, null, null);
  }

  /**
   * The verdict for a cache whose values are encoded {@code mediaType} as the inventory reports it
   * ({@code application/unknown} or none: no encoding); NOT_RUN for an encoding the matrix does not
   * measure (e.g. {@code application/x-java-object}).
   */
  public PathStatus forMediaType(String mediaType) {
    if (mediaType == null || mediaType.isBlank() || mediaType.startsWith("application/unknown")) {
      return unencoded;
    }
    if (mediaType.startsWith(PROTOSTREAM)) {
      return protostream;
    }
    return mediaType.startsWith("text/") ? text : PathStatus.NOT_RUN;
  }
}
