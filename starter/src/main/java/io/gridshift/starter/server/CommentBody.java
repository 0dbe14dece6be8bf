package io.gridshift.starter.server;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The body of approve, reject, pause, resume and abort: {@code {"comment": "..."}}. Any other field
 * (a {@code by}, say) is ignored: the identity is always the authenticated caller.
 *
 * @param comment why (kept in the audit log); optional
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CommentBody(String comment) {
  /** The comment of {@code body}, which may be absent. */
  static String of(CommentBody body) {
    return body == null ? null : body.comment();
  }
}
