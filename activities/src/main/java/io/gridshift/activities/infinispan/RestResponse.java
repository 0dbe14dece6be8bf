package io.gridshift.activities.infinispan;

/**
 * An HTTP answer of the REST admin API.
 *
 * @param status HTTP status
 * @param body response body as text (empty, never null)
 */
public record RestResponse(int status, String body) {
  private static final int MAX_MESSAGE = 400;

  public boolean ok() {
    return status >= 200 && status < 300;
  }

  /** The body cut to a length that fits a failure message. */
  public String shortBody() {
    String trimmed = body.strip();
    if (trimmed.isEmpty()) {
      return "(empty body)";
    }
    return trimmed.length() <= MAX_MESSAGE ? trimmed : trimmed.substring(0, MAX_MESSAGE) + "...";
  }
}
