package io.gridshift.workflows.infinispan;

/**
 * An upstream Infinispan issue behind a matrix row's failure, cited in the plan's refusal or
 * warning so a person can follow it.
 *
 * @param id e.g. {@code ISPN-12345}
 * @param url where to read it
 * @param summary its title, in one line
 */
public record UpstreamIssue(String id, String url, String summary) {
  /** {@code ISPN-12345 (https://...)}. */
  public String cite() {
    return url == null || url.isBlank() ? id : id + " (" + url + ")";
  }
}
